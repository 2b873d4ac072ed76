package vn.ictrank.report.dashboard;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.SubmissionReceived;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.ictrank.report.submissions.SubmissionEvents.CAMPAIGN;
import static vn.ictrank.report.submissions.SubmissionEvents.ON_TIME;
import static vn.ictrank.report.submissions.SubmissionEvents.id;
import static vn.ictrank.report.submissions.SubmissionEvents.received;
import static vn.ictrank.report.submissions.SubmissionEvents.rejected;
import static vn.ictrank.report.submissions.SubmissionEvents.scored;

/** The overview's charts and the submissions list as CSV. */
class OverviewChartsIntegrationTest extends ReportTestSupport {

	@Test
	void chartsArrivalsPerDayAndEachGroupsTotalsAndExportsTheFilteredListAsCsvThatExcelOpensSafely() throws Exception {
		Instant nextDay = ON_TIME.plus(Duration.ofDays(1));
		scoredAt("so-y-te", ON_TIME, "85.50");
		scoredAt("so-tu-phap", ON_TIME.plusSeconds(60), "87.00");
		scoredAt("so-noi-vu", ON_TIME.plusSeconds(120), "55.00");
		Instant hostileAt = nextDay;
		send(Topics.SUBMISSIONS, EventEnvelope.wrap(new SubmissionReceived("<hostile@test>", "la@example.com", "=HYPERLINK(\"http://x.example\")",
				hostileAt, List.of(), "gridfs:mail-archive/h"), CAMPAIGN.id(), "so-tai-chinh", id("so-tai-chinh", hostileAt), null, "", hostileAt));
		send(Topics.SUBMISSIONS, rejected("so-tai-chinh", hostileAt, "Thư không có tệp đính kèm."));

		String page = await().atMost(Duration.ofSeconds(20)).until(() -> get("/"), p -> "4".equals(count(p, "so-thu")) && "3".equals(count(p, "so-da-cham")));

		assertThat(page).contains("<title>20/11: 3 thư</title>").contains("<title>21/11: 1 thư</title>")
			.contains("Phân bố tổng điểm: Sở, ban, ngành (3 cơ quan, % điểm tối đa)")
			.contains("<title>80–90% điểm tối đa: 2 cơ quan</title>").contains("<title>50–60% điểm tối đa: 1 cơ quan</title>")
			.contains("Đã hết hạn nộp phiếu (hết ngày 25/11/2016).");

		HttpResponse<String> all = csv("/ho-so.csv");
		assertThat(all.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment"));
		List<String> lines = all.body().lines().toList();
		assertThat(lines.get(0)).isEqualTo("\uFEFFThời gian nhận,Cơ quan,Nhóm,Người gửi,Tiêu đề,Tệp đính kèm,Tình trạng,Tổng điểm,Xếp loại,Nộp muộn,Lý do,Mã hồ sơ");
		assertThat(lines).hasSize(5);
		assertThat(lines.get(1)).contains("\"Sở Tài chính\"").contains("\"'=HYPERLINK(\"\"http://x.example\"\")\"").contains("Thư không có tệp đính kèm.");
		assertThat(csv("/ho-so.csv?co-quan=so-y-te").body().lines().toList()).hasSize(2)
			.last().asString().contains("\"Sở Y tế\"").contains(",85.50,");
	}

	private void scoredAt(String agencyId, Instant at, String total) throws Exception {
		send(Topics.SUBMISSIONS, received(agencyId, at));
		send(Topics.SCORES, scored(agencyId, at, total, 1));
	}

	private HttpResponse<String> csv(String path) throws Exception {
		HttpResponse<String> response = this.staff.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", basic()).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).isEqualTo(200);
		return response;
	}
}
