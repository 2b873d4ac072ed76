package vn.ictrank.report.dashboard;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.ictrank.report.submissions.SubmissionEvents.CAMPAIGN;
import static vn.ictrank.report.submissions.SubmissionEvents.ON_TIME;
import static vn.ictrank.report.submissions.SubmissionEvents.received;
import static vn.ictrank.report.submissions.SubmissionEvents.scored;

/** The ranking staff attach to the Department's report, as a workbook, CSV and JSON that agree. */
class RankingExportsIntegrationTest extends ReportTestSupport {

	@Test
	void givesTheRankingAsAWorkbookPerGroupWithThoseNotRankedAndTheSameAsCsvAndJson() throws Exception {
		send(Topics.SUBMISSIONS, received("so-y-te", ON_TIME));
		send(Topics.SCORES, scored("so-y-te", ON_TIME, "78.45", 1));
		send(Topics.SUBMISSIONS, received("so-noi-vu", ON_TIME));
		send(Topics.SCORES, scored("so-noi-vu", ON_TIME, "73.9", 1));
		send(Topics.SUBMISSIONS, received("so-xay-dung", CAMPAIGN.lateFrom()));
		send(Topics.SCORES, scored("so-xay-dung", CAMPAIGN.lateFrom(), "95", 1));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get("/xep-hang")).contains("73,90").contains("78,45"));

		HttpResponse<byte[]> xlsx = download("/xep-hang.xlsx");
		assertThat(xlsx.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment"));
		assertThat(xlsx.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
			Sheet departments = workbook.getSheet("Sở, ban, ngành");
			assertThat(departments).as("a sheet per group, named in Vietnamese").isNotNull();
			DataFormatter shown = new DataFormatter();
			StringBuilder text = new StringBuilder();
			for (Row row : departments) {
				row.forEach(cell -> text.append(shown.formatCellValue(cell)).append(" | "));
				text.append('\n');
			}
			assertThat(text).contains("Hạng | Cơ quan, đơn vị | Tổng điểm | Xếp loại | Thời gian nộp | Ghi chú")
				.contains("1 | Sở Y tế | 78.45 | Khá").contains("2 | Sở Nội vụ | 73.90 | Khá").contains("Không xếp hạng")
				.contains("Sở Xây dựng | Nộp muộn, không xếp hạng").contains("Sở Tư pháp | Chưa nộp");
			assertThat(workbook.getNumberOfSheets()).isEqualTo(CAMPAIGN.forms().size());
		}

		String csv = new String(download("/xep-hang.csv").body(), StandardCharsets.UTF_8);
		assertThat(csv).startsWith("\uFEFFNhóm,Hạng,Cơ quan,Tổng điểm").contains("\"Sở, ban, ngành\",1,\"Sở Y tế\",78.45,\"Khá\"")
			.contains("\"Sở, ban, ngành\",2,\"Sở Nội vụ\",73.90,");

		JsonNode json = JsonMapper.builder().build().readTree(new String(download("/api/xep-hang").body(), StandardCharsets.UTF_8));
		JsonNode department = json.get("groups").get(0);
		assertThat(department.get("ranked").get(0).get("agency").asString()).isEqualTo("Sở Y tế");
		assertThat(department.get("ranked").get(1).get("total").decimalValue()).isEqualByComparingTo("73.90");
		assertThat(department.get("notRanked").findValuesAsString("state")).contains("LATE", "MISSING");
	}

	private HttpResponse<byte[]> download(String path) throws Exception {
		HttpResponse<byte[]> response = this.staff.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", basic()).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		return response;
	}
}
