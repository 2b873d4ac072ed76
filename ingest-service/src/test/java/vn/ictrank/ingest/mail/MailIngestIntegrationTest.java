package vn.ictrank.ingest.mail;

import java.time.Duration;

import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

import vn.ictrank.ingest.archive.MailArchive;
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

@SpringBootTest
@EmbeddedKafka(partitions = 1, topics = { Topics.SUBMISSIONS, Topics.FORMS })
class MailIngestIntegrationTest extends MailboxTestSupport {

	@Autowired
	MailArchive archive;

	@Test
	void archivesPublishesAndThenMarksAFilledForm() throws Exception {
		vn.ictrank.ingest.extraction.Attachment filled = Forms.filled(Forms.department(), Forms.figures(AgencyGroup.DEPARTMENT, 21));
		MimeMessage message = this.mails.message("sonoivu@thanhhoa.gov.vn", MAILBOX, "Sở Nội vụ gửi phiếu tự đánh giá năm 2016",
				Forms.pdf(), filled);
		Mails.encodeFileNameAsEncodedWord(message, 2);
		this.mails.send(message);

		FormExtracted form = awaitEvent(FormExtracted.class, e -> "so-noi-vu".equals(e.agencyId()));
		awaitEvent(SubmissionReceived.class, e -> "so-noi-vu".equals(e.agencyId()));
		EventEnvelope received = this.seen.stream()
			.filter(e -> e.payload() instanceof SubmissionReceived && "so-noi-vu".equals(e.agencyId()))
			.findFirst().orElseThrow();

		assertThat(form.formName()).isEqualTo("Mẫu 01");
		assertThat(form.values()).containsKey("tong_cbccvc");
		SubmissionReceived receipt = received.payloadAs(SubmissionReceived.class);
		assertThat(receipt.subject()).isEqualTo("Sở Nội vụ gửi phiếu tự đánh giá năm 2016");
		assertThat(receipt.attachments()).extracting(SubmissionReceived.Attachment::fileName)
			.containsExactly("Quyết định kèm theo.pdf", "Mẫu 01 - Sở Nội vụ.xlsx");
		// what the reply to the agency lists, so that both sides can prove later which file was sent
		assertThat(receipt.attachments().get(1).sha256()).isEqualTo(java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(filled.bytes())));
		assertThat(receipt.attachments().get(1).size()).isEqualTo(filled.bytes().length);
		assertThat(receipt.flags()).isEmpty();
		assertThat(new String(this.archive.load(received.submissionId()), java.nio.charset.StandardCharsets.UTF_8))
			.contains("Message-ID: " + receipt.messageId());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			MimeMessage stored = stored("Sở Nội vụ");
			assertThat(stored.getFlags().contains("ictrank-archived")).isTrue();
			assertThat(stored.getFlags().contains(Flags.Flag.SEEN)).isTrue();
		});
	}

	@Test
	void readsMailWithoutSearchingTheClassPathForJakartaMailsStreamProviderEachTime() {
		// What ProviderLookupAutoConfiguration arranges: FactoryFinder takes the provider named here instead of a ServiceLoader search.
		assertThat(System.getProperty("jakarta.mail.util.StreamProvider")).isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
		assertThat(jakarta.mail.util.StreamProvider.provider()).isInstanceOf(org.eclipse.angus.mail.util.MailStreamProvider.class);
	}

	@Test
	void flagsAnOutOfOfficeAnswerSoThatNobodyAnswersItAutomatically() throws Exception {
		MimeMessage outOfOffice = this.mails.message("sovanhoathethaovadulich@thanhhoa.gov.vn", MAILBOX, "Trả lời tự động: Vắng mặt");
		outOfOffice.setHeader("Auto-Submitted", "auto-replied");
		this.mails.send(outOfOffice);

		SubmissionReceived receipt = awaitEvent(SubmissionReceived.class,
				e -> ((SubmissionReceived) e.payload()).subject().equals("Trả lời tự động: Vắng mặt"));

		assertThat(receipt.flags()).extracting(SubmissionReceived.Flag::code).containsExactly(SubmissionReceived.Flag.Code.AUTO_SUBMITTED);
		assertThat(receipt.flags().get(0).message()).contains("Auto-Submitted: auto-replied").contains("không gửi thư trả lời tự động");
	}

	@Test
	void explainsBrokenAndEmptyMailsAndGoesOnWithTheNext() throws Exception {
		this.mails.send(this.mails.message("sotuphap@thanhhoa.gov.vn", MAILBOX, "Phiếu Sở Tư pháp", Forms.corruptXlsx()));
		this.mails.send(this.mails.message("sotaichinh@thanhhoa.gov.vn", MAILBOX, "Quên đính kèm"));
		this.mails.send(this.mails.message("soyte@thanhhoa.gov.vn", MAILBOX, "Phiếu Sở Y tế",
				Forms.filled(Forms.CAMPAIGN.agency("so-y-te").orElseThrow(), Forms.figures(AgencyGroup.DEPARTMENT, 4))));

		awaitEvent(FormExtracted.class, e -> "so-y-te".equals(e.agencyId()));
		SubmissionRejected corrupt = awaitEvent(SubmissionRejected.class, e -> "so-tu-phap".equals(e.agencyId()));
		SubmissionRejected empty = awaitEvent(SubmissionRejected.class, e -> "so-tai-chinh".equals(e.agencyId()));

		assertThat(corrupt.reason()).isEqualTo(SubmissionRejected.Reason.UNREADABLE_SPREADSHEET);
		assertThat(corrupt.message()).contains("bị hỏng");
		assertThat(empty.reason()).isEqualTo(SubmissionRejected.Reason.NO_ATTACHMENT);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(stored("Phiếu Sở Tư pháp").getFlags().contains("ictrank-archived")).isTrue();
			assertThat(stored("Quên đính kèm").getFlags().contains("ictrank-archived")).isTrue();
		});
	}

	@Test
	void explainsAMessageWhoseMimeStructureIsBrokenAndGoesOnWithTheNext() throws Exception {
		this.mails.sendRaw("""
				From: sonongnghiepvaphattriennongthon@thanhhoa.gov.vn\r
				To: cntt.stttt@thanhhoa.gov.vn\r
				Subject: Broken multipart\r
				Message-ID: <broken-multipart@test>\r
				MIME-Version: 1.0\r
				Content-Type: multipart/mixed\r
				\r
				there is no boundary, so no part can be found\r
				""");
		this.mails.send(this.mails.message("sogiaothongvantai@thanhhoa.gov.vn", MAILBOX, "Phiếu Sở Giao thông vận tải",
				Forms.filled(Forms.CAMPAIGN.agency("so-giao-thong-van-tai").orElseThrow(), Forms.figures(AgencyGroup.DEPARTMENT, 8))));

		SubmissionRejected broken = awaitEvent(SubmissionRejected.class, e -> "so-nong-nghiep-va-phat-trien-nong-thon".equals(e.agencyId()));
		awaitEvent(FormExtracted.class, e -> "so-giao-thong-van-tai".equals(e.agencyId()));

		assertThat(broken.message()).contains("Thư bị lỗi định dạng");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(stored("Broken multipart").getFlags().contains("ictrank-archived")).isTrue());
	}

	@Test
	void readsAFormForwardedAsAnAttachedMessage() throws Exception {
		MimeMessage original = this.mails.message("soyte@thanhhoa.gov.vn", MAILBOX, "Phiếu Sở Y tế (bản gốc)",
				Forms.filled(Forms.CAMPAIGN.agency("so-y-te").orElseThrow(), Forms.figures(AgencyGroup.DEPARTMENT, 17)));
		original.saveChanges();
		this.mails.send(this.mails.forwarding("vanthu.soyte@thanhhoa.gov.vn", MAILBOX, "Fwd: Phiếu Sở Y tế", original));

		FormExtracted form = awaitEvent(FormExtracted.class, e -> "so-y-te".equals(e.agencyId()));

		assertThat(form.attachmentName()).isEqualTo("Mẫu 01 - Sở Y tế.xlsx");
	}

	@Test
	void marksAMessageThatCameWithoutMessageId() throws Exception {
		MimeMessage message = this.mails.message("soxaydung@thanhhoa.gov.vn", MAILBOX, "Phiếu Sở Xây dựng (không có Message-ID)",
				Forms.filled(Forms.CAMPAIGN.agency("so-xay-dung").orElseThrow(), Forms.figures(AgencyGroup.DEPARTMENT, 30)));
		this.mails.sendWithoutMessageId(message);

		awaitEvent(FormExtracted.class, e -> "so-xay-dung".equals(e.agencyId()));
		awaitEvent(SubmissionReceived.class, e -> "so-xay-dung".equals(e.agencyId()));
		assertThat(this.seen).filteredOn(e -> "so-xay-dung".equals(e.agencyId()) && e.payload() instanceof SubmissionReceived)
			.singleElement().satisfies(e -> assertThat(e.payloadAs(SubmissionReceived.class).messageId()).isNull());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(stored("Phiếu Sở Xây dựng").getFlags().contains("ictrank-archived")).isTrue());
	}

	@Test
	void readsAFormSentAsTheWholeBodyOfASinglePartMail() throws Exception {
		Agency agency = Forms.CAMPAIGN.agency("so-van-hoa-the-thao-va-du-lich").orElseThrow();
		MimeMessage message = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()));
		message.setFrom(agency.emails().get(0));
		message.setRecipients(jakarta.mail.Message.RecipientType.TO, MAILBOX);
		message.setSubject("Phiếu (cả thư là tệp)", "UTF-8");
		message.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(
				Forms.filled(agency, Forms.figures(AgencyGroup.DEPARTMENT, 13)).bytes(), "application/vnd.ms-excel")));
		message.saveChanges();
		java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
		message.writeTo(raw);

		this.mails.sendRaw(raw.toByteArray());

		awaitEvent(FormExtracted.class, e -> agency.id().equals(e.agencyId()));
	}

	@Test
	void readsAnAttachmentThatHasNeitherContentDispositionNorName() throws Exception {
		Agency agency = Forms.CAMPAIGN.agency("so-khoa-hoc-va-cong-nghe").orElseThrow();
		MimeMessage message = this.mails.message(agency.emails().get(0), MAILBOX, "Phiếu (tệp không tên)",
				Forms.filled(agency, Forms.figures(AgencyGroup.DEPARTMENT, 14)));
		jakarta.mail.internet.MimeBodyPart part = (jakarta.mail.internet.MimeBodyPart) ((jakarta.mail.internet.MimeMultipart) message.getContent()).getBodyPart(1);
		part.removeHeader("Content-Disposition");
		part.setHeader("Content-Type", "application/octet-stream");
		message.saveChanges();

		this.mails.send(message);

		FormExtracted form = awaitEvent(FormExtracted.class, e -> agency.id().equals(e.agencyId()));
		assertThat(form.attachmentName()).isEqualTo("tệp đính kèm 1");
	}
}
