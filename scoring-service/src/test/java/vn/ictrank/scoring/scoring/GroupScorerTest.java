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
}
