package vn.ictrank.report;

import java.nio.file.Path;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

import vn.ictrank.model.campaign.CampaignCatalog;

/** Keeps every event in MongoDB read models and serves the staff dashboard. */
@SpringBootApplication
@EnableConfigurationProperties(ReportProperties.class)
@PropertySource("classpath:report-service.properties")
public class ReportApplication {

	public static void main(String[] args) {
		SpringApplication.run(ReportApplication.class, args);
	}

	/** Every campaign on disk; a wrong campaign file stops the start. */
	@Bean
	CampaignCatalog campaignCatalog(ReportProperties properties) {
		return CampaignCatalog.load(Path.of(properties.campaignsDir()));
	}
}
