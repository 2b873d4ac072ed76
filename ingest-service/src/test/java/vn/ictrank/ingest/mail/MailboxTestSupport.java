package vn.ictrank.ingest.mail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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

	/** Where the service reaches the mailbox, when a test puts something between them; 0 for GreenMail itself. */
	static int imapPortSeenByTheService;

	@Autowired
	EmbeddedKafkaBroker broker;

	Mails mails;

	/** Every event on the ingest topics, in arrival order. */
	final List<EventEnvelope> seen = new CopyOnWriteArrayList<>();

	/** When each event of {@link #seen} reached the test, by {@link System#nanoTime()}. */
	final Map<UUID, Long> arrivedAt = new ConcurrentHashMap<>();

	private Thread collector;

	private volatile boolean collecting;

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
		registry.add("ictrank.ingest.mail.port", () -> imapPortSeenByTheService != 0 ? imapPortSeenByTheService : greenMail.getImap().getPort());
		registry.add("spring.mongodb.uri", () -> mongoUri + "/ingest-test?serverSelectionTimeoutMS=500&connectTimeoutMS=500");
		registry.add("server.port", () -> 0);
		registry.add("management.health.mongodb.enabled", () -> false);
	}

	/** Collects the ingest topics on a thread of its own, so that the time each event arrived is known. */
	@BeforeEach
	void subscribe() {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "ingest-test-" + System.nanoTime(), false);
		props.put("auto.offset.reset", "earliest");
		Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new StringDeserializer())
			.createConsumer();
		consumer.subscribe(List.of(Topics.SUBMISSIONS, Topics.FORMS));
		this.collecting = true;
		this.collector = new Thread(() -> {
			try (consumer) {
				while (this.collecting) {
					consumer.poll(Duration.ofMillis(50)).forEach(r -> {
						EventEnvelope event = EventCodec.read(r.value());
						this.arrivedAt.putIfAbsent(event.eventId(), System.nanoTime());
						this.seen.add(event);
					});
				}
			}
		}, "ingest-test-events");
		this.collector.start();
		this.mails = new Mails(greenMail.getSmtp().getPort());
	}

	@AfterEach
	void unsubscribe() throws InterruptedException {
		this.collecting = false;
		this.collector.join();
	}

	/** Waits for the first event of {@code type} that matches. */
	<T> T awaitEvent(Class<T> type, Predicate<EventEnvelope> which) {
		return type.cast(awaitEnvelope(type, which).payload());
	}

	EventEnvelope awaitEnvelope(Class<?> type, Predicate<EventEnvelope> which) {
		// A mail server thread failing on a connection a test cut is the fault under test, not a failure of it.
		return await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).until(
				() -> this.seen.stream().filter(e -> type.isInstance(e.payload())).filter(which).findFirst(),
				Optional::isPresent).orElseThrow();
	}

	/** Whether the message in the mailbox whose subject starts so carries the archive keyword. */
	static boolean marked(String subjectStart) {
		try {
			return stored(subjectStart).getFlags().contains("ictrank-archived");
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
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
