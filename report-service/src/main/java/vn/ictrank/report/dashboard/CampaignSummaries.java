package vn.ictrank.report.dashboard;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.report.BackgroundReads;
import vn.ictrank.report.Campaigns;
import vn.ictrank.report.ReportProperties;
import vn.ictrank.report.ranking.LateExceptions;
import vn.ictrank.report.ranking.Standing;
import vn.ictrank.report.ranking.Standings;
import vn.ictrank.report.submissions.SubmissionChanged;
import vn.ictrank.report.submissions.SubmissionDocument;
import vn.ictrank.report.submissions.SubmissionFilter;
import vn.ictrank.report.submissions.SubmissionStatus;
import vn.ictrank.report.submissions.SubmissionStore;

/**
 * Each campaign's submissions as the overview shows them: the counters, the roster and the list.
 * They need every submission of the campaign, which on deadline day is thousands, and each open
 * tab reading them all from the database on every request is what made the page slow while mail
 * poured in. Here they are held in their listing shape (without the figures of each form): every
 * change this instance applies, or another instance tells of, updates them at once, and they are
 * read again from the database at most once per {@code overview-refresh}, in the background, as a
 * safety net. Only a campaign nobody looked at for a while is read while the request waits.
 * Where each agency stands is worked out again in the background too, as each change comes,
 * while requests are served the last result: on deadline day changes come many a second, and
 * working it out on the request (every submission, ranked and sorted) is what kept the page slow
 * once nothing was read any more. A change shows on the overview as soon as it is worked out, a
 * few milliseconds, at most a quarter of a second after the one before under the heaviest load.
 */
@Component
class CampaignSummaries implements Standings {

	/** How stale a campaign may be served while it is read again; past it, the request waits. */
	private static final int SERVE_STALE_FOR = 5;

	private final SubmissionStore store;

	private final Duration refresh;

	private final Map<String, Held> campaigns = new ConcurrentHashMap<>();

	private final BackgroundReads readers = new BackgroundReads("overview-summary");

	/** The shortest time between two workings-out of one campaign's summary after changes. */
	private static final Duration MIN_GAP = Duration.ofMillis(250);

	private final java.util.concurrent.ScheduledExecutorService recomputer = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "overview-recompute");
		thread.setDaemon(true);
		return thread;
	});

	private final LateExceptions lateExceptions;

	private final Campaigns campaignsShown;

	private volatile boolean openingRead;

	CampaignSummaries(SubmissionStore store, LateExceptions lateExceptions, ReportProperties properties, Campaigns campaignsShown) {
		this.store = store;
		this.campaignsShown = campaignsShown;
		this.lateExceptions = lateExceptions;
		this.refresh = properties.overviewRefresh();
	}

	/** Where each agency of the campaign stands, as the overview shows it: what the ranking and its exports publish. */
	@Override
	public Standing standing(Campaign campaign) {
		return of(campaign).standing();
	}

	Summary of(Campaign campaign) {
		Held held = this.campaigns.get(campaign.id());
		// Another campaign object is the campaign as staff changed it on the dashboard (its roster).
		long age = held == null || !held.complete || held.campaign != campaign ? Long.MAX_VALUE : System.nanoTime() - held.readAt;
		if (age > this.refresh.multipliedBy(SERVE_STALE_FOR).toNanos()) {
			return read(campaign).summary(campaign);
		}
		if (age > this.refresh.toNanos()) {
			// Worked out there too, so that the next request finds it ready.
			this.readers.readAgain(campaign.id(), () -> read(campaign).summary(campaign));
		}
		return summaryOf(held, campaign);
	}

	/** The last summary of a campaign; each change has a new one worked out in the background. */
	private Summary summaryOf(Held held, Campaign campaign) {
		Held.Current current = held.current();
		if (current.summary() == null) {
			return held.summary(campaign);
		}
		if (current.stale()) {
			recomputeSoon(held, campaign);
		}
		return current.summary();
	}

	/**
	 * Works out a campaign's summary again on the recomputing thread after a change, never twice at
	 * once and at most once per {@link #MIN_GAP}: changes that come meanwhile are all taken by the
	 * next working-out. Without the gap, a burst of changes kept a core busy ranking the campaign
	 * over and over, and on two cores the forms were scored half as fast.
	 */
	private void recomputeSoon(Held held, Campaign campaign) {
		if (!held.recomputing.compareAndSet(false, true)) {
			return;
		}
		long wait = Math.max(0, held.workedOutAt + MIN_GAP.toNanos() - System.nanoTime());
		try {
			this.recomputer.schedule(() -> {
				try {
					held.summary(campaign);
				}
				finally {
					held.recomputing.set(false);
				}
				// A change that came between the last look and the flag's reset did not schedule one.
				if (held.current().stale()) {
					recomputeSoon(held, campaign);
				}
			}, wait, java.util.concurrent.TimeUnit.NANOSECONDS);
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			held.recomputing.set(false);
		}
	}

	@EventListener
	void on(SubmissionChanged change) {
		// Within the map's own lock, so that a reading swapping the campaign meanwhile cannot drop the change.
		Held held = this.campaigns.computeIfPresent(change.now().campaignId(), (id, current) -> {
			current.put(change.now().listing());
			return current;
		});
		if (held != null && held.complete) {
			recomputeSoon(held, held.campaign);
		}
	}

	/**
	 * The campaign the dashboard opens on is read as the service starts, in the background: the
	 * first member of staff to open the dashboard after a restart would otherwise wait while every
	 * submission of the campaign is read.
	 */
	@EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
	void readOpeningCampaign() {
		// Should it fail, the first request reads it.
		this.readers.readAgain("", () -> {
			try {
				Campaign campaign = this.campaignsShown.chosen(null);
				read(campaign).summary(campaign);
			}
			finally {
				this.openingRead = true;
			}
		});
	}

	/**
	 * Whether the campaign the dashboard opens on has been read since the start (or its reading
	 * failed, and the first request reads it): until then the service is not ready, since that
	 * reading, thousands of submissions on deadline day, would slow both the first page and the
	 * first events applied.
	 */
	boolean openingCampaignRead() {
		return this.openingRead;
	}

	/** Reads a campaign again at once, after a change that comes with no event (staff accepted a late form). */
	void reread(Campaign campaign) {
		read(campaign);
	}

	private Held read(Campaign campaign) {
		long started = System.nanoTime();
		// Changes applied while a campaign is read for the first time are held here meanwhile: the
		// reading may have passed them, and dropping them left the counters one short until the next refresh.
		this.campaigns.putIfAbsent(campaign.id(), Held.firstReading(campaign));
		List<SubmissionDocument> all = this.store.ofCampaign(campaign.id());
		Map<String, LateExceptions.Accepted> accepted = this.lateExceptions.of(campaign.id());
		return this.campaigns.compute(campaign.id(), (id, old) -> Held.read(campaign, old, all, accepted, started));
	}

	@PreDestroy
	void close() {
		this.readers.close();
		this.recomputer.shutdownNow();
	}

	/**
	 * What the overview shows of a campaign: where each agency stands, the counters, and every
	 * submission in its listing shape, newest first, for the list to filter and page.
	 */
	record Summary(Standing standing, long received, long scored, long failed, List<SubmissionDocument> newestFirst) {
	}

	/** A campaign's submissions as last read, with the changes applied here since. */
	private static final class Held {

		final Campaign campaign;

		/** When the reading began ({@link System#nanoTime()}). */
		final long readAt;

		/** {@code false} while the campaign is first read: it holds only the changes applied meanwhile. */
		final boolean complete;

		private final Map<String, SubmissionDocument> byId = new HashMap<>();

		/** When this instance changed each submission, so that a reading begun earlier does not undo it. */
		private final Map<String, Long> changedAt = new HashMap<>();

		private final Map<String, LateExceptions.Accepted> acceptedLate;

		private Summary summary;

		/** Whether a change came after {@link #summary} was worked out. */
		private boolean stale;

		/** How many snapshots were taken to work out a summary, and which of them {@link #summary} is. */
		private long snapshots;

		private long storedVersion;

		final AtomicBoolean recomputing = new AtomicBoolean();

		/** When a summary was last worked out ({@link System#nanoTime()}). */
		volatile long workedOutAt = System.nanoTime() - MIN_GAP.toNanos();

		/** The summary as it stands, and whether a change came since. */
		record Current(Summary summary, boolean stale) {
		}

		private Held(Campaign campaign, long readAt, Map<String, LateExceptions.Accepted> acceptedLate, boolean complete) {
			this.campaign = campaign;
			this.readAt = readAt;
			this.acceptedLate = acceptedLate;
			this.complete = complete;
		}

		static Held firstReading(Campaign campaign) {
			return new Held(campaign, System.nanoTime(), Map.of(), false);
		}

		static Held read(Campaign campaign, Held old, List<SubmissionDocument> all, Map<String, LateExceptions.Accepted> acceptedLate,
				long started) {
			Held held = new Held(campaign, started, acceptedLate, true);
			all.forEach(s -> held.byId.put(s.id(), s));
			if (old != null) {
				synchronized (old) {
					old.changedAt.forEach((id, at) -> {
						if (at - started > 0) {
							held.byId.put(id, old.byId.get(id));
							held.changedAt.put(id, at);
						}
					});
				}
			}
			return held;
		}

		synchronized void put(SubmissionDocument submission) {
			this.byId.put(submission.id(), submission);
			this.changedAt.put(submission.id(), System.nanoTime());
			this.stale = true;
		}

		synchronized Current current() {
			return new Current(this.summary, this.stale);
		}

		/**
		 * The summary with every change so far applied, worked out now if a change came since the
		 * last; outside the lock, so that requests served the last one meanwhile do not wait.
		 */
		Summary summary(Campaign campaign) {
			List<SubmissionDocument> all;
			long version;
			synchronized (this) {
				if (this.summary != null && !this.stale) {
					return this.summary;
				}
				all = List.copyOf(this.byId.values());
				this.stale = false;
				version = ++this.snapshots;
			}
			Summary fresh;
			try {
				fresh = new Summary(Standing.of(campaign, all, this.acceptedLate), all.size(),
						all.stream().filter(s -> SubmissionStatus.of(s) == SubmissionStatus.SCORED).count(),
						all.stream().map(SubmissionStatus::of)
							.filter(s -> s == SubmissionStatus.FAILED || s == SubmissionStatus.QUARANTINED).count(),
						all.stream().sorted(SubmissionFilter.Order.NEWEST.comparator()).toList());
			}
			catch (RuntimeException ex) {
				synchronized (this) {
					// Not worked out: the next request or change tries again.
					this.stale = true;
				}
				throw ex;
			}
			synchronized (this) {
				this.workedOutAt = System.nanoTime();
				// Two workings-out may overlap (a request and the background): the later snapshot wins.
				if (version > this.storedVersion) {
					this.summary = fresh;
					this.storedVersion = version;
				}
				return this.summary;
			}
		}
	}
}
