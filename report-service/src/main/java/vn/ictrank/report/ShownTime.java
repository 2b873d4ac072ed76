package vn.ictrank.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import vn.ictrank.model.campaign.Campaign;

/**
 * A moment as every page and export of the dashboard writes it: in the campaign's own zone, the
 * day first, as Vietnamese documents do. One format, so that a time copied from one page is found
 * on another.
 */
public final class ShownTime {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

	private ShownTime() {
	}

	/** The moment in the campaign's zone; nothing for none. */
	public static String of(Campaign campaign, Instant instant) {
		return of(campaign.zone(), instant);
	}

	public static String of(ZoneId zone, Instant instant) {
		return instant == null ? "" : FORMAT.format(instant.atZone(zone));
	}
}
