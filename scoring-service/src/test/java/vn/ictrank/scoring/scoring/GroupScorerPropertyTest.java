package vn.ictrank.scoring.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CriteriaSet;
import vn.ictrank.model.event.SubmissionId;
import vn.ictrank.model.event.SubmissionScored;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of every score over random figures a form can hold (each within its type and
 * declared maximum, zeros included, checks passed or not), for every criteria set shipped: each
 * indicator between 0 and its maximum, each group's points within the group's maximum, the
 * total the sum of the indicators and never above the set's maximum.
 */
class GroupScorerPropertyTest {

	private static final int GROUPS_PER_SET = 150;

	static List<CriteriaSet> criteriaSets() {
		List<CriteriaSet> sets = new ArrayList<>();
		for (Campaign campaign : ExtractedForms.CATALOG.campaigns()) {
			for (AgencyGroup group : campaign.forms().keySet()) {
				CriteriaSet set = campaign.form(group).criteria();
				if (sets.stream().noneMatch(s -> s.version().equals(set.version()))) {
					sets.add(set);
				}
			}
		}
		return sets;
	}

	@ParameterizedTest
	@MethodSource("criteriaSets")
	void keepsEveryIndicatorWithinItsMaximumAndTheTotalTheSumOfItsParts(CriteriaSet criteria) {
		Random random = new Random(20261123L);
		int scored = 0;
		for (int g = 0; g < GROUPS_PER_SET; g++) {
			List<GroupScorer.Form> onTime = new ArrayList<>();
			List<GroupScorer.Form> late = new ArrayList<>();
			int size = 1 + random.nextInt(15);
			for (int i = 0; i < size; i++) {
				GroupScorer.Form form = new GroupScorer.Form("co-quan-" + i, SubmissionId.of(g + "-" + i), figures(criteria, random));
				(random.nextInt(6) == 0 ? late : onTime).add(form);
			}

			Map<SubmissionId, GroupScorer.Result> results = GroupScorer.score(criteria, onTime, late);

			assertThat(results).hasSize(size);
			for (GroupScorer.Result result : results.values()) {
				assertThat(result.score()).as("%s", result.problem()).isPresent();
				GroupScorer.Score score = result.score().get();
				BigDecimal sum = BigDecimal.ZERO;
				for (SubmissionScored.IndicatorScore indicator : score.indicators()) {
					assertThat(indicator.score()).as(indicator.id()).isBetween(BigDecimal.ZERO, indicator.max());
					sum = sum.add(indicator.score());
				}
				for (CriteriaSet.IndicatorGroup group : criteria.groups()) {
					BigDecimal points = score.indicators().stream().filter(i -> i.groupId().equals(group.id()))
						.map(SubmissionScored.IndicatorScore::score).reduce(BigDecimal.ZERO, BigDecimal::add);
					assertThat(points).as(group.id()).isLessThanOrEqualTo(group.max());
				}
				// Indicators carry four decimals, the total two: they agree to the rounding of each.
				BigDecimal tolerance = new BigDecimal("0.005").add(new BigDecimal("0.00005").multiply(BigDecimal.valueOf(score.indicators().size())));
				assertThat(score.total().subtract(sum).abs()).isLessThanOrEqualTo(tolerance);
				assertThat(score.total()).isBetween(BigDecimal.ZERO, criteria.maxTotal());
				assertThat(score.band().code()).isEqualTo(criteria.band(score.total()).code());
				scored++;
			}
		}
		assertThat(scored).isGreaterThan(GROUPS_PER_SET);
	}

	/** Random figures within each input's type and maximum; one in five is zero, to reach every divisor. */
	private static Map<String, BigDecimal> figures(CriteriaSet criteria, Random random) {
		Map<String, BigDecimal> values = new HashMap<>();
		for (CriteriaSet.Input input : criteria.inputs()) {
			BigDecimal max = input.max() == null ? BigDecimal.valueOf(100_000) : input.max().min(BigDecimal.valueOf(100_000));
			BigDecimal value = switch (input.type()) {
				case BOOLEAN -> BigDecimal.valueOf(random.nextInt(2));
				case INTEGER -> random.nextInt(5) == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(random.nextInt(max.intValue() + 1));
				case DECIMAL -> random.nextInt(5) == 0 ? BigDecimal.ZERO
						: max.multiply(BigDecimal.valueOf(random.nextDouble())).setScale(1, RoundingMode.DOWN);
			};
			values.put(input.id(), value);
		}
		return values;
	}
}
