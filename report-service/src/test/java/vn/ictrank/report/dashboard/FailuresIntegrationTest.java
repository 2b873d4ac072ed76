package vn.ictrank.report.dashboard;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import vn.ictrank.model.event.EventCodec;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.ReprocessingRequested;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.ictrank.report.submissions.SubmissionEvents.ON_TIME;
import static vn.ictrank.report.submissions.SubmissionEvents.id;
import static vn.ictrank.report.submissions.SubmissionEvents.received;
import static vn.ictrank.report.submissions.SubmissionEvents.rejected;

/** Mail that was not taken: listed with its reason, its original downloadable, and read again when staff ask. */
class FailuresIntegrationTest extends ReportTestSupport {

	private static final String ORIGINAL = "From: sotuphap@thanhhoa.gov.vn\r\nSubject: Phieu\r\n\r\n<script>alert(1)</script>\r\n";

	@Autowired
	EmbeddedKafkaBroker broker;

	@Test
	void listsMailThatWasNotTakenAndGivesItsOriginalAsADownloadNeverAPage() throws Exception {
		Instant t = ON_TIME.plusSeconds(10);
		archive("x", ORIGINAL);
		send(Topics.SUBMISSIONS, received("so-tu-phap", t));
		send(Topics.SUBMISSIONS, rejected("so-tu-phap", t, "Tệp 'Mẫu 01.xlsx' bị hỏng, không mở được."));
		sendQuarantined("so-y-te", t);

		String page = await().atMost(Duration.ofSeconds(20)).until(() -> get("/loi"), p -> p.contains("Sở Y tế") && p.contains("Sở Tư pháp"));

		assertThat(page).contains("Tệp &#39;Mẫu 01.xlsx&#39; bị hỏng, không mở được.").contains("Cách ly")
			.contains("/ho-so/" + id("so-tu-phap", t).value() + "/thu-goc");
		HttpResponse<byte[]> original = this.staff.send(HttpRequest.newBuilder(URI.create(url("/ho-so/" + id("so-tu-phap", t).value() + "/thu-goc")))
			.header("Authorization", basic()).build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(original.statusCode()).isEqualTo(200);
		assertThat(new String(original.body(), StandardCharsets.UTF_8)).isEqualTo(ORIGINAL);
		assertThat(original.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;").contains(".eml");
		assertThat(original.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(original.headers().firstValue("Content-Type").orElse("")).startsWith("message/rfc822");
	}

	@Test
	void asksIngestToReadAMailAgainAsTheAgencyStaffAssignedItToAndLogsWhoAsked() throws Exception {
		Instant t = ON_TIME.plusSeconds(20);
		send(Topics.SUBMISSIONS, received("so-xay-dung", t));
		send(Topics.SUBMISSIONS, rejected("so-xay-dung", t, "Không xác định được cơ quan gửi phiếu."));
		String id = id("so-xay-dung", t).value();
		String page = await().atMost(Duration.ofSeconds(20)).until(() -> get("/ho-so/" + id), p -> p.contains("Đọc lại thư từ kho lưu"));

		assertThat(submit(page, "/ho-so/[^\"]+/xu-ly-lai", "co-quan=so-cong-thuong")).isEqualTo(302);

		EventEnvelope request = request(id);
		ReprocessingRequested asked = request.payloadAs(ReprocessingRequested.class);
		assertThat(asked.assignedAgencyId()).isEqualTo("so-cong-thuong");
		assertThat(asked.requestedBy()).isEqualTo("admin");
		assertThat(asked.quarantineReleased()).isFalse();
		assertThat(get("/ho-so/" + id)).contains("Đọc lại thư từ kho lưu: giao cho Sở Công Thương");
	}

	@Test
	void readsAQuarantinedMailAgainOnlyOnceStaffReleaseIt() throws Exception {
		Instant t = ON_TIME.plusSeconds(30);
		String id = sendQuarantined("so-ngoai-vu", t);
		String page = await().atMost(Duration.ofSeconds(20)).until(() -> get("/ho-so/" + id), p -> p.contains("Đọc lại thư từ kho lưu"));
		assertThat(page).contains("name=\"go-cach-ly\"");

		assertThat(submit(page, "/ho-so/[^\"]+/xu-ly-lai", "co-quan=")).isEqualTo(400);
		assertThat(submit(get("/ho-so/" + id), "/ho-so/[^\"]+/xu-ly-lai", "go-cach-ly=true&co-quan=")).isEqualTo(302);

		EventEnvelope request = request(id);
		assertThat(request.payloadAs(ReprocessingRequested.class).quarantineReleased()).isTrue();
		assertThat(request.payloadAs(ReprocessingRequested.class).assignedAgencyId()).isNull();
	}

	/** The one request staff made about a submission, as ingest receives it. */
	private EventEnvelope request(String submissionId) {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "ingest-" + UUID.randomUUID(), false);
		props.put("auto.offset.reset", "earliest");
		try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new StringDeserializer())
			.createConsumer()) {
			consumer.subscribe(List.of(Topics.REQUESTS));
			List<ConsumerRecord<String, String>> ours = new java.util.ArrayList<>();
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(r -> {
					if (submissionId.equals(r.key())) {
						ours.add(r);
					}
				});
				return !ours.isEmpty();
			});
			assertThat(ours).hasSize(1);
			return EventCodec.read(ours.get(0).value());
		}
	}

	/** The mail as ingest archives it, in the database the report reads originals from. */
	private static void archive(String id, String raw) {
		try (MongoClient client = MongoClients.create(mongoUri)) {
			GridFSBuckets.create(client.getDatabase("ictrank-ingest"), "mail-archive").uploadFromStream(new BsonString(id), id + ".eml",
					new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), new GridFSUploadOptions());
		}
	}
}
