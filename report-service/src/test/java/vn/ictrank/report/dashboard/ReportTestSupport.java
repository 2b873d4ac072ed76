package vn.ictrank.report.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

import static org.assertj.core.api.Assertions.assertThat;

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

	/** A member of staff's browser: it keeps the session, so a form's CSRF token holds. */
	final HttpClient staff = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();

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

	/** A mail of the agency that the Department's mail server found forged, as ingest reports it. */
	String sendQuarantined(String agencyId, java.time.Instant at) throws Exception {
		send(Topics.SUBMISSIONS, vn.ictrank.report.submissions.SubmissionEvents.received(agencyId, at));
		send(Topics.SUBMISSIONS, vn.ictrank.report.submissions.SubmissionEvents.quarantined(agencyId, at));
		return vn.ictrank.report.submissions.SubmissionEvents.id(agencyId, at).value();
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

	/** The staff login, for HTTP Basic. */
	static String basic() {
		return "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	/** A page as a signed-in member of staff gets it. */
	String get(String path) throws Exception {
		HttpResponse<String> response = this.staff.send(HttpRequest.newBuilder(URI.create(url(path)))
			.header("Authorization", basic()).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	/**
	 * Submits a form of {@code page} as the browser would, with its CSRF token.
	 * @param action the form's action, as a regular expression
	 * @return the response's status
	 */
	int submit(String page, String action, String fields) throws Exception {
		Matcher form = Pattern.compile("action=\"(" + action + ")\".*?name=\"_csrf\" value=\"([^\"]+)\"", Pattern.DOTALL).matcher(page);
		assertThat(form.find()).as("a form posting to %s", action).isTrue();
		return this.staff.send(HttpRequest.newBuilder(URI.create(url(form.group(1)))).header("Authorization", basic())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + form.group(2) + (fields.isEmpty() ? "" : "&" + fields))).build(),
				HttpResponse.BodyHandlers.ofString()).statusCode();
	}

	/** The number a counter of the overview shows. */
	static String count(String page, String id) {
		Matcher matcher = Pattern.compile("id=\"" + id + "\">(\\d+)<").matcher(page);
		return matcher.find() ? matcher.group(1) : null;
	}

	String url(String path) {
		return "http://localhost:" + this.port + path;
	}
}
