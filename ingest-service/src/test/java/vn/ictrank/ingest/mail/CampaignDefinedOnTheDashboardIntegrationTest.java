package vn.ictrank.ingest.mail;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.context.EmbeddedKafka;

import vn.ictrank.ingest.IngestApplication;
import vn.ictrank.ingest.extraction.Forms;
import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.model.event.FormExtracted;
import vn.ictrank.model.event.SubmissionReceived;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The next round's campaign, copied on the dashboard and never written to a folder: an ingest
 * instance set to it finds it on the broker at start and takes its mail on its roster, with the
 * address staff added.
 */
@SpringBootTest
@EmbeddedKafka(partitions = 1, topics = { Topics.SUBMISSIONS, Topics.FORMS })
class CampaignDefinedOnTheDashboardIntegrationTest extends MailboxTestSupport {

	private static final String NEXT_MAILBOX = "dot2017@thanhhoa.gov.vn";

	@Test
	void takesMailForACampaignCopiedOnTheDashboardOnItsChangedRoster() throws Exception {
		CampaignCatalog catalog = CampaignCatalog.load(Path.of(System.getProperty("ictrank.campaigns-dir", "../campaigns")));
		Campaign source = catalog.require("thanh-hoa-2016");
		Campaign next = source.nextRound("thanh-hoa-2017", 2017, "Đánh giá năm 2017", null, LocalDate.of(2099, 11, 24), null)
			.withEmails("so-y-te", List.of("soyte@thanhhoa.gov.vn", "vanthu.soyte@gmail.com"));
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				this.broker.getBrokersAsString()), new StringSerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, next.id(), catalog.copy(source, next, Map.of(), "admin", Instant.now()).toJson()))
				.get();
		}
		greenMail.setUser(NEXT_MAILBOX, NEXT_MAILBOX, PASSWORD);

		try (ConfigurableApplicationContext nextRound = instanceFor("thanh-hoa-2017")) {
			Agency clerk = new Agency("van-thu", "Văn thư cơ quan", AgencyGroup.DEPARTMENT, List.of("vanthu.soyte@gmail.com"), List.of(), null);
			this.mails.send(this.mails.message("vanthu.soyte@gmail.com", NEXT_MAILBOX, "Phiếu năm 2017",
					Forms.filled(clerk, Forms.figures(AgencyGroup.DEPARTMENT, 2017))));

			assertThat(awaitEnvelope(FormExtracted.class, e -> "thanh-hoa-2017".equals(e.campaignId())).agencyId())
				.as("known by the address staff added").isEqualTo("so-y-te");
			assertThat(awaitEvent(SubmissionReceived.class, e -> "thanh-hoa-2017".equals(e.campaignId())).flags())
				.as("the sender is on the roster staff changed").isEmpty();
		}
	}

	/** An ingest service set to another campaign and mailbox, on the same database and broker. */
	private ConfigurableApplicationContext instanceFor(String campaign) {
		Map<String, Object> settings = Map.of("ictrank.ingest.campaign", campaign, "ictrank.ingest.mail.username", NEXT_MAILBOX,
				"ictrank.ingest.mail.password", PASSWORD, "ictrank.ingest.mail.port", greenMail.getImap().getPort(),
				"spring.mongodb.uri", mongoUri + "/ingest-test-2017", "spring.kafka.bootstrap-servers", this.broker.getBrokersAsString(),
				"server.port", 0, "management.health.mongodb.enabled", false);
		String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
		return new SpringApplicationBuilder(IngestApplication.class).run(args);
	}
}
