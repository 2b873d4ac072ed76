package vn.ictrank.report.dashboard;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.ictrank.report.submissions.SubmissionEvents.ON_TIME;
import static vn.ictrank.report.submissions.SubmissionEvents.id;
import static vn.ictrank.report.submissions.SubmissionEvents.received;
import static vn.ictrank.report.submissions.SubmissionEvents.rejected;
import static vn.ictrank.report.submissions.SubmissionEvents.scored;

/** What the overview says of each agency and its forms, as staff must be able to defend it. */
class StandingIntegrationTest extends ReportTestSupport {

	@Test
	void showsAReplacedFormWithALinkToTheOneThatCountsAnAgencyWhoseMailsAllFailedAsToResendAndTotalsWithTwoDecimals()
			throws Exception {
		send(Topics.SUBMISSIONS, received("so-noi-vu", ON_TIME));
		send(Topics.SCORES, scored("so-noi-vu", ON_TIME, "73.9", 1));
		send(Topics.SUBMISSIONS, received("so-noi-vu", ON_TIME.plusSeconds(600)));
		send(Topics.SCORES, scored("so-noi-vu", ON_TIME.plusSeconds(600), "75", 1));
		send(Topics.SUBMISSIONS, received("so-tu-phap", ON_TIME));
		send(Topics.SUBMISSIONS, rejected("so-tu-phap", ON_TIME, "Tệp đính kèm bị hỏng."));

		String newer = id("so-noi-vu", ON_TIME.plusSeconds(600)).value();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			String page = get("/");
			assertThat(page).contains("<a class=\"badge\" href=\"/ho-so/" + newer + "\"");
			assertThat(count(page, "so-can-gui-lai")).isEqualTo("1");
			// The scores come on their own topic, after the mails: both applied before the page is read.
			assertThat(page).contains("73,90").contains("75,00");
		});
		String page = get("/");
		assertThat(page).containsOnlyOnce("Đã thay thế");
		assertThat(page).contains("73,90").contains("75,00");
		java.util.regex.Matcher roster = java.util.regex.Pattern.compile("<tr>(.*?)</tr>", java.util.regex.Pattern.DOTALL)
			.matcher(page.substring(page.indexOf("id=\"co-quan\"")));
		String tuPhap = "";
		while (roster.find() && tuPhap.isEmpty()) {
			tuPhap = roster.group(1).contains(">Sở Tư pháp<") ? roster.group(1) : "";
		}
		assertThat(tuPhap).contains("Cần gửi lại");
		assertThat(get("/xep-hang")).contains("75,00").doesNotContain("73,90");
	}

	@Test
	void staffAcceptALateFormWithAReasonAndTheRankingShowsItWithTheReason() throws Exception {
		java.time.Instant late = vn.ictrank.report.submissions.SubmissionEvents.CAMPAIGN.lateFrom().plusSeconds(7200);
		send(Topics.SUBMISSIONS, received("so-y-te", late));
		send(Topics.SCORES, scored("so-y-te", late, "88", 1));
		String id = id("so-y-te", late).value();
		String page = await().atMost(Duration.ofSeconds(20)).until(() -> get("/ho-so/" + id), p -> p.contains("88,00"));
		assertThat(get("/xep-hang")).doesNotContain("88,00");

		java.util.regex.Matcher form = java.util.regex.Pattern.compile("action=\"(/ho-so/[^\"]+/chap-nhan-nop-muon)\".*?name=\"_csrf\" value=\"([^\"]+)\"",
				java.util.regex.Pattern.DOTALL).matcher(page);
		assertThat(form.find()).as("a form to accept the late form").isTrue();
		java.net.http.HttpResponse<String> accepted = this.staff.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(form.group(1))))
			.header("Authorization", basic()).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("_csrf=" + form.group(2) + "&ly-do="
					+ java.net.URLEncoder.encode("Công văn 15/SYT: mất điện ngày hết hạn", java.nio.charset.StandardCharsets.UTF_8))).build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(accepted.statusCode()).isEqualTo(302);

		assertThat(get("/ho-so/" + id)).contains("Nộp muộn, được chấp nhận để xếp hạng: Công văn 15/SYT: mất điện ngày hết hạn");
		assertThat(get("/xep-hang")).contains("88,00").contains("Nộp muộn, được chấp nhận: Công văn 15/SYT: mất điện ngày hết hạn");
	}
}
