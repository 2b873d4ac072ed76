package vn.ictrank.scoring;

import java.nio.file.Path;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.kafka.config.TopicBuilder;

import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.model.event.Topics;

/** Scores extracted forms on their campaign's criteria set and publishes the results. */
@SpringBootApplication
@EnableConfigurationProperties(ScoringProperties.class)
@PropertySource("classpath:scoring-service.properties")
public class ScoringApplication {

	public static void main(String[] args) {
		SpringApplication.run(ScoringApplication.class, args);
	}

	/** Every campaign on disk, since forms of any of them may arrive; a wrong campaign file stops the start. */
	@Bean
	CampaignCatalog campaignCatalog(ScoringProperties properties) {
		return CampaignCatalog.load(Path.of(properties.campaignsDir()));
	}

	@Bean
	NewTopic scoresTopic(ScoringProperties properties) {
		return TopicBuilder.name(Topics.SCORES).partitions(properties.partitions()).build();
	}
}
