package vn.ictrank.ingest.mail;

import java.time.Duration;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

import vn.ictrank.ingest.extraction.Forms;
import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.FormExtracted;
import vn.ictrank.model.event.SubmissionReceived;
import vn.ictrank.model.event.SubmissionRejected;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Which mail is which submission, and what staff must confirm about who sent it. */
@SpringBootTest(properties = "ictrank.ingest.trusted-authserv-id=mx.thanhhoa.gov.vn")
@EmbeddedKafka(partitions = 1, topics = { Topics.SUBMISSIONS, Topics.FORMS })
class SubmissionIdentityIntegrationTest extends MailboxTestSupport {

	@Test
	void scoresAFormFromAnAddressOffTheRosterButFlagsItForStaff() throws Exception {
		Agency tuPhap = Forms.CAMPAIGN.agency("so-tu-phap").orElseThrow();
		this.mails.send(this.mails.message("canbo.sotuphap@gmail.com", MAILBOX, "Phiếu Sở Tư pháp (gửi từ Gmail)",
				Forms.filled(tuPhap, Forms.figures(AgencyGroup.DEPARTMENT, 5))));

		awaitEvent(FormExtracted.class, e -> "so-tu-phap".equals(e.agencyId()));
		SubmissionReceived received = awaitEvent(SubmissionReceived.class, e -> "so-tu-phap".equals(e.agencyId()));

		assertThat(received.flags()).singleElement().satisfies(flag -> {
			assertThat(flag.code()).isEqualTo(SubmissionReceived.Flag.Code.SENDER_NOT_ON_ROSTER);
			assertThat(flag.message()).contains("canbo.sotuphap@gmail.com").contains("Sở Tư pháp").contains("cần xác nhận");
		});
	}

	@Test
	void keepsAndFlagsADifferentMailThatReusesAMessageId() throws Exception {
		for (String agencyId : new String[] { "so-xay-dung", "so-cong-thuong" }) {
			Agency agency = Forms.CAMPAIGN.agency(agencyId).orElseThrow();
			MimeMessage message = this.mails.message(agency.emails().get(0), MAILBOX, "Phiếu " + agency.name(),
					Forms.filled(agency, Forms.figures(AgencyGroup.DEPARTMENT, agencyId.length())));
			this.mails.sendWithMessageId(message, "<phieu@mail-client-that-reuses-ids>");
			awaitEvent(FormExtracted.class, e -> agencyId.equals(e.agencyId()));
		}

		SubmissionReceived first = awaitEvent(SubmissionReceived.class, e -> "so-xay-dung".equals(e.agencyId()));
		SubmissionReceived second = awaitEvent(SubmissionReceived.class, e -> "so-cong-thuong".equals(e.agencyId()));

		assertThat(first.flags()).isEmpty();
		assertThat(second.flags()).extracting(SubmissionReceived.Flag::code).containsExactly(SubmissionReceived.Flag.Code.MESSAGE_ID_REUSED);
	}

	@Test
	void takesTheSameMailDeliveredTwiceAsOneSubmission() throws Exception {
		Agency ngoaiVu = Forms.CAMPAIGN.agency("so-ngoai-vu").orElseThrow();
		MimeMessage message = this.mails.message(ngoaiVu.emails().get(0), MAILBOX, "Phiếu Sở Ngoại vụ (gửi hai lần)",
				Forms.filled(ngoaiVu, Forms.figures(AgencyGroup.DEPARTMENT, 3)));
		this.mails.sendWithMessageId(message, "<phieu-so-ngoai-vu@thanhhoa.gov.vn>");
		this.mails.sendWithMessageId(message, "<phieu-so-ngoai-vu@thanhhoa.gov.vn>");

		awaitEvent(FormExtracted.class, e -> "so-ngoai-vu".equals(e.agencyId()));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(greenMail.getReceivedMessages())
			.filteredOn(m -> subject(m).startsWith("Phiếu Sở Ngoại vụ")).hasSize(2)
			.allSatisfy(m -> assertThat(m.getFlags().contains("ictrank-archived")).isTrue()));
		assertThat(this.seen).filteredOn(e -> "so-ngoai-vu".equals(e.agencyId()) && e.payload() instanceof FormExtracted)
			.extracting(EventEnvelope::submissionId).containsOnly(this.seen.stream()
				.filter(e -> "so-ngoai-vu".equals(e.agencyId())).findFirst().orElseThrow().submissionId());
	}

	@Test
	void quarantinesAMailOurServerFoundForgedAndIgnoresAVerdictFromElsewhere() throws Exception {
		this.mails.sendRaw(form("soyte@thanhhoa.gov.vn", "Phiếu Sở Y tế giả mạo", "<forged@test>",
				"Authentication-Results: mx.thanhhoa.gov.vn; spf=fail smtp.mailfrom=soyte@thanhhoa.gov.vn; dmarc=fail (p=reject) header.from=thanhhoa.gov.vn"));
		this.mails.sendRaw(form("sotaichinh@thanhhoa.gov.vn", "Phiếu Sở Tài chính", "<genuine@test>",
				"Authentication-Results: relay.example.net; dmarc=fail header.from=thanhhoa.gov.vn\r\n"
						+ "Authentication-Results: mx.thanhhoa.gov.vn; dmarc=pass header.from=thanhhoa.gov.vn"));

		SubmissionRejected quarantined = awaitEvent(SubmissionRejected.class, e -> "so-y-te".equals(e.agencyId()));
		awaitEvent(FormExtracted.class, e -> "so-tai-chinh".equals(e.agencyId()));

		assertThat(quarantined.reason()).isEqualTo(SubmissionRejected.Reason.QUARANTINED);
		assertThat(quarantined.message()).contains("dmarc=fail").contains("cách ly");
		assertThat(this.seen).noneMatch(e -> "so-y-te".equals(e.agencyId()) && e.payload() instanceof FormExtracted);
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A form mail as raw text with extra header lines. */
	private String form(String from, String subject, String messageId, String extraHeaders) throws Exception {
		Agency agency = Forms.CAMPAIGN.agencyBySender(from).orElseThrow();
		MimeMessage message = this.mails.message(from, MAILBOX, subject, Forms.filled(agency, Forms.figures(AgencyGroup.DEPARTMENT, 1)));
		message.saveChanges();
		message.setHeader("Message-ID", messageId);
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		message.writeTo(out);
		return extraHeaders + "\r\n" + out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
	}
}
