package vn.ictrank.support;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;

import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.model.event.Topics;

/** Every service that reads campaigns reads those staff define on the dashboard as well ({@link CampaignStore}). */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnBean(CampaignCatalog.class)
@EnableConfigurationProperties(CampaignStoreProperties.class)
public class CampaignStoreAutoConfiguration {

	@Bean
	CampaignStore campaignStore(CampaignCatalog catalog, KafkaProperties kafka, CampaignStoreProperties properties) {
		return new CampaignStore(catalog, kafka, properties);
	}

	/**
	 * Which campaigns this service reads from a definition made on the dashboard, and whose: after
	 * a change, operators see when every service has it. Never down: the campaign folders serve
	 * while the definitions are still being read.
	 */
	@Bean
	HealthIndicator campaignsHealthIndicator(CampaignCatalog catalog, CampaignStore store) {
		return () -> {
			Health.Builder health = Health.up().withDetail("definitionsRead", store.caughtUp());
			catalog.definitionsInUse().forEach((id, definition) -> health.withDetail(id, definition.definedAt() + " " + definition.definedBy()
					+ ": " + definition.change()));
			catalog.definitionsSuperseded().forEach((id, definition) -> health.withDetail(id + " (superseded)", "the folder changed after "
					+ definition.definedAt() + ", and counts: " + definition.change()));
			return health.build();
		};
	}

	/** One partition keeps the definitions in order; compaction keeps the latest of each campaign for good. */
	@Bean
	NewTopic campaignsTopic() {
		return TopicBuilder.name(Topics.CAMPAIGNS).partitions(1).compact()
			.config(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0").build();
	}
}
