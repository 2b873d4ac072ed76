package vn.ictrank.ingest;

import org.springframework.context.SmartLifecycle;

import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.support.CampaignStore;

/**
 * The campaign whose mailbox this service watches, as it stands now: staff may change its roster
 * on the dashboard while mail comes in, and a mail is read on the roster of the moment it is read.
 * The start stops when there is no such campaign, on disk or defined on the dashboard.
 */
public final class WatchedCampaign implements SmartLifecycle {

	private final CampaignCatalog catalog;

	private final CampaignStore store;

	private final String id;

	private volatile boolean running;

	WatchedCampaign(CampaignCatalog catalog, CampaignStore store, String id) {
		this.catalog = catalog;
		this.store = store;
		this.id = id;
	}

	public String id() {
		return this.id;
	}

	public Campaign now() {
		return this.catalog.require(this.id);
	}

	/**
	 * Waits, a minute at most, for a campaign that is in no folder to be read from the broker: the
	 * campaigns' reader gives up waiting for the start when the broker is slow to answer, and goes on.
	 */
	@Override
	public void start() {
		if (this.catalog.find(this.id).isEmpty()) {
			try {
				this.store.awaitCaughtUp(java.time.Duration.ofMinutes(1));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		now();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** After the campaigns defined on the dashboard are read, before the mailbox is. */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 2000;
	}
}
