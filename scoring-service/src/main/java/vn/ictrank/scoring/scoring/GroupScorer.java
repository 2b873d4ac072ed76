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
import java.util.Set;

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

	/**
	 * One agency's current form.
	 *
	 * @param confirmedChecks the data checks whose failure staff confirmed with the agency
	 * @param lastYear the agency's figures in the previous campaign, for the checks that compare with them
	 */
	record Form(String agencyId, SubmissionId submissionId, Map<String, BigDecimal> values, Set<String> confirmedChecks,
			LastYear lastYear) {

		Form(String agencyId, SubmissionId submissionId, Map<String, BigDecimal> values, Set<String> confirmedChecks) {
			this(agencyId, submissionId, values, confirmedChecks, LastYear.NONE);
		}

		Form(String agencyId, SubmissionId submissionId, Map<String, BigDecimal> values) {
			this(agencyId, submissionId, values, Set.of());
		}
	}

	/** An agency's values in its form of the previous campaign, inputs or derived, by id. */
	@FunctionalInterface
	interface LastYear {

		LastYear NONE = id -> Optional.empty();

		Optional<BigDecimal> value(String id);

		/** The values of a form read on {@code criteria}: its inputs, and the derived values that set defines. */
		static LastYear of(CriteriaSet criteria, Map<String, BigDecimal> values) {
			Map<String, Expression> derived = new HashMap<>();
			criteria.derived().forEach(d -> derived.put(d.id(), d.expression()));
			AgencyScope scope = scopes(List.of(new Form(null, null, values)), derived, List.of()).get(0);
			return id -> {
				if (!values.containsKey(id) && !derived.containsKey(id)) {
					return Optional.empty();
				}
				try {
					return Optional.of(scope.value(id));
				}
				catch (Expression.EvaluationException ex) {
					return Optional.empty();
				}
			};
		}
	}

	/** A form's score, or why it could not be computed. */
	record Result(Optional<Score> score, String problem) {
	}

	/**
	 * @param awaitingConfirmation a failed error check holds the form: its points are for
	 *        information, as a late form's are, until it is corrected or confirmed
	 */
	record Score(BigDecimal total, SubmissionScored.Band band, List<SubmissionScored.IndicatorScore> indicators,
			List<SubmissionScored.Finding> findings, boolean awaitingConfirmation) {
	}

	/**
	 * Checks every form's figures, then scores the group's ranked forms together, and each form
	 * outside the ranking (a late one, or one a failed error check holds) as if it had joined
	 * them, without changing their scores.
	 */
	static Map<SubmissionId, Result> score(CriteriaSet criteria, List<Form> rankedForms, List<Form> outsideForms) {
		Map<SubmissionId, Result> implausible = new LinkedHashMap<>();
		List<Form> candidates = plausible(rankedForms, implausible);
		List<Form> outside = new ArrayList<>(plausible(outsideForms, implausible));
		Map<String, Expression> derived = new HashMap<>();
		criteria.derived().forEach(d -> derived.put(d.id(), d.expression()));
		// Checks compare with the group as sent, before any form is held back.
		Map<SubmissionId, List<SubmissionScored.Finding>> findings = new HashMap<>();
		List<AgencyScope> candidateScopes = scopes(candidates, derived, List.of());
		candidateScopes.forEach(scope -> findings.put(scope.form.submissionId(), Checks.run(criteria, scope)));
		for (Form form : outside) {
			findings.put(form.submissionId(), Checks.run(criteria, scopes(List.of(form), derived, candidateScopes).get(0)));
		}
		List<Form> ranked = new ArrayList<>();
		for (Form form : candidates) {
			(Checks.holds(findings.get(form.submissionId())) ? outside : ranked).add(form);
		}
		List<AgencyScope> rankedScopes = scopes(ranked, derived, List.of());
		List<AgencyScope> all = new ArrayList<>(rankedScopes);
		for (Form form : outside) {
			all.addAll(scopes(List.of(form), derived, rankedScopes));
		}
		Map<SubmissionId, Result> results = new LinkedHashMap<>(implausible);
		for (AgencyScope scope : all) {
			results.put(scope.form.submissionId(), scoreOne(criteria, scope, findings.get(scope.form.submissionId())));
		}
		return results;
	}

	/** Scopes for {@code forms}, whose group is {@code others} and themselves. */
	private static List<AgencyScope> scopes(List<Form> forms, Map<String, Expression> derived, List<AgencyScope> others) {
		List<AgencyScope> group = new ArrayList<>(others);
		GroupValues values = new GroupValues(group);
		List<AgencyScope> scopes = forms.stream().map(form -> new AgencyScope(form, derived, values)).toList();
		group.addAll(scopes);
		return scopes;
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

	private static Result scoreOne(CriteriaSet criteria, AgencyScope scope, List<SubmissionScored.Finding> findings) {
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
		return new Result(Optional.of(new Score(total, new SubmissionScored.Band(band.code(), band.label()), indicators, findings,
				Checks.holds(findings))), null);
	}

	/** The values of one agency: its inputs, and derived values computed on first use. */
	static final class AgencyScope implements Expression.Scope {

		private final Form form;

		private final Map<String, Expression> derived;

		private final GroupValues group;

		private final Map<String, BigDecimal> computed = new HashMap<>();

		AgencyScope(Form form, Map<String, Expression> derived, GroupValues group) {
			this.form = form;
			this.derived = derived;
			this.group = group;
		}

		Form form() {
			return this.form;
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
			return this.group.max(id);
		}

		@Override
		public BigDecimal groupMedian(String id) {
			return this.group.median(id);
		}

		@Override
		public BigDecimal lastYear(String id) {
			return this.form.lastYear().value(id).orElseThrow(() -> new Expression.NoFigureLastYear(id));
		}
	}

	/** Values across the group (its best, its median), over the agencies whose value can be computed. */
	private static final class GroupValues {

		private final List<AgencyScope> scopes;

		private final Map<String, BigDecimal> max = new HashMap<>();

		private final Map<String, BigDecimal> median = new HashMap<>();

		GroupValues(List<AgencyScope> scopes) {
			this.scopes = scopes;
		}

		// Not computeIfAbsent: working out one value can ask for another of the same group.
		BigDecimal max(String id) {
			BigDecimal max = this.max.get(id);
			if (max == null) {
				max = values(id).stream().reduce(BigDecimal::max).orElse(BigDecimal.ZERO);
				this.max.put(id, max);
			}
			return max;
		}

		BigDecimal median(String id) {
			BigDecimal median = this.median.get(id);
			if (median == null) {
				List<BigDecimal> sorted = values(id).stream().sorted().toList();
				int middle = sorted.size() / 2;
				median = sorted.isEmpty() ? BigDecimal.ZERO : sorted.size() % 2 == 1 ? sorted.get(middle)
						: sorted.get(middle - 1).add(sorted.get(middle)).divide(BigDecimal.valueOf(2), Expression.MATH);
				this.median.put(id, median);
			}
			return median;
		}

		private List<BigDecimal> values(String id) {
			return this.scopes.stream().map(s -> valueOrNull(s, id)).filter(Objects::nonNull).toList();
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
