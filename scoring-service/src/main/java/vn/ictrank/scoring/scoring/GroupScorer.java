package vn.ictrank.scoring.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

	/** Bounds of a figure any form can hold, as ingest reads them. */
	private static final BigDecimal LIMIT = new BigDecimal("1e15");

	private static final int MAX_SCALE = 10;

	private static final int MAX_PRECISION = 25;

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

	/**
	 * Scores the group's ranked forms together, and each form outside the ranking (a late one)
	 * as if it had joined them, without changing their scores.
	 */
	static Map<SubmissionId, Result> score(CriteriaSet criteria, List<Form> rankedForms, List<Form> outsideForms) {
		Map<SubmissionId, Result> implausible = new LinkedHashMap<>();
		List<Form> ranked = plausible(rankedForms, implausible);
		List<Form> outside = plausible(outsideForms, implausible);
		Map<String, Expression> derived = new HashMap<>();
		criteria.derived().forEach(d -> derived.put(d.id(), d.expression()));
		List<AgencyScope> rankedScopes = new ArrayList<>();
		GroupMax groupMax = new GroupMax(rankedScopes);
		ranked.forEach(form -> rankedScopes.add(new AgencyScope(form, derived, groupMax)));
		List<AgencyScope> all = new ArrayList<>(rankedScopes);
		for (Form form : outside) {
			List<AgencyScope> withIt = new ArrayList<>(rankedScopes);
			AgencyScope scope = new AgencyScope(form, derived, new GroupMax(withIt));
			withIt.add(scope);
			all.add(scope);
		}
		Map<SubmissionId, Result> results = new LinkedHashMap<>(implausible);
		for (AgencyScope scope : all) {
			results.put(scope.form.submissionId(), scoreOne(criteria, scope));
		}
		return results;
	}

	/**
	 * The forms whose every value is a plausible figure. Ingest refuses the others, but the forms
	 * topic is read again from its start: exact arithmetic on a value like 1e-600000000 never ends,
	 * and such a value must not become the group's best either.
	 */
	private static List<Form> plausible(List<Form> forms, Map<SubmissionId, Result> refused) {
		List<Form> plausible = new ArrayList<>();
		for (Form form : forms) {
			Optional<String> absurd = form.values().entrySet().stream()
				.filter(e -> e.getValue() == null || e.getValue().abs().compareTo(LIMIT) >= 0 || e.getValue().scale() > MAX_SCALE
						|| e.getValue().precision() > MAX_PRECISION)
				.map(Map.Entry::getKey)
				.findFirst();
			if (absurd.isPresent()) {
				refused.put(form.submissionId(), new Result(Optional.empty(), "Số liệu " + absurd.get()
						+ " không phải con số hợp lý nên phiếu không được chấm điểm; đề nghị đơn vị gửi lại phiếu."));
			}
			else {
				plausible.add(form);
			}
		}
		return plausible;
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

	/** The best value of the group, over the ranked agencies whose value can be computed. */
	private static final class GroupMax {

		private final List<AgencyScope> scopes;

		private final Map<String, BigDecimal> cache = new HashMap<>();

		GroupMax(List<AgencyScope> scopes) {
			this.scopes = scopes;
		}

		BigDecimal of(String id) {
			BigDecimal max = this.cache.get(id);
			if (max == null) {
				max = this.scopes.stream().map(s -> valueOrNull(s, id)).filter(Objects::nonNull).reduce(BigDecimal::max)
					.orElse(BigDecimal.ZERO);
				this.cache.put(id, max);
			}
			return max;
		}

		/** An agency whose value cannot be computed is reported on its own; it does not fail the others. */
		private static BigDecimal valueOrNull(AgencyScope scope, String id) {
			try {
				return scope.value(id);
			}
			catch (Expression.EvaluationException ex) {
				return null;
			}
		}
	}
}
