package vn.ictrank.report.dashboard;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.Topics;

/**
 * The report service on a random port, fed over a real broker, with a MongoDB wire server of its
 * own for each test class; staff sign in as {@code admin} / {@link #PASSWORD}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}", "ictrank.report.campaign=thanh-hoa-2016",
		"ictrank.report.password=" + ReportTestSupport.PASSWORD,
		// the wire-protocol server does not answer the "hello" command of MongoDB's health check
		"management.health.mongodb.enabled=false" })
@EmbeddedKafka(partitions = 1, topics = { Topics.SUBMISSIONS, Topics.FORMS, Topics.SCORES })
@DirtiesContext
abstract class ReportTestSupport {

	static final String PASSWORD = "test-only-secret";

	static MongoServer mongo;

	static String mongoUri;

	@LocalServerPort
	int port;

	@Autowired
	KafkaTemplate<String, EventEnvelope> kafka;

	@BeforeAll
	static void startDatabase() {
		mongo = new MongoServer(new MemoryBackend());
		mongoUri = mongo.bindAndGetConnectionString();
	}

	@AfterAll
	static void stopDatabase() {
		mongo.shutdownNow();
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongoUri + "/report-test");
	}

	void send(String topic, EventEnvelope event) throws Exception {
		this.kafka.send(topic, event.submissionId().value(), event).get();
	}

	/** The submissions-table row of an agency, as text, or empty when it has none. */
	static String row(String page, String agency) {
		Matcher rows = Pattern.compile("<tr data-submission=[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(page);
		while (rows.find()) {
			if (rows.group(1).contains(">" + agency + "<")) {
				return rows.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").replace("&#39;", "'");
			}
		}
		return "";
	}

	String url(String path) {
		return "http://localhost:" + this.port + path;
	}
}
