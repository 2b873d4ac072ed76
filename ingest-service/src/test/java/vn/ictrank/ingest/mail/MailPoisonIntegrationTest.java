package vn.ictrank.ingest.mail;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

import vn.ictrank.ingest.extraction.Forms;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.event.FormExtracted;
import vn.ictrank.model.event.SubmissionReceived;
import vn.ictrank.model.event.SubmissionRejected;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A mail that fails the same way each time it is read is set aside with an explanation after a
 * few attempts, and never holds up the mail behind it. The producer's request limit is set so low
 * here that a form's event can never be sent, the way an oversized event fails on a real broker.
 */
@SpringBootTest(properties = { "spring.kafka.producer.properties[max.request.size]=3000", "ictrank.ingest.mail.max-attempts=2" })
@EmbeddedKafka(partitions = 1, topics = { Topics.SUBMISSIONS, Topics.FORMS })
class MailPoisonIntegrationTest extends MailboxTestSupport {

	@Test
	void setsAsideAMailWhoseEventsTheBrokerRefusesAndReadsTheNext() throws Exception {
		this.mails.send(this.mails.message("soyte@thanhhoa.gov.vn", MAILBOX, "Phiếu Sở Y tế quá lớn",
				Forms.filled(Forms.CAMPAIGN.agency("so-y-te").orElseThrow(), Forms.figures(AgencyGroup.DEPARTMENT, 3))));
		this.mails.send(this.mails.message("sotaichinh@thanhhoa.gov.vn", MAILBOX, "Sở Tài chính quên đính kèm"));

		SubmissionRejected next = awaitEvent(SubmissionRejected.class, e -> "so-tai-chinh".equals(e.agencyId()));
		SubmissionRejected poison = awaitEvent(SubmissionRejected.class, e -> "so-y-te".equals(e.agencyId()));

		assertThat(next.reason()).isEqualTo(SubmissionRejected.Reason.NO_ATTACHMENT);
		assertThat(poison.reason()).isEqualTo(SubmissionRejected.Reason.PROCESSING_ERROR);
		assertThat(poison.message()).contains("2 lần");
		assertThat(this.seen).noneMatch(e -> e.payload() instanceof FormExtracted);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(marked("Phiếu Sở Y tế quá lớn")).isTrue();
			assertThat(marked("Sở Tài chính quên đính kèm")).isTrue();
		});
	}

	@Test
	void cutsAnOverlongSubjectSoTheMailStillFitsTheBroker() throws Exception {
		String subject = "Sở Tư pháp gửi phiếu " + "rất dài ".repeat(2000);
		this.mails.send(this.mails.message("sotuphap@thanhhoa.gov.vn", MAILBOX, subject));

		SubmissionRejected rejected = awaitEvent(SubmissionRejected.class, e -> "so-tu-phap".equals(e.agencyId()));
		SubmissionReceived received = awaitEvent(SubmissionReceived.class, e -> "so-tu-phap".equals(e.agencyId()));

		assertThat(rejected.reason()).isEqualTo(SubmissionRejected.Reason.NO_ATTACHMENT);
		assertThat(received.subject()).startsWith("Sở Tư pháp gửi phiếu rất dài").endsWith("…").hasSizeLessThan(600);
	}
}
