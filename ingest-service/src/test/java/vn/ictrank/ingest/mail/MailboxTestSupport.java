package vn.ictrank.ingest.mail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.ictrank.model.event.EventCodec;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.Topics;

import static org.awaitility.Awaitility.await;

/**
 * A real mailbox (GreenMail over SMTP and IMAP), a MongoDB wire server and a consumer of the
 * ingest topics, fresh for each test class. Subclasses add {@code @SpringBootTest} and
 * {@code @EmbeddedKafka}.
 */
@DirtiesContext
abstract class MailboxTestSupport {

	static final String MAILBOX = "cntt.stttt@thanhhoa.gov.vn";

	static final String PASSWORD = "test-only-secret";

	static GreenMail greenMail;

	static MongoServer mongo;

	static String mongoUri;

	@Autowired
	EmbeddedKafkaBroker broker;

	Mails mails;

	final List<EventEnvelope> seen = new CopyOnWriteArrayList<>();

	private Consumer<String, String> consumer;

	@BeforeAll
	static void startMailboxAndDatabase() {
		greenMail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
		greenMail.setUser(MAILBOX, MAILBOX, PASSWORD);
		greenMail.start();
		mongo = new MongoServer(new MemoryBackend());
		mongoUri = mongo.bindAndGetConnectionString();
	}

	@AfterAll
	static void stopMailboxAndDatabase() {
		greenMail.stop();
		mongo.shutdownNow();
	}

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("ictrank.ingest.campaign", () -> "thanh-hoa-2016");
		registry.add("ictrank.ingest.mail.username", () -> MAILBOX);
		registry.add("ictrank.ingest.mail.password", () -> PASSWORD);
		registry.add("ictrank.ingest.mail.port", () -> greenMail.getImap().getPort());
		registry.add("spring.mongodb.uri", () -> mongoUri + "/ingest-test?serverSelectionTimeoutMS=500&connectTimeoutMS=500");
		registry.add("server.port", () -> 0);
		registry.add("management.health.mongodb.enabled", () -> false);
	}

	@BeforeEach
	void subscribe() {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "ingest-test-" + System.nanoTime(), false);
		props.put("auto.offset.reset", "earliest");
		this.consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new StringDeserializer()).createConsumer();
		this.consumer.subscribe(List.of(Topics.SUBMISSIONS, Topics.FORMS));
		this.mails = new Mails(greenMail.getSmtp().getPort());
	}

	@AfterEach
	void unsubscribe() {
		this.consumer.close();
	}

	/** Waits for the first event of {@code type} that matches, collecting every event seen on the way. */
	<T> T awaitEvent(Class<T> type, Predicate<EventEnvelope> which) {
		return await().atMost(Duration.ofSeconds(30)).until(() -> {
			this.consumer.poll(Duration.ofMillis(200)).forEach(r -> this.seen.add(EventCodec.read(r.value())));
			return this.seen.stream().filter(e -> type.isInstance(e.payload())).filter(which).findFirst();
		}, Optional::isPresent).map(e -> type.cast(e.payload())).orElseThrow();
	}

	/** The message in the mailbox whose subject starts so. */
	static MimeMessage stored(String subjectStart) {
		for (MimeMessage message : greenMail.getReceivedMessages()) {
			try {
				if (message.getSubject().startsWith(subjectStart)) {
					return message;
				}
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("no message '" + subjectStart + "' in the mailbox");
	}
}
