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
 *        database, for changes other instances applied; this instance's own changes show at once
 */
@ConfigurationProperties("ictrank.report")
public record ReportProperties(@DefaultValue("campaigns") String campaignsDir, String campaign,
		@DefaultValue("admin") String username, String password, @DefaultValue("1s") java.time.Duration overviewRefresh) {
}
