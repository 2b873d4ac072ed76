package vn.ictrank.report.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.event.EventCodec;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.FiguresConfirmed;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.ictrank.report.submissions.SubmissionEvents.CAMPAIGN;
import static vn.ictrank.report.submissions.SubmissionEvents.ON_TIME;
import static vn.ictrank.report.submissions.SubmissionEvents.extracted;
import static vn.ictrank.report.submissions.SubmissionEvents.id;
import static vn.ictrank.report.submissions.SubmissionEvents.received;
import static vn.ictrank.report.submissions.SubmissionEvents.scoredFailingACheck;

/** Figures that fail a data check: shown per indicator, told to the agency, held out of the ranking until staff confirm them. */
class DataChecksIntegrationTest extends MailServerSupport {

	@Autowired
	EmbeddedKafkaBroker broker;

	@Test
	void holdsAFormWhoseFiguresFailAnErrorCheckOutOfTheRankingUntilStaffConfirmThem() throws Exception {
		String agency = "so-tai-nguyen-va-moi-truong";
		Instant t = ON_TIME.plusSeconds(500);
		String id = id(agency, t).value();
		send(Topics.SUBMISSIONS, received(agency, t));
		send(Topics.FORMS, extracted(agency, t));
		send(Topics.SCORES, scoredFailingACheck(agency, t, "80", 1, false));

		String page = await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> get("/ho-so/" + id), p -> p.contains("Chờ xác nhận số liệu"));
		assertThat(page).contains("id=\"kiem-tra-C01\"")
			.contains("Số CBCCVC được trang bị máy tính lớn hơn tổng số CBCCVC: Số CBCCVC được trang bị máy tính = 120; "
					+ "Tổng số cán bộ, công chức, viên chức = 85.")
			.contains("Chưa xác nhận")
			.containsPattern("(?s)<td>HT1</td>.*?<a href=\"#kiem-tra\">C01</a>");
		assertThat(get("/xep-hang")).contains("Sở Tài nguyên và Môi trường: Số liệu chờ xác nhận, chưa xếp hạng");
		MimeMessage receipt = await().atMost(Duration.ofSeconds(20)).until(() -> inbox("sotainguyenvamoitruong@thanhhoa.gov.vn"),
				m -> !m.isEmpty()).get(0);
		assertThat(text(receipt)).contains("KIỂM TRA SỐ LIỆU: có số liệu chưa hợp lý. Phiếu chưa được xếp hạng cho đến khi")
			.contains("- Lỗi C01 (chỉ tiêu HT1): Số CBCCVC được trang bị máy tính lớn hơn tổng số CBCCVC");

		String how = "Sở xác nhận qua điện thoại ngày 21/11: 35 máy tính dùng chung được tính hai lần";
		assertThat(submit(page, "/ho-so/[^\"]+/xac-nhan-so-lieu",
				"kiem-tra=C01&ly-do=" + URLEncoder.encode(how, StandardCharsets.UTF_8))).isEqualTo(302);

		ConsumerRecord<String, String> confirmation = confirmationOf(id);
		assertThat(confirmation.key()).isEqualTo(Topics.formsKey(CAMPAIGN.id(), AgencyGroup.DEPARTMENT));
		FiguresConfirmed confirmed = EventCodec.read(confirmation.value()).payloadAs(FiguresConfirmed.class);
		assertThat(confirmed.checkIds()).containsExactly("C01");
		assertThat(confirmed.reason()).isEqualTo(how);
		assertThat(confirmed.confirmedBy()).isEqualTo("admin");
		assertThat(get("/nhat-ky")).contains("Xác nhận số liệu với cơ quan").contains(how);

		// Scoring's answer: the same figures, now confirmed.
		send(Topics.SCORES, scoredFailingACheck(agency, t, "80", 2, true));
		String confirmedPage = await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> get("/ho-so/" + id),
				p -> p.contains("Sở đã xác nhận với cơ quan"));
		assertThat(confirmedPage).contains(">Đã chấm điểm<").doesNotContain("id=\"xac-nhan-so-lieu\"");
		assertThat(get("/xep-hang")).doesNotContain("Sở Tài nguyên và Môi trường: Số liệu chờ xác nhận");
	}

	@Test
	void refusesToConfirmACheckTheFormDidNotFail() throws Exception {
		String agency = "so-xay-dung";
		Instant t = ON_TIME.plusSeconds(700);
		send(Topics.SUBMISSIONS, received(agency, t));
		send(Topics.SCORES, scoredFailingACheck(agency, t, "75", 1, false));
		String page = await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> get("/ho-so/" + id(agency, t).value()),
				p -> p.contains("id=\"xac-nhan-so-lieu\""));

		assertThat(submit(page, "/ho-so/[^\"]+/xac-nhan-so-lieu", "kiem-tra=C99&ly-do=x")).isEqualTo(400);
		assertThat(submit(page, "/ho-so/[^\"]+/xac-nhan-so-lieu", "kiem-tra=C01&ly-do=%20")).isEqualTo(400);
	}

	/** The confirmation staff sent about a submission, as scoring reads it. */
	private ConsumerRecord<String, String> confirmationOf(String submissionId) {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "scoring-" + UUID.randomUUID(), false);
		props.put("auto.offset.reset", "earliest");
		try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new StringDeserializer())
			.createConsumer()) {
			consumer.subscribe(List.of(Topics.FORMS));
			List<ConsumerRecord<String, String>> ours = new ArrayList<>();
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(r -> {
					EventEnvelope event = EventCodec.read(r.value());
					if (event.payload() instanceof FiguresConfirmed && submissionId.equals(event.submissionId().value())) {
						ours.add(r);
					}
				});
				return !ours.isEmpty();
			});
			assertThat(ours).hasSize(1);
			return ours.get(0);
		}
	}
}
