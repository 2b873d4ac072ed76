package vn.ictrank.ingest.mail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.integration.mail.inbound.ImapIdleChannelAdapter;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.ictrank.ingest.extraction.Forms;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.event.EventCodec;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A message that could not be archived stays unmarked in the mailbox and is taken again once the database is back. */
@SpringBootTest(properties = { "ictrank.ingest.campaign=thanh-hoa-2016", "ictrank.ingest.mail.username=" + MailIngestRecoveryIntegrationTest.MAILBOX,
		"ictrank.ingest.mail.password=test-only-secret", "ictrank.ingest.mail.reconnect-delay=300ms", "server.port=0" })
@EmbeddedKafka(partitions = 1, topics = { Topics.SUBMISSIONS, Topics.FORMS })
class MailIngestRecoveryIntegrationTest {

	static final String MAILBOX = "cntt.stttt@thanhhoa.gov.vn";

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser(MAILBOX, MAILBOX, "test-only-secret"))
		.withPerMethodLifecycle(false);

	static MongoServer mongo = new MongoServer(new MemoryBackend());

	static String mongoUri = mongo.bindAndGetConnectionString();

	static final List<Object> failures = new CopyOnWriteArrayList<>();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("ictrank.ingest.mail.port", () -> greenMail.getImap().getPort());
		registry.add("spring.mongodb.uri", () -> mongoUri + "/ingest-recovery?serverSelectionTimeoutMS=500&connectTimeoutMS=500");
	}

	@AfterAll
	static void stopMongo() {
		mongo.shutdownNow();
	}

	@TestConfiguration
	static class FailureRecorder {

		@Bean
		Object idleFailures() {
			return new Object() {
				@EventListener
				void on(ImapIdleChannelAdapter.ImapIdleExceptionEvent event) {
					failures.add(event);
				}
			};
		}
	}

	@Autowired
	EmbeddedKafkaBroker broker;

	@Test
	void leavesTheMessageUnmarkedWhileTheArchiveIsDownAndTakesItOnceItIsBack() throws Exception {
		var address = mongo.getLocalAddress();
		mongo.shutdownNow();
		Mails mails = new Mails(greenMail.getSmtp().getPort());
		mails.send(mails.message("soyte@thanhhoa.gov.vn", MAILBOX, "Phiếu Sở Y tế",
				Forms.filled(Forms.CAMPAIGN.agency("so-y-te").orElseThrow(), Forms.figures(AgencyGroup.DEPARTMENT, 6))));

		await().atMost(Duration.ofSeconds(30)).until(() -> !failures.isEmpty());
		assertThat(greenMail.getReceivedMessages()[0].getFlags().contains("ictrank-archived")).isFalse();

		mongo = new MongoServer(new MemoryBackend());
		mongo.bind(address.getHostString(), address.getPort());

		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "recovery-test", false);
		props.put("auto.offset.reset", "earliest");
		try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new StringDeserializer())
			.createConsumer()) {
			consumer.subscribe(List.of(Topics.FORMS));
			List<String> agencies = new CopyOnWriteArrayList<>();
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(r -> agencies.add(EventCodec.read(r.value()).agencyId()));
				assertThat(agencies).containsExactly("so-y-te");
			});
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(greenMail.getReceivedMessages()[0].getFlags().contains("ictrank-archived")).isTrue());
	}
}
