package vn.ictrank.report.dashboard;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.ictrank.report.submissions.SubmissionEvents.ON_TIME;
import static vn.ictrank.report.submissions.SubmissionEvents.received;

/**
 * What the read model does with events it cannot apply: a database outage is waited out, however
 * long; an event that can never be read is listed for staff, with the reason, and can be sent again.
 */
class DeadLettersIntegrationTest extends ReportTestSupport {

	@Autowired
	EmbeddedKafkaBroker broker;

	@Test
	void listsAnUnreadableEventWithItsReasonReadsTheNextAndSendsItAgainOnRequest() throws Exception {
		try (Producer<String, String> producer = new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(this.broker),
				new StringSerializer(), new StringSerializer()).createProducer()) {
			producer.send(new ProducerRecord<>(Topics.SUBMISSIONS, "hong", "{\"type\": \"SubmissionReceived\", \"version\": 99}")).get();
		}
		send(Topics.SUBMISSIONS, received("so-cong-thuong", ON_TIME.plusSeconds(60)));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(row(get("/"), "Sở Công Thương")).contains("Đã nhận"));
		String letters = await().atMost(Duration.ofSeconds(20)).until(() -> get("/loi"), page -> page.contains("data-dead-letter"));
		assertThat(letters).contains("ictrank.submissions").contains("Bảng điều khiển").contains("SubmissionReceived v99").contains("Xử lý lại");

		Matcher form = Pattern.compile("action=\"(/loi/[^\"]+/xu-ly-lai)\".*?name=\"_csrf\" value=\"([^\"]+)\"", Pattern.DOTALL).matcher(letters);
		assertThat(form.find()).isTrue();
		HttpResponse<String> replayed = this.staff.send(HttpRequest.newBuilder(URI.create(url(form.group(1)))).header("Authorization", basic())
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("_csrf=" + form.group(2))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(replayed.statusCode()).isEqualTo(302);

		// Still unreadable after the replay, so it comes back as a second dead letter; the first says when it was sent again.
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			String page = get("/loi");
			assertThat(page).contains("Đã gửi lại lúc");
			assertThat(Pattern.compile("data-dead-letter=").matcher(page).results().count()).isEqualTo(2);
		});
	}

	@Test
	void waitsOutADatabaseOutageLongerThanTheRetriesOnceTookAndAppliesTheEvent() throws Exception {
		var address = mongo.getLocalAddress();
		mongo.shutdownNow();
		send(Topics.SUBMISSIONS, received("so-tai-nguyen-va-moi-truong", ON_TIME.plusSeconds(120)));

		// The outage outlasts the ten one-second retries after which events used to be dead-lettered.
		ScheduledExecutorService database = Executors.newSingleThreadScheduledExecutor();
		database.schedule(() -> {
			mongo = new MongoServer(new MemoryBackend());
			mongo.bind(address.getHostString(), address.getPort());
		}, 15, TimeUnit.SECONDS);
		database.shutdown();

		await().atMost(Duration.ofSeconds(75)).untilAsserted(() -> assertThat(row(get("/"), "Sở Tài nguyên và Môi trường")).contains("Đã nhận"));
		assertThat(database.isTerminated()).as("the event was applied only once the database was back").isTrue();
		assertThat(get("/loi")).doesNotContain("data-dead-letter");
	}
}
