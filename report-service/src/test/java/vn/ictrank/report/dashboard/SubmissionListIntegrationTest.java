package vn.ictrank.report.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.ictrank.report.submissions.SubmissionEvents.CAMPAIGN;
import static vn.ictrank.report.submissions.SubmissionEvents.ON_TIME;
import static vn.ictrank.report.submissions.SubmissionEvents.received;
import static vn.ictrank.report.submissions.SubmissionEvents.rejected;

class SubmissionListIntegrationTest extends ReportTestSupport {

	private static final Pattern ROW = Pattern.compile("<tr data-submission=[^>]*>(.*?)</tr>", Pattern.DOTALL);

	@Test
	void listsFiftySubmissionsAPageAndFindsThemByStatusAndByAnAgencyNameTypedWithoutDiacritics() throws Exception {
		List<Agency> agencies = CAMPAIGN.agencies();
		for (int i = 0; i < 60; i++) {
			Instant at = ON_TIME.minusSeconds(60L * i);
			String agency = agencies.get(i % agencies.size()).id();
			send(Topics.SUBMISSIONS, received(agency, at));
			if (i % 12 == 0) {
				send(Topics.SUBMISSIONS, rejected(agency, at, "Tệp đính kèm bị hỏng."));
			}
		}
		await().untilAsserted(() -> assertThat(count(get("/"), "so-thu")).isEqualTo("60"));

		String first = get("/");
		assertThat(rows(first)).hasSize(50);
		assertThat(first).contains("Trang 1 / 2").contains("rel=\"next\"").contains("Hồ sơ 1–50 trong 60 hồ sơ");
		assertThat(count(first, "so-loi")).isEqualTo("5");
		List<String> second = rows(get("/?trang=2"));
		assertThat(second).hasSize(10);
		assertThat(rows(first)).doesNotContainAnyElementsOf(second);

		List<String> failed = rows(get("/?trang-thai=loi"));
		assertThat(failed).hasSize(5).allSatisfy(row -> assertThat(row).contains("Lỗi").contains("Tệp đính kèm bị hỏng."));

		List<String> found = rows(get("/?tim=" + URLEncoder.encode("so tu phap", StandardCharsets.UTF_8)));
		assertThat(found).isNotEmpty().allSatisfy(row -> assertThat(row).contains("Sở Tư pháp"));
		assertThat(found).hasSize((int) rows(get("/?co-quan=so-tu-phap")).size());
	}

	private static List<String> rows(String page) {
		Matcher row = ROW.matcher(page);
		List<String> rows = new java.util.ArrayList<>();
		while (row.find()) {
			rows.add(row.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim());
		}
		return rows;
	}
}
