package vn.ictrank.report.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import vn.ictrank.model.event.Topics;
import vn.ictrank.report.replies.ReplyDocument;
import vn.ictrank.report.submissions.SubmissionDocument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.ictrank.report.submissions.SubmissionEvents.FORM_SHA256;
import static vn.ictrank.report.submissions.SubmissionEvents.ON_TIME;
import static vn.ictrank.report.submissions.SubmissionEvents.extracted;
import static vn.ictrank.report.submissions.SubmissionEvents.id;
import static vn.ictrank.report.submissions.SubmissionEvents.received;
import static vn.ictrank.report.submissions.SubmissionEvents.receivedFromElsewhere;
import static vn.ictrank.report.submissions.SubmissionEvents.rejected;
import static vn.ictrank.report.submissions.SubmissionEvents.scored;

/** Each submission's one reply, read from the agency's inbox on a real SMTP server (GreenMail). */
class RepliesIntegrationTest extends MailServerSupport {

	@Autowired
	MongoTemplate mongo;

	@Test
	void repliesOnceToAScoredFormListingEachFileWithItsSha256WhateverIsDeliveredAgain() throws Exception {
		Instant t = ON_TIME.plusSeconds(100);
		send(Topics.SUBMISSIONS, received("so-noi-vu", t));
		send(Topics.FORMS, extracted("so-noi-vu", t));
		send(Topics.SCORES, scored("so-noi-vu", t, "80.10", 1));

		MimeMessage reply = await().atMost(Duration.ofSeconds(20)).until(() -> inbox("sonoivu@thanhhoa.gov.vn"), m -> m.size() == 1).get(0);
		String body = text(reply);
		assertThat(reply.getSubject()).isEqualTo("Đã tiếp nhận: Phiếu tự đánh giá");
		assertThat(reply.getFrom()[0].toString()).isEqualTo("cntt.stttt@thanhhoa.gov.vn");
		assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo("<so-noi-vu@test>");
		assertThat(reply.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
		assertThat(body).startsWith("Kính gửi: Sở Nội vụ.")
			.contains("lúc 09:01 ngày 20/11/2016")
			.contains("KẾT QUẢ: ĐÃ TIẾP NHẬN. Hệ thống đã đọc được Mẫu 01 của Sở Nội vụ (nhóm sở, ban, ngành) trong tệp \"Mẫu 01.xlsx\"")
			.contains("1. Mẫu 01.xlsx (8,8 KB)\n   SHA-256: " + FORM_SHA256)
			.contains("Mã hồ sơ: " + id("so-noi-vu", t).value())
			.doesNotContain("80,1");
		assertThat(java.text.Normalizer.isNormalized(body, java.text.Normalizer.Form.NFC)).isTrue();
		String page = get("/ho-so/" + id("so-noi-vu", t).value());
		assertThat(page).contains("Đã gửi tới sonoivu@thanhhoa.gov.vn lúc");
		// The roster says what the agency last heard from the Department (kept a few seconds, so waited for).
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get("/")).containsPattern(
				"(?s)<a [^>]*>Sở Nội vụ</a></td>.*?<td>\\d\\d/\\d\\d/\\d{4} [0-9:]+ · Xác nhận đã nhận · Đã gửi</td>"));

		// Every event again, as after a restart before the offsets were committed, then a later score.
		send(Topics.SUBMISSIONS, received("so-noi-vu", t));
		send(Topics.FORMS, extracted("so-noi-vu", t));
		send(Topics.SCORES, scored("so-noi-vu", t, "80.10", 1));
		send(Topics.SCORES, scored("so-noi-vu", t, "78.00", 2));
		// Queued behind them on every topic: once its reply is in, theirs would have been too.
		replyOf("so-xay-dung", t);

		assertThat(inbox("sonoivu@thanhhoa.gov.vn")).hasSize(1);
	}

	@Test
	void sendsNothingForASubmissionKnownBeforeRepliesExistedWhenARestartRepublishesItsScore() throws Exception {
		Instant t = ON_TIME.plusSeconds(150);
		String id = id("so-ke-hoach-va-dau-tu", t).value();
		// As the read model held it before it kept when it first saw a submission.
		this.mongo.insert(new SubmissionDocument(id, "thanh-hoa-2016", "so-ke-hoach-va-dau-tu", "DEPARTMENT", t, "sokehoachvadautu@thanhhoa.gov.vn",
				"Phiếu tự đánh giá", "<so-ke-hoach-va-dau-tu@test>", List.of(), "gridfs:mail-archive/x", List.of(), null, null,
				new SubmissionDocument.Score(1, new java.math.BigDecimal("70"), java.math.BigDecimal.valueOf(100), "KHA", "Khá", List.of()), null));

		send(Topics.SCORES, scored("so-ke-hoach-va-dau-tu", t, "70", 1));
		replyOf("so-xay-dung", t);

		assertThat(inbox("sokehoachvadautu@thanhhoa.gov.vn")).isEmpty();
	}

	@Test
	void tellsTheAgencyWhyItsMailCouldNotBeTakenAndWhatToDo() throws Exception {
		Instant t = ON_TIME.plusSeconds(200);
		send(Topics.SUBMISSIONS, received("so-tu-phap", t));
		send(Topics.SUBMISSIONS, rejected("so-tu-phap", t, "Tệp 'Mẫu 01.xlsx' bị hỏng, không mở được."));

		MimeMessage reply = await().atMost(Duration.ofSeconds(20)).until(() -> inbox("sotuphap@thanhhoa.gov.vn"), m -> m.size() == 1).get(0);

		assertThat(reply.getSubject()).isEqualTo("Chưa tiếp nhận được phiếu, đề nghị gửi lại: Phiếu tự đánh giá");
		assertThat(text(reply)).contains("KẾT QUẢ: CHƯA TIẾP NHẬN ĐƯỢC PHIẾU.\nLý do: Tệp 'Mẫu 01.xlsx' bị hỏng, không mở được.")
			.contains("gửi lại phiếu tự đánh giá (Mẫu 01 cho sở, ban, ngành hoặc Mẫu 02 cho huyện, thị xã, thành phố) tới địa chỉ cntt.stttt@thanhhoa.gov.vn trước thời hạn");
	}

	@Test
	void tellsTheAgencyItsFormWasTakenAfterAllWhenStaffHadTheMailReadAgain() throws Exception {
		Instant t = ON_TIME.plusSeconds(250);
		send(Topics.SUBMISSIONS, received("so-van-hoa-the-thao-va-du-lich", t));
		send(Topics.SUBMISSIONS, rejected("so-van-hoa-the-thao-va-du-lich", t, "Tệp 'Mẫu 01.xlsx' bị hỏng, không mở được."));
		String address = vn.ictrank.report.submissions.SubmissionEvents.CAMPAIGN.agency("so-van-hoa-the-thao-va-du-lich").orElseThrow().emails().get(0);
		await().atMost(Duration.ofSeconds(20)).until(() -> inbox(address), m -> m.size() == 1);

		// The reader was fixed and the mail read again from the archive: the same submission, now scored.
		send(Topics.SUBMISSIONS, received("so-van-hoa-the-thao-va-du-lich", t));
		send(Topics.FORMS, extracted("so-van-hoa-the-thao-va-du-lich", t));
		send(Topics.SCORES, scored("so-van-hoa-the-thao-va-du-lich", t, "71", 1));

		MimeMessage followUp = await().atMost(Duration.ofSeconds(20)).until(() -> inbox(address), m -> m.size() == 2).get(1);
		assertThat(followUp.getSubject()).isEqualTo("Đã tiếp nhận: Phiếu tự đánh giá");
		assertThat(text(followUp)).contains("KẾT QUẢ: ĐÃ TIẾP NHẬN. Sở Thông tin và Truyền thông Thanh Hóa đã kiểm tra và xử lý lại thư này; thông báo \u201cchưa tiếp nhận\u201d đã gửi Quý cơ quan trước đây không còn hiệu lực.");
		send(Topics.SCORES, scored("so-van-hoa-the-thao-va-du-lich", t, "71", 1));
		send(Topics.SCORES, scored("so-van-hoa-the-thao-va-du-lich", t, "72", 2));
		replyOf("so-xay-dung", t);
		assertThat(inbox(address)).hasSize(2);
	}

	@Test
	void correctsANotTakenReceiptWhenTheScoreIsDeliveredAgainAfterAStopBeforeTheLetterWasQueued() throws Exception {
		Instant t = ON_TIME.plusSeconds(260);
		String agency = "so-khoa-hoc-va-cong-nghe";
		String address = vn.ictrank.report.submissions.SubmissionEvents.CAMPAIGN.agency(agency).orElseThrow().emails().get(0);
		send(Topics.SUBMISSIONS, received(agency, t));
		send(Topics.SUBMISSIONS, rejected(agency, t, "Tệp bị hỏng."));
		await().atMost(Duration.ofSeconds(20)).until(() -> inbox(address), m -> m.size() == 1);
		// The read model took the score, then the service stopped before the letter was queued.
		SubmissionDocument rejected = this.mongo.findById(id(agency, t).value(), SubmissionDocument.class);
		vn.ictrank.model.event.EventEnvelope score = scored(agency, t, "68", 1);
		vn.ictrank.model.event.SubmissionScored s = score.payloadAs(vn.ictrank.model.event.SubmissionScored.class);
		this.mongo.save(new SubmissionDocument(rejected.id(), rejected.campaignId(), rejected.agencyId(), s.group().name(), rejected.receivedAt(),
				rejected.sender(), rejected.subject(), rejected.messageId(), rejected.attachments(), rejected.archiveRef(), rejected.flags(), null, null,
				new SubmissionDocument.Score(s.revision(), s.total(), s.maxTotal(), s.band().code(), s.band().label(), s.indicators()),
				rejected.firstSeenAt()));

		send(Topics.SCORES, score);

		MimeMessage followUp = await().atMost(Duration.ofSeconds(20)).until(() -> inbox(address), m -> m.size() == 2).get(1);
		assertThat(followUp.getSubject()).startsWith("Đã tiếp nhận: ");
	}

	@Test
	void sendsOneReceiptForAQuarantinedMailStaffReleasedInsteadOfTheHeldLetter() throws Exception {
		Instant t = ON_TIME.plusSeconds(270);
		String id = sendQuarantined("so-giao-duc-va-dao-tao", t);
		await().atMost(Duration.ofSeconds(20)).until(() -> get("/ho-so/" + id), p -> p.contains("Chờ cán bộ duyệt: Thư bị cách ly"));

		send(Topics.FORMS, extracted("so-giao-duc-va-dao-tao", t));
		send(Topics.SCORES, scored("so-giao-duc-va-dao-tao", t, "66", 1));

		String address = vn.ictrank.report.submissions.SubmissionEvents.CAMPAIGN.agency("so-giao-duc-va-dao-tao").orElseThrow().emails().get(0);
		MimeMessage receipt = await().atMost(Duration.ofSeconds(20)).until(() -> inbox(address), m -> m.size() == 1).get(0);
		assertThat(text(receipt)).contains("KẾT QUẢ: ĐÃ TIẾP NHẬN.").doesNotContain("cách ly");
		replyOf("so-xay-dung", t.plusSeconds(1));
		assertThat(inbox(address)).hasSize(1);
	}

	@Test
	void holdsRepliesToQuarantinedMailAndToAddressesOffTheRosterUntilStaffSendThem() throws Exception {
		Instant t = ON_TIME.plusSeconds(300);
		send(Topics.SUBMISSIONS, receivedFromElsewhere("so-tai-chinh", t, "canbo.taichinh@gmail.com"));
		send(Topics.SCORES, scored("so-tai-chinh", t, "70", 1));
		sendQuarantined("so-y-te", t);
		String offRoster = id("so-tai-chinh", t).value();
		String page = await().atMost(Duration.ofSeconds(20)).until(() -> get("/ho-so/" + offRoster),
				p -> p.contains("Chờ cán bộ duyệt: Địa chỉ gửi không có trong danh sách địa chỉ của cơ quan."));
		await().atMost(Duration.ofSeconds(20)).until(() -> get("/ho-so/" + id("so-y-te", t).value()),
				p -> p.contains("Chờ cán bộ duyệt: Thư bị cách ly vì có thể giả mạo người gửi"));

		assertThat(submit(page, "/ho-so/[^\"]+/thu/[^\"]+/gui", "")).isEqualTo(302);

		await().atMost(Duration.ofSeconds(20)).until(() -> inbox("canbo.taichinh@gmail.com"), m -> m.size() == 1);
		assertThat(get("/ho-so/" + offRoster)).contains("(gửi theo lệnh của admin)");
		replyOf("so-xay-dung", t);
		assertThat(inbox(vn.ictrank.report.submissions.SubmissionEvents.CAMPAIGN.agency("so-y-te").orElseThrow().emails().get(0))).isEmpty();
	}

	@Test
	void leavesAReplyWhoseSenderStoppedMidwayForStaffInsteadOfSendingItTwice() throws Exception {
		Instant t = ON_TIME.plusSeconds(400);
		String id = id("so-cong-thuong", t).value();
		// As an instance leaves it when it stops between handing the reply to the server and recording that.
		this.mongo.insert(new ReplyDocument(id, ReplyDocument.Kind.RECEIPT, id, "thanh-hoa-2016", "so-cong-thuong", "socongthuong@thanhhoa.gov.vn", "Đã tiếp nhận: Phiếu",
				"Kính gửi: Sở Công Thương.", "<reply." + id + "@thanhhoa.gov.vn>", null, ReplyDocument.State.SENDING, null,
				Instant.now().minus(Duration.ofHours(1)), 0, Instant.now().minus(Duration.ofHours(1)), null,
				Instant.now().minus(Duration.ofMinutes(30)), "an-instance-that-stopped", null, null, true));
		send(Topics.SUBMISSIONS, received("so-cong-thuong", t));
		send(Topics.SCORES, scored("so-cong-thuong", t, "75", 1));

		String page = await().atMost(Duration.ofSeconds(20)).until(() -> get("/ho-so/" + id),
				p -> p.contains("Không rõ đã gửi hay chưa: Dịch vụ dừng khi đang gửi thư này"));
		assertThat(inbox("socongthuong@thanhhoa.gov.vn")).isEmpty();

		assertThat(submit(page, "/ho-so/[^\"]+/thu/[^\"]+/gui", "")).isEqualTo(302);
		await().atMost(Duration.ofSeconds(20)).until(() -> inbox("socongthuong@thanhhoa.gov.vn"), m -> m.size() == 1);
	}

	@Test
	void sendsTheReplyOnceTheMailServerIsBack() throws Exception {
		Instant t = ON_TIME.plusSeconds(500);
		smtp.stop();
		try {
			send(Topics.SUBMISSIONS, received("so-giao-thong-van-tai", t));
			send(Topics.SCORES, scored("so-giao-thong-van-tai", t, "66", 1));
			await().atMost(Duration.ofSeconds(20)).until(() -> get("/ho-so/" + id("so-giao-thong-van-tai", t).value()),
					p -> p.contains("Đang chờ gửi: Máy chủ gửi thư chưa nhận thư"));
		}
		finally {
			smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
			smtp.start();
		}

		await().atMost(Duration.ofSeconds(20)).until(() -> inbox("sogiaothongvantai@thanhhoa.gov.vn"), m -> m.size() == 1);
	}

	/** Sends a form of {@code agencyId} through the pipeline and waits for its reply. */
	private void replyOf(String agencyId, Instant t) throws Exception {
		Instant at = t.plusMillis(1);
		String address = vn.ictrank.report.submissions.SubmissionEvents.CAMPAIGN.agency(agencyId).orElseThrow().emails().get(0);
		int before = inbox(address).size();
		send(Topics.SUBMISSIONS, received(agencyId, at));
		send(Topics.FORMS, extracted(agencyId, at));
		send(Topics.SCORES, scored(agencyId, at, "50", 1));
		await().atMost(Duration.ofSeconds(20)).until(() -> inbox(address), m -> m.size() == before + 1);
	}
}
