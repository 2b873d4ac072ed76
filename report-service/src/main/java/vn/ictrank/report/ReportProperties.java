package vn.ictrank.report;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the report service, under {@code ictrank.report}.
 *
 * @param campaignsDir folder holding one sub-folder per campaign
 * @param campaign the campaign the dashboard opens on
 * @param username staff login of the dashboard
 * @param password staff password; give it through the environment. Without it the service
 *        does not start: a password is never written to the log.
 * @param overviewRefresh how often the overview's counters and roster are read again from the
 *        database, in case a change another instance applied was not told to this one (each
 *        instance tells the others of its changes, and its own show at once); on deadline day,
 *        reading thousands of submissions every second took a tenth of a busy instance's CPU
 * @param replies the automatic replies to agencies
 * @param reminders the reminders to agencies that have not sent their form
 * @param archiveDatabase the MongoDB database (on the server of {@code spring.mongodb.uri}) where
 *        ingest archives every mail as it came; originals are downloaded from there
 */
@ConfigurationProperties("ictrank.report")
public record ReportProperties(@DefaultValue("campaigns") String campaignsDir, String campaign,
		@DefaultValue("admin") String username, String password, @DefaultValue("15s") java.time.Duration overviewRefresh,
		@DefaultValue Replies replies, @DefaultValue Reminders reminders, @DefaultValue("ictrank-ingest") String archiveDatabase) {

	/**
	 * Reminders sent by themselves, for {@code ictrank.report.campaign} only; staff can always
	 * send them with the button on the overview. Never two to one agency on the same day.
	 *
	 * @param daysBefore on which days before the deadline (in the campaign's time zone); empty for none
	 * @param at from what time of those days
	 * @param checkEvery how often the schedule is looked at
	 */
	public record Reminders(@DefaultValue({ "3", "1" }) java.util.List<Integer> daysBefore, @DefaultValue("08:00") java.time.LocalTime at,
			@DefaultValue("15m") java.time.Duration checkEvery) {
	}

	/**
	 * Replies to agencies, sent through the SMTP server of {@code spring.mail.*}; without
	 * {@code spring.mail.host} they are kept and wait.
	 *
	 * @param signature the line above the campaign's department at the foot of every letter (the office that sends it)
	 * @param pollInterval how often replies due are looked for (a new one goes at once), and the
	 *        first wait after the mail server did not take one; each further failure doubles it
	 * @param maxBackoff the longest wait between two attempts while the mail server is down
	 * @param claimTimeout longer than any attempt can take: a reply still being sent after that
	 *        was being sent by an instance that stopped, and is left for staff to check
	 */
	public record Replies(
			@DefaultValue("Phòng Quản lý Công nghệ thông tin") String signature,
			@DefaultValue("5s") java.time.Duration pollInterval, @DefaultValue("10m") java.time.Duration maxBackoff,
			@DefaultValue("5m") java.time.Duration claimTimeout) {
	}
}
