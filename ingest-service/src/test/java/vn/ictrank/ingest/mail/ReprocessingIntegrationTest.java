package vn.ictrank.ingest.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import vn.ictrank.ingest.extraction.Forms;
import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.FormExtracted;
import vn.ictrank.model.event.ReprocessingRequested;
import vn.ictrank.model.event.SubmissionId;
import vn.ictrank.model.event.SubmissionReceived;
import vn.ictrank.model.event.SubmissionRejected;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Staff have a mail that was not taken read again from the archive, saying what they know that the mail does not. */
@SpringBootTest(properties = "ictrank.ingest.trusted-authserv-id=mx.thanhhoa.gov.vn")
@EmbeddedKafka(partitions = 1, topics = { Topics.SUBMISSIONS, Topics.FORMS, Topics.REQUESTS, Topics.REQUESTS_DEAD_LETTERS })
class ReprocessingIntegrationTest extends MailboxTestSupport {

	@Autowired
	KafkaTemplate<String, EventEnvelope> events;

	@Test
	void readsAMailFromAPrivateAddressAgainAsTheAgencyStaffAssignedItTo() throws Exception {
		Agency unlisted = new Agency("khong-ro", "Phòng Hành chính Tổng hợp", AgencyGroup.DEPARTMENT, List.of(), List.of(), null);
		this.mails.send(this.mails.message("vanthu.canhan@gmail.com", MAILBOX, "Gửi phiếu tự đánh giá (địa chỉ cá nhân)",
				Forms.filled(unlisted, Forms.figures(AgencyGroup.DEPARTMENT, 41))));
		EventEnvelope rejected = awaitEnvelope(SubmissionRejected.class,
				e -> ((SubmissionRejected) e.payload()).reason() == SubmissionRejected.Reason.UNKNOWN_AGENCY);

		request(rejected.submissionId(), new ReprocessingRequested("thamdinh", "so-noi-vu", false));

		EventEnvelope form = awaitEnvelope(FormExtracted.class, e -> e.submissionId().equals(rejected.submissionId()));
		assertThat(form.agencyId()).isEqualTo("so-noi-vu");
		assertThat(form.payloadAs(FormExtracted.class).values()).containsKey("tong_cbccvc");
		EventEnvelope again = this.seen.stream().filter(e -> e.payload() instanceof SubmissionReceived
				&& e.submissionId().equals(rejected.submissionId()) && "so-noi-vu".equals(e.agencyId())).findFirst().orElseThrow();
		// Staff confirmed the sender: nothing is left for them to confirm.
		assertThat(again.payloadAs(SubmissionReceived.class).flags()).isEmpty();
		assertThat(again.eventId()).as("told from the first reading's event").isNotEqualTo(this.seen.stream()
			.filter(e -> e.payload() instanceof SubmissionReceived && e.submissionId().equals(rejected.submissionId())).findFirst().orElseThrow().eventId());
	}

	@Test
	void releasesAQuarantinedMailWhenStaffVouchForItsSender() throws Exception {
		Agency yTe = Forms.CAMPAIGN.agency("so-y-te").orElseThrow();
		MimeMessage message = this.mails.message(yTe.emails().get(0), MAILBOX, "Phiếu Sở Y tế qua máy chủ chuyển tiếp",
				Forms.filled(yTe, Forms.figures(AgencyGroup.DEPARTMENT, 5)));
		message.saveChanges();
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		message.writeTo(out);
		this.mails.sendRaw("Authentication-Results: mx.thanhhoa.gov.vn; dmarc=fail (p=reject) header.from=thanhhoa.gov.vn\r\n"
				+ out.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
		EventEnvelope quarantined = awaitEnvelope(SubmissionRejected.class,
				e -> ((SubmissionRejected) e.payload()).reason() == SubmissionRejected.Reason.QUARANTINED);

		request(quarantined.submissionId(), new ReprocessingRequested("thamdinh", null, false));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.seen)
			.filteredOn(e -> e.submissionId().equals(quarantined.submissionId()) && e.payload() instanceof SubmissionRejected r
					&& r.reason() == SubmissionRejected.Reason.QUARANTINED)
			.as("read again without the release: still quarantined").hasSize(2));
		request(quarantined.submissionId(), new ReprocessingRequested("thamdinh", null, true));

		EventEnvelope form = awaitEnvelope(FormExtracted.class, e -> e.submissionId().equals(quarantined.submissionId()));
		assertThat(form.agencyId()).isEqualTo("so-y-te");
	}

	@Test
	void explainsARequestForAMailTheArchiveDoesNotHold() throws Exception {
		SubmissionId unknown = SubmissionId.forMessage("thanh-hoa-2016", "never-archived");

		request(unknown, new ReprocessingRequested("thamdinh", null, false));

		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "dlt-" + UUID.randomUUID(), false);
		props.put("auto.offset.reset", "earliest");
		try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new StringDeserializer())
			.createConsumer()) {
			consumer.subscribe(List.of(Topics.REQUESTS_DEAD_LETTERS));
			ConsumerRecord<String, String> dead = KafkaTestUtils.getSingleRecord(consumer, Topics.REQUESTS_DEAD_LETTERS, Duration.ofSeconds(30));
			assertThat(dead.key()).isEqualTo(unknown.value());
			assertThat(new String(dead.headers().lastHeader("kafka_dlt-exception-message").value(), java.nio.charset.StandardCharsets.UTF_8))
				.contains("kho lưu thư gốc");
		}
	}

	private void request(SubmissionId id, ReprocessingRequested request) throws Exception {
		this.events.send(Topics.REQUESTS, id.value(), EventEnvelope.wrap(request, "thanh-hoa-2016", null, id, null,
				UUID.randomUUID().toString(), Instant.now())).get();
	}
}
