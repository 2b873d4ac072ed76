package vn.ictrank.report.dashboard;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.SubmissionId;
import vn.ictrank.model.event.SubmissionReceived;
import vn.ictrank.model.event.SubmissionScored;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * This year's trial round (Thanh Hóa 2026) beside the province's previous campaign (Thanh Hóa
 * 2016): the ranking and each submission show last year's total, rank and band, and the
 * indicators that moved most.
 */
class YearOnYearIntegrationTest extends ReportTestSupport {

	private static final String LAST_YEAR = "thanh-hoa-2016";

	private static final String THIS_YEAR = "thanh-hoa-2026";

	@Test
	void showsLastYearsTotalRankAndBandBesideThisYearsAndTheIndicatorsThatMovedMost() throws Exception {
		Instant then = Instant.parse("2016-11-20T02:00:00Z");
		Instant now = Instant.parse("2026-11-20T02:00:00Z");
		scored(LAST_YEAR, "so-noi-vu", then, "70", "5", "3");
		scored(LAST_YEAR, "so-tu-phap", then, "80", "6", "4");
		String id = scored(THIS_YEAR, "so-noi-vu", now, "75.5", "6", "1");

		String ranking = await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
			.until(() -> get("/xep-hang?chien-dich=" + THIS_YEAR), p -> p.contains("href=\"/ho-so/" + id + "\"") && p.contains(">70,00<"));
		assertThat(ranking).contains("Năm 2016: tổng điểm")
			.containsPattern("(?s)Sở Nội vụ</a></td>.*?>70,00</a></td>\\s*<td><span>2/2, Khá</span></td>\\s*<td class=\"num\">\\+5,50</td>");

		String page = get("/ho-so/" + id);
		assertThat(page).contains("So với năm 2016").contains("<b>70,00</b>").contains("hạng <b>2/2</b>, xếp loại <b>Khá</b>")
			.contains("năm nay <b>+5,50</b> điểm");
		// HT2 fell by 2, HT1 rose by 1: the larger change first.
		assertThat(page).containsPattern("(?s)Chỉ tiêu thay đổi nhiều nhất.*<td>HT2</td>.*?<td class=\"num\">\u22122</td>.*<td>HT1</td>.*?<td class=\"num\">\\+1</td>");
		// A campaign with no earlier one of its province shows no comparison.
		assertThat(get("/xep-hang?chien-dich=" + LAST_YEAR)).doesNotContain("Năm 2016: tổng điểm").doesNotContain("Tăng, giảm");
	}

	/** A submission of {@code campaignId} scored {@code total}, with indicators HT1 and HT2 at the given points. */
	private String scored(String campaignId, String agencyId, Instant at, String total, String ht1, String ht2) throws Exception {
		SubmissionId id = SubmissionId.forMessage(campaignId, "<" + agencyId + "-" + at + "@nam-truoc>");
		send(Topics.SUBMISSIONS, EventEnvelope.wrap(new SubmissionReceived("<" + agencyId + "-" + at + "@nam-truoc>", agencyId + "@example.com",
				"Phiếu tự đánh giá", at, List.of(), "gridfs:mail-archive/x"), campaignId, agencyId, id, null, "", at));
		send(Topics.SCORES, EventEnvelope.wrap(new SubmissionScored(AgencyGroup.DEPARTMENT, "so-ban-nganh-draft", 1, new BigDecimal(total),
				BigDecimal.valueOf(100), new SubmissionScored.Band("KHA", "Khá"),
				List.of(new SubmissionScored.IndicatorScore("HT1", "Tỷ lệ CBCCVC được trang bị máy tính", "HT", new BigDecimal(ht1), BigDecimal.valueOf(6)),
						new SubmissionScored.IndicatorScore("HT2", "Tỷ lệ máy tính cài phần mềm diệt virus bản quyền", "HT", new BigDecimal(ht2),
								BigDecimal.valueOf(4)))), campaignId, agencyId, id, null, "1", at));
		return id.value();
	}
}
