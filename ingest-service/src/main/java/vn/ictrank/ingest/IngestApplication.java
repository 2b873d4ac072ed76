package vn.ictrank.ingest;

import java.nio.file.Path;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.kafka.config.TopicBuilder;

import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.model.event.Topics;
import vn.ictrank.support.CampaignStore;

/**
 * Watches the campaign mailbox, archives every message, reads the forms in the attachments
 * and publishes what it found.
 */
@SpringBootApplication
@EnableConfigurationProperties(IngestProperties.class)
@PropertySource("classpath:ingest-service.properties")
public class IngestApplication {

	public static void main(String[] args) {
		SpringApplication.run(IngestApplication.class, args);
	}

	/** The campaigns on disk, and those staff define on the dashboard as they come; a wrong campaign file stops the start. */
	@Bean
	CampaignCatalog campaignCatalog(IngestProperties properties) {
		return CampaignCatalog.load(Path.of(properties.campaignsDir()));
	}

	@Bean
	WatchedCampaign watchedCampaign(CampaignCatalog catalog, CampaignStore store, IngestProperties properties) {
		return new WatchedCampaign(catalog, store, properties.campaign());
	}

	@Bean
	NewTopic submissionsTopic(IngestProperties properties) {
		return TopicBuilder.name(Topics.SUBMISSIONS).partitions(properties.partitions()).build();
	}

	/** Scoring rebuilds its state from this topic, so it is kept for good. */
	@Bean
	NewTopic formsTopic(IngestProperties properties) {
		return TopicBuilder.name(Topics.FORMS).partitions(properties.partitions()).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
	}
}
