package vn.ictrank.report.dashboard;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Part of the report service's readiness: the campaign the dashboard opens on has been read since the start. */
@Component("overviewHealthIndicator")
class OverviewReadiness implements HealthIndicator {

	private final CampaignSummaries summaries;

	OverviewReadiness(CampaignSummaries summaries) {
		this.summaries = summaries;
	}

	@Override
	public Health health() {
		return this.summaries.openingCampaignRead() ? Health.up().build()
				: Health.outOfService().withDetail("overview", "the campaign the dashboard opens on is being read").build();
	}
}
