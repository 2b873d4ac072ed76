package vn.ictrank.ingest.mail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.context.EmbeddedKafka;

import vn.ictrank.ingest.IngestApplication;
import vn.ictrank.ingest.extraction.Forms;
import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.event.FormExtracted;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two ingest instances on one mailbox: one reads, the other stands by and takes over when the first stops. */
@SpringBootTest(properties = { "ictrank.ingest.mail.lease=3s", "ictrank.ingest.mail.safety-poll=300ms" })
@EmbeddedKafka(partitions = 1, topics = { Topics.SUBMISSIONS, Topics.FORMS })
class OneReaderPerMailboxIntegrationTest extends MailboxTestSupport {

	@Autowired
	MailboxReader first;

	@Test
	void onlyOneInstanceReadsTheMailboxAndTheOtherTakesOverWhenItStops() throws Exception {
		try (ConfigurableApplicationContext secondInstance = secondInstance()) {
			MailboxReader second = secondInstance.getBean(MailboxReader.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> role(second).startsWith("standby"));
			assertThat(role(this.first)).isEqualTo("reader");

			List<Agency> senders = Forms.CAMPAIGN.agencies(AgencyGroup.DEPARTMENT).subList(0, 6);
			for (Agency agency : senders) {
				send(agency);
			}
			for (Agency agency : senders) {
				awaitEvent(FormExtracted.class, e -> agency.id().equals(e.agencyId()));
			}
			assertThat(role(second)).startsWith("standby");

			this.first.stop();
			Agency afterwards = Forms.CAMPAIGN.agencies(AgencyGroup.DEPARTMENT).get(6);
			send(afterwards);

			awaitEvent(FormExtracted.class, e -> afterwards.id().equals(e.agencyId()));
			assertThat(role(second)).isEqualTo("reader");
			Map<Object, Long> copies = this.seen.stream().collect(Collectors.groupingBy(e -> e.eventId(), Collectors.counting()));
			assertThat(copies).as("events published more than once").allSatisfy((id, count) -> assertThat(count).isOne());
		}
		finally {
			this.first.start();
		}
	}

	private void send(Agency agency) throws Exception {
		this.mails.send(this.mails.message(agency.emails().get(0), MAILBOX, "Phiếu " + agency.name(),
				Forms.filled(agency, Forms.figures(AgencyGroup.DEPARTMENT, agency.id().hashCode()))));
	}

	private static String role(MailboxReader reader) {
		return String.valueOf(reader.health().getDetails().get("role"));
	}

	/** A second ingest service on the same mailbox, database and broker, as a second pod would run. */
	private ConfigurableApplicationContext secondInstance() {
		Map<String, Object> settings = Map.of("ictrank.ingest.campaign", "thanh-hoa-2016", "ictrank.ingest.mail.username", MAILBOX,
				"ictrank.ingest.mail.password", PASSWORD, "ictrank.ingest.mail.port", greenMail.getImap().getPort(),
				"ictrank.ingest.mail.lease", "3s", "ictrank.ingest.mail.safety-poll", "300ms",
				"spring.mongodb.uri", mongoUri + "/ingest-test", "spring.kafka.bootstrap-servers", this.broker.getBrokersAsString(),
				"server.port", 0, "management.health.mongodb.enabled", false);
		String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
		return new SpringApplicationBuilder(IngestApplication.class).run(args);
	}
}
