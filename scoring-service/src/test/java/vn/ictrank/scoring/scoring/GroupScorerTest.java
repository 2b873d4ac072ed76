package vn.ictrank.scoring.scoring;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import vn.ictrank.model.event.SubmissionId;

import static org.assertj.core.api.Assertions.assertThat;

class GroupScorerTest {

	@Test
	void totalsTheIndicatorsAndNormalisesBandwidthAgainstTheBestAgency() {
		GroupScorer.Form best = new GroupScorer.Form("so-y-te", SubmissionId.of("a"), ExtractedForms.eightyPercent(200));
		GroupScorer.Form half = new GroupScorer.Form("so-tu-phap", SubmissionId.of("b"), ExtractedForms.eightyPercent(100));

		Map<SubmissionId, GroupScorer.Result> results = GroupScorer.score(ExtractedForms.DEPARTMENT, List.of(best, half), List.of());

		GroupScorer.Score top = results.get(SubmissionId.of("a")).score().orElseThrow();
		GroupScorer.Score other = results.get(SubmissionId.of("b")).score().orElseThrow();
		assertThat(top.total()).isEqualByComparingTo(ExtractedForms.expectedTotal(1.0));
		assertThat(other.total()).isEqualByComparingTo(ExtractedForms.expectedTotal(0.5));
		assertThat(other.indicators()).filteredOn(i -> i.id().equals("HT3")).first()
			.satisfies(i -> assertThat(i.score()).isEqualByComparingTo("2.5"));
		assertThat(top.band().label()).isEqualTo("Tốt");
	}

	@Test
	void flagsARatioThatMovedMoreThanFiftyPointsSinceLastYearAndComparesNothingWithoutLastYearsForm() {
		Map<String, BigDecimal> then = ExtractedForms.eightyPercent(100);
		then.put("so_cbccvc_co_may_tinh", BigDecimal.valueOf(25));
		Map<String, BigDecimal> close = ExtractedForms.eightyPercent(100);
		close.put("so_cbccvc_co_may_tinh", BigDecimal.valueOf(40));
		GroupScorer.Form jumped = new GroupScorer.Form("so-y-te", SubmissionId.of("a"), ExtractedForms.eightyPercent(100), java.util.Set.of(),
				GroupScorer.LastYear.of(ExtractedForms.DEPARTMENT, then));
		GroupScorer.Form steady = new GroupScorer.Form("so-tu-phap", SubmissionId.of("b"), ExtractedForms.eightyPercent(100), java.util.Set.of(),
				GroupScorer.LastYear.of(ExtractedForms.DEPARTMENT, close));
		GroupScorer.Form first = new GroupScorer.Form("so-xay-dung", SubmissionId.of("c"), ExtractedForms.eightyPercent(100));

		Map<SubmissionId, GroupScorer.Result> results = GroupScorer.score(ExtractedForms.DEPARTMENT, List.of(jumped, steady, first), List.of());

		assertThat(results.get(SubmissionId.of("a")).score().orElseThrow().findings()).singleElement().satisfies(f -> {
			assertThat(f.checkId()).isEqualTo("C21");
			assertThat(f.message()).contains("(%) = 80").contains("(%) năm trước = 25");
		});
		assertThat(results.get(SubmissionId.of("b")).score().orElseThrow().findings()).as("40 points: within the limit").isEmpty();
		assertThat(results.get(SubmissionId.of("c")).score().orElseThrow().findings()).isEmpty();
		assertThat(results.values()).allSatisfy(r -> assertThat(r.score().orElseThrow().total()).isEqualByComparingTo(ExtractedForms.expectedTotal(1.0)));
	}

	@Test
	void explainsAFormThatCannotBeScoredWithoutFailingTheRestOfItsGroup() {
		Map<String, BigDecimal> values = ExtractedForms.eightyPercent(100);
		values.remove("bang_thong_quy_doi_mbps");

		Map<SubmissionId, GroupScorer.Result> results = GroupScorer.score(ExtractedForms.DEPARTMENT,
				List.of(new GroupScorer.Form("so-y-te", SubmissionId.of("a"), values),
						new GroupScorer.Form("so-tu-phap", SubmissionId.of("b"), ExtractedForms.eightyPercent(100))), List.of());

		assertThat(results.get(SubmissionId.of("a")).score()).isEmpty();
		assertThat(results.get(SubmissionId.of("a")).problem()).contains("HT3").contains("bang_thong_quy_doi_mbps");
		assertThat(results.get(SubmissionId.of("b")).score().orElseThrow().total()).isEqualByComparingTo(ExtractedForms.expectedTotal(1.0));
	}

	@Test
	void scoresALateFormAsIfItHadJoinedWithoutChangingTheOnTimeScores() {
		GroupScorer.Form onTime = new GroupScorer.Form("so-tu-phap", SubmissionId.of("b"), ExtractedForms.eightyPercent(100));
		GroupScorer.Form betterLate = new GroupScorer.Form("so-y-te", SubmissionId.of("c"), ExtractedForms.eightyPercent(200));
		GroupScorer.Form weakerLate = new GroupScorer.Form("so-xay-dung", SubmissionId.of("d"), ExtractedForms.eightyPercent(50));

		Map<SubmissionId, GroupScorer.Result> results = GroupScorer.score(ExtractedForms.DEPARTMENT, List.of(onTime),
				List.of(betterLate, weakerLate));

		assertThat(results.get(SubmissionId.of("b")).score().orElseThrow().total()).isEqualByComparingTo(ExtractedForms.expectedTotal(1.0));
		assertThat(results.get(SubmissionId.of("c")).score().orElseThrow().total()).isEqualByComparingTo(ExtractedForms.expectedTotal(1.0));
		assertThat(results.get(SubmissionId.of("d")).score().orElseThrow().total()).isEqualByComparingTo(ExtractedForms.expectedTotal(0.5));
	}

	@Test
	@Timeout(30)
	void setsAsideAFormWithAnAbsurdValueWithoutChangingTheBestOfItsGroup() {
		Map<String, BigDecimal> absurd = ExtractedForms.eightyPercent(100);
		absurd.put("bang_thong_quy_doi_mbps", new BigDecimal("1e-600000000"));
		Map<String, BigDecimal> huge = ExtractedForms.eightyPercent(100);
		huge.put("bang_thong_quy_doi_mbps", new BigDecimal("1e100000000"));

		Map<SubmissionId, GroupScorer.Result> results = GroupScorer.score(ExtractedForms.DEPARTMENT,
				List.of(new GroupScorer.Form("so-y-te", SubmissionId.of("a"), absurd), new GroupScorer.Form("so-xay-dung", SubmissionId.of("c"), huge),
						new GroupScorer.Form("so-tu-phap", SubmissionId.of("b"), ExtractedForms.eightyPercent(50))), List.of());

		assertThat(results.get(SubmissionId.of("a")).problem()).contains("bang_thong_quy_doi_mbps").contains("không phải con số hợp lý");
		assertThat(results.get(SubmissionId.of("c")).score()).isEmpty();
		assertThat(results.get(SubmissionId.of("b")).score().orElseThrow().total()).isEqualByComparingTo(ExtractedForms.expectedTotal(1.0));
	}

	@Test
	void holdsAFormThatFailsAnErrorCheckOutOfTheRankingAndOutOfTheGroupsBest() {
		Map<String, BigDecimal> doubtful = moreStaffWithComputersThanStaffAndTheBestBandwidth();

		Map<SubmissionId, GroupScorer.Result> results = GroupScorer.score(ExtractedForms.DEPARTMENT,
				List.of(new GroupScorer.Form("so-y-te", SubmissionId.of("a"), doubtful),
						new GroupScorer.Form("so-tu-phap", SubmissionId.of("b"), ExtractedForms.eightyPercent(100))), List.of());

		GroupScorer.Score held = results.get(SubmissionId.of("a")).score().orElseThrow();
		assertThat(held.awaitingConfirmation()).isTrue();
		assertThat(held.findings()).singleElement().satisfies(f -> {
			assertThat(f.checkId()).isEqualTo("C01");
			assertThat(f.message()).isEqualTo("Số CBCCVC được trang bị máy tính lớn hơn tổng số CBCCVC: "
					+ "Số CBCCVC được trang bị máy tính = 120; Tổng số cán bộ, công chức, viên chức = 100.");
			assertThat(f.indicators()).contains("HT1", "HT3");
			assertThat(f.confirmed()).isFalse();
		});
		// Its 400 Mbps would make it the group's best; held, it does not.
		assertThat(results.get(SubmissionId.of("b")).score().orElseThrow().total()).isEqualByComparingTo(ExtractedForms.expectedTotal(1.0));
		assertThat(results.get(SubmissionId.of("b")).score().orElseThrow().findings()).isEmpty();
	}

	@Test
	void ranksAHeldFormWithItsFiguresOnceStaffConfirmThem() {
		Map<String, BigDecimal> doubtful = moreStaffWithComputersThanStaffAndTheBestBandwidth();

		Map<SubmissionId, GroupScorer.Result> results = GroupScorer.score(ExtractedForms.DEPARTMENT,
				List.of(new GroupScorer.Form("so-y-te", SubmissionId.of("a"), doubtful, java.util.Set.of("C01")),
						new GroupScorer.Form("so-tu-phap", SubmissionId.of("b"), ExtractedForms.eightyPercent(100))), List.of());

		GroupScorer.Score confirmed = results.get(SubmissionId.of("a")).score().orElseThrow();
		assertThat(confirmed.awaitingConfirmation()).isFalse();
		assertThat(confirmed.findings()).singleElement().satisfies(f -> assertThat(f.confirmed()).isTrue());
		assertThat(results.get(SubmissionId.of("b")).score().orElseThrow().total()).isEqualByComparingTo(ExtractedForms.expectedTotal(0.25));
	}

	@Test
	void flagsAWarningButScoresAndRanksTheForm() {
		Map<String, BigDecimal> manyComputers = ExtractedForms.eightyPercent(100);
		manyComputers.put("tong_may_tinh", BigDecimal.valueOf(400));
		manyComputers.put("so_may_tinh_diet_virus", BigDecimal.valueOf(320));
		manyComputers.put("so_may_tinh_ket_noi_lan", BigDecimal.valueOf(320));

		Map<SubmissionId, GroupScorer.Result> results = GroupScorer.score(ExtractedForms.DEPARTMENT,
				List.of(new GroupScorer.Form("so-y-te", SubmissionId.of("a"), manyComputers)), List.of());

		GroupScorer.Score score = results.get(SubmissionId.of("a")).score().orElseThrow();
		assertThat(score.awaitingConfirmation()).isFalse();
		assertThat(score.total()).isEqualByComparingTo(ExtractedForms.expectedTotal(1.0));
		assertThat(score.findings()).singleElement().satisfies(f -> {
			assertThat(f.checkId()).isEqualTo("C13");
			assertThat(f.severity()).isEqualTo(vn.ictrank.model.event.SubmissionScored.Finding.Severity.WARNING);
			assertThat(f.message()).contains("Tổng số máy tính đang sử dụng = 400");
		});
	}

	@Test
	void flagsABandwidthFarAboveTheGroupsMedianAsALikelyMixUpOfUnits() {
		Map<SubmissionId, GroupScorer.Result> results = GroupScorer.score(ExtractedForms.DEPARTMENT,
				List.of(new GroupScorer.Form("so-y-te", SubmissionId.of("a"), ExtractedForms.eightyPercent(100)),
						new GroupScorer.Form("so-tu-phap", SubmissionId.of("b"), ExtractedForms.eightyPercent(120)),
						new GroupScorer.Form("so-xay-dung", SubmissionId.of("c"), ExtractedForms.eightyPercent(20000))), List.of());

		assertThat(results.get(SubmissionId.of("c")).score().orElseThrow().findings()).singleElement().satisfies(f -> {
			assertThat(f.checkId()).isEqualTo("C18");
			assertThat(f.message()).contains("Băng thông quy đổi trên mỗi CBCCVC (Mbps/người) = 200")
				.contains("trung vị của nhóm (Băng thông quy đổi trên mỗi CBCCVC (Mbps/người)) = 1,2");
		});
		assertThat(results.get(SubmissionId.of("a")).score().orElseThrow().findings()).isEmpty();
	}

	/** Fails C01 (120 staff with a computer of 100 staff), an error; 400 Mbps would make it the group's best. */
	private static Map<String, BigDecimal> moreStaffWithComputersThanStaffAndTheBestBandwidth() {
		Map<String, BigDecimal> figures = ExtractedForms.eightyPercent(400);
		figures.put("so_cbccvc_co_may_tinh", BigDecimal.valueOf(120));
		figures.put("tong_may_tinh", BigDecimal.valueOf(150));
		return figures;
	}
}
