package vn.ictrank.report.dashboard;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import vn.ictrank.model.event.Topics;
import vn.ictrank.report.replies.ReplyDocument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.ictrank.report.submissions.SubmissionEvents.ON_TIME;
import static vn.ictrank.report.submissions.SubmissionEvents.extracted;
import static vn.ictrank.report.submissions.SubmissionEvents.id;
import static vn.ictrank.report.submissions.SubmissionEvents.received;
import static vn.ictrank.report.submissions.SubmissionEvents.scored;

/**
 * What staff do with submissions: review, comment, return for correction, remind; each in the log.
 * The campaign's calendar stands on 21/11/2016, four days before its deadline.
 */
@Import(StaffWorkflowIntegrationTest.CampaignCalendar.class)
class StaffWorkflowIntegrationTest extends MailServerSupport {

	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.data.mongodb.core.MongoTemplate mongo;

	@TestConfiguration
	static class CampaignCalendar {

		@Bean
		Clock campaignClock() {
			return Clock.fixed(Instant.parse("2016-11-21T01:00:00Z"), ZoneOffset.UTC);
		}
	}

	@Test
	void returnsAFormWithWhatToCorrectAndShowsWhatTheAgencysNextFormChanged() throws Exception {
		Instant t = ON_TIME.plusSeconds(1000);
		String address = "sokehoachvadautu@thanhhoa.gov.vn";
		submitted("so-ke-hoach-va-dau-tu", t, 85);
		await().atMost(Duration.ofSeconds(20)).until(() -> letters(address, "Đã tiếp nhận: "), m -> m.size() == 1);
		String first = id("so-ke-hoach-va-dau-tu", t).value();

		String request = "Tổng số CBCCVC (ô D9) chưa khớp với báo cáo của Sở Nội vụ; đề nghị kiểm tra lại.";
		assertThat(submit(get("/ho-so/" + first), "/ho-so/[^\"]+/tra-lai", "yeu-cau=" + URLEncoder.encode(request, StandardCharsets.UTF_8)))
			.isEqualTo(302);

		MimeMessage returned = await().atMost(Duration.ofSeconds(20))
			.until(() -> letters(address, "Đề nghị hoàn thiện phiếu tự đánh giá: "), m -> m.size() == 1).get(0);
		assertThat(text(returned)).startsWith("Kính gửi: Sở Kế hoạch và Đầu tư.")
			.contains("theo các nội dung sau:\n\n" + request + "\n")
			.contains("- Tổng số cán bộ, công chức, viên chức: 85 (người), ô Mẫu 01!D9")
			.contains("Phiếu gửi lại sẽ thay thế phiếu này.");
		assertThat(returned.getHeader("In-Reply-To", null)).isEqualTo("<so-ke-hoach-va-dau-tu@test>");
		String page = get("/ho-so/" + first);
		assertThat(page).contains("id=\"trang-thai-xem-xet\">Trả lại<").contains("Trả lại: " + request)
			.contains("Thư gửi cơ quan: Trả lại để hoàn thiện").doesNotContain("name=\"yeu-cau\"");

		Instant again = t.plusSeconds(3600);
		submitted("so-ke-hoach-va-dau-tu", again, 90);
		String second = await().atMost(Duration.ofSeconds(20)).until(() -> get("/ho-so/" + id("so-ke-hoach-va-dau-tu", again).value()),
				p -> p.contains("Phiếu gửi lại sau khi Sở trả lại phiếu gửi lúc"));
		assertThat(second).containsPattern("(?s)<table id=\"thay-doi\">.*Tổng số cán bộ, công chức, viên chức</td><td class=\"num\">85</td>\\s*<td class=\"num\">90</td>");
		assertThat(get("/nhat-ky")).contains("Trả lại để hoàn thiện").contains(request).contains("Sở Kế hoạch và Đầu tư");
	}

	@Test
	void remindsOnlyAgenciesThatHaveNotSentAndNeverTwiceOnOneDay() throws Exception {
		Instant t = ON_TIME.plusSeconds(2000);
		submitted("so-xay-dung", t, 70);
		await().atMost(Duration.ofSeconds(20)).until(() -> letters("soxaydung@thanhhoa.gov.vn", "Đã tiếp nhận: "), m -> m.size() == 1);

		assertThat(submit(get("/"), "/nhac-nop[^\"]*", "")).isEqualTo(302);

		MimeMessage reminder = await().atMost(Duration.ofSeconds(20)).until(() -> letters("sotuphap@thanhhoa.gov.vn", "Nhắc"), m -> m.size() == 1).get(0);
		assertThat(subject(reminder)).isEqualTo("Nhắc gửi phiếu tự đánh giá mức độ ứng dụng CNTT năm 2016");
		assertThat(text(reminder)).startsWith("Kính gửi: Sở Tư pháp.").contains("chưa nhận được phiếu tự đánh giá (Mẫu 01) hợp lệ")
			.contains("tới địa chỉ cntt.stttt@thanhhoa.gov.vn trước thời hạn (hết ngày 25/11/2016, còn 4 ngày)");
		await().atMost(Duration.ofSeconds(20)).until(() -> rosterRow(get("/"), "Sở Tư pháp"), r -> r.contains("Đã gửi"));

		assertThat(submit(get("/"), "/nhac-nop[^\"]*", "")).isEqualTo(302);

		assertThat(get("/nhat-ky")).contains("Gửi thư nhắc").contains("0 cơ quan chưa nộp được nhắc (đã nhắc hôm nay");
		assertThat(letters("sotuphap@thanhhoa.gov.vn", "Nhắc")).hasSize(1);
		assertThat(letters("soxaydung@thanhhoa.gov.vn", "Nhắc")).isEmpty();
	}

	@Test
	void sendsAgainFromTheRosterAReminderTheMailServerRefused() throws Exception {
		String letter = "nhac:thanh-hoa-2016:so-ngoai-vu:2016-11-20:songoaivu@thanhhoa.gov.vn";
		// Yesterday's reminder, as the dispatcher leaves one the server refused for good; recorded as the agency's latest.
		Instant later = Instant.now().plus(Duration.ofHours(1));
		this.mongo.insert(new ReplyDocument(letter, ReplyDocument.Kind.REMINDER, null, "thanh-hoa-2016", "so-ngoai-vu", "songoaivu@thanhhoa.gov.vn",
				"Nhắc gửi phiếu (gửi lại)", "Kính gửi: Sở Ngoại vụ.", "<nhac.so-ngoai-vu@thanhhoa.gov.vn>", null, ReplyDocument.State.FAILED, null,
				later, 1, later, "Máy chủ gửi thư từ chối: 550 hộp thư đầy", null, null, null, null, null));
		String overview = await().atMost(Duration.ofSeconds(20)).until(() -> get("/"),
				p -> rosterRow(p, "Sở Ngoại vụ").contains("Không gửi được") && p.contains("/nhac-nop/" + letter + "/gui-lai"));

		assertThat(submit(overview, "/nhac-nop/" + java.util.regex.Pattern.quote(letter) + "/gui-lai", "")).isEqualTo(302);

		await().atMost(Duration.ofSeconds(20)).until(() -> letters("songoaivu@thanhhoa.gov.vn", "Nhắc gửi phiếu (gửi lại)"), m -> m.size() == 1);
		assertThat(get("/nhat-ky")).contains("Gửi lại thư nhắc").contains("tới songoaivu@thanhhoa.gov.vn");
	}

	@Test
	void keepsEachReviewAndCommentInTheLogAndRefusesAChangeWithoutItsCsrfToken() throws Exception {
		Instant t = ON_TIME.plusSeconds(3000);
		submitted("so-tai-chinh", t, 60);
		String id = id("so-tai-chinh", t).value();
		String page = await().atMost(Duration.ofSeconds(20)).until(() -> get("/ho-so/" + id), p -> p.contains("Chưa xem xét"));

		assertThat(submit(page, "/ho-so/[^\"]+/xem-xet", "trang-thai=ACCEPTED&ghi-chu="
				+ URLEncoder.encode("Đã đối chiếu với báo cáo năm trước", StandardCharsets.UTF_8))).isEqualTo(302);
		HttpResponse<String> forged = this.staff.send(HttpRequest.newBuilder(URI.create(url("/ho-so/" + id + "/xem-xet")))
			.header("Authorization", basic()).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("trang-thai=NEEDS_MORE")).build(), HttpResponse.BodyHandlers.ofString());

		// Refused before anything is read, so Spring Security answers as to a stranger.
		assertThat(forged.statusCode()).isIn(401, 403);
		String reviewed = get("/ho-so/" + id);
		assertThat(reviewed).contains("id=\"trang-thai-xem-xet\">Đạt<").contains("Đã đối chiếu với báo cáo năm trước")
			.contains("Xem xét: Đạt: Đã đối chiếu với báo cáo năm trước");
		assertThat(get("/nhat-ky")).contains("Xem xét: Đạt").contains("Sở Tài chính");
	}

	private void submitted(String agencyId, Instant at, int staff) throws Exception {
		send(Topics.SUBMISSIONS, received(agencyId, at));
		send(Topics.FORMS, extracted(agencyId, at, staff));
		send(Topics.SCORES, scored(agencyId, at, "70", 1));
	}

	/** The letters in an agency's inbox whose subject starts so. */
	private static java.util.List<MimeMessage> letters(String address, String subjectStart) {
		return inbox(address).stream().filter(m -> subject(m).startsWith(subjectStart)).toList();
	}

	/** The roster's row of an agency, as text. */
	private static String rosterRow(String page, String agency) {
		java.util.regex.Matcher row = java.util.regex.Pattern.compile("<tr>\\s*<td><a [^>]*>" + agency + "</a></td>(.*?)</tr>", java.util.regex.Pattern.DOTALL)
			.matcher(page);
		return row.find() ? row.group(1).replaceAll("<[^>]+>", " ") : "";
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
