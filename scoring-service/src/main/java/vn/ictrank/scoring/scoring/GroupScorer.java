package vn.ictrank.scoring.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import vn.ictrank.model.campaign.CriteriaSet;
import vn.ictrank.model.campaign.Expression;
import vn.ictrank.model.event.SubmissionId;
import vn.ictrank.model.event.SubmissionScored;

/**
 * Scores the current forms of one ranking group together, since indicators normalised against
 * the best agency depend on every form of the group.
 */
final class GroupScorer {

	private GroupScorer() {
	}

	/** One agency's current form. */
	record Form(String agencyId, SubmissionId submissionId, Map<String, BigDecimal> values) {
	}

	/** A form's score, or why it could not be computed. */
	record Result(Optional<Score> score, String problem) {
	}

	record Score(BigDecimal total, SubmissionScored.Band band, List<SubmissionScored.IndicatorScore> indicators) {
	}

	static Map<SubmissionId, Result> score(CriteriaSet criteria, List<Form> forms) {
		Map<String, Expression> derived = new HashMap<>();
		criteria.derived().forEach(d -> derived.put(d.id(), d.expression()));
		List<AgencyScope> scopes = new ArrayList<>();
		GroupMax groupMax = new GroupMax(scopes);
		forms.forEach(form -> scopes.add(new AgencyScope(form, derived, groupMax)));
		Map<SubmissionId, Result> results = new LinkedHashMap<>();
		for (AgencyScope scope : scopes) {
			results.put(scope.form.submissionId(), scoreOne(criteria, scope));
		}
		return results;
	}

	private static Result scoreOne(CriteriaSet criteria, AgencyScope scope) {
		List<SubmissionScored.IndicatorScore> indicators = new ArrayList<>();
		BigDecimal sum = BigDecimal.ZERO;
		for (CriteriaSet.IndicatorGroup group : criteria.groups()) {
			for (CriteriaSet.Indicator indicator : group.indicators()) {
				BigDecimal points;
				try {
					points = indicator.formula().evaluate(scope);
				}
				catch (Expression.EvaluationException ex) {
					return new Result(Optional.empty(), "Không tính được điểm chỉ tiêu " + indicator.id() + " ("
							+ indicator.label() + "): " + ex.getMessage());
				}
				sum = sum.add(points);
				indicators.add(new SubmissionScored.IndicatorScore(indicator.id(), indicator.label(), group.id(),
						points.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros(), indicator.max()));
			}
		}
		BigDecimal total = sum.setScale(2, RoundingMode.HALF_UP);
		CriteriaSet.Band band = criteria.band(total);
		return new Result(Optional.of(new Score(total, new SubmissionScored.Band(band.code(), band.label()), indicators)), null);
	}

	/** The values of one agency: its inputs, and derived values computed on first use. */
	private static final class AgencyScope implements Expression.Scope {

		private final Form form;

		private final Map<String, Expression> derived;

		private final GroupMax groupMax;

		private final Map<String, BigDecimal> computed = new HashMap<>();

		AgencyScope(Form form, Map<String, Expression> derived, GroupMax groupMax) {
			this.form = form;
			this.derived = derived;
			this.groupMax = groupMax;
		}

		@Override
		public BigDecimal value(String id) {
			BigDecimal input = this.form.values().get(id);
			if (input != null) {
				return input;
			}
			Expression expression = this.derived.get(id);
			if (expression == null) {
				throw new Expression.EvaluationException("phiếu thiếu số liệu '" + id + "'");
			}
			BigDecimal value = this.computed.get(id);
			if (value == null) {
				value = expression.evaluate(this);
				this.computed.put(id, value);
			}
			return value;
		}

		@Override
		public BigDecimal groupMax(String id) {
			return this.groupMax.of(id);
		}
	}

	/** The best value of the group, over every agency's scope. */
	private static final class GroupMax {

		private final List<AgencyScope> scopes;

		private final Map<String, BigDecimal> cache = new HashMap<>();

		GroupMax(List<AgencyScope> scopes) {
			this.scopes = scopes;
		}

		BigDecimal of(String id) {
			BigDecimal max = this.cache.get(id);
			if (max == null) {
				max = this.scopes.stream().map(s -> s.value(id)).reduce(BigDecimal::max).orElse(BigDecimal.ZERO);
				this.cache.put(id, max);
			}
			return max;
		}
	}
}
