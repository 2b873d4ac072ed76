package vn.ictrank.scoring.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import vn.ictrank.model.campaign.CriteriaSet;
import vn.ictrank.model.campaign.Expression;
import vn.ictrank.model.event.SubmissionScored;

/**
 * Runs a criteria set's data checks (kiểm tra tính logic) on one form, and says whether what
 * they found holds the form back from the ranking.
 */
final class Checks {

	private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

	private Checks() {
	}

	static List<SubmissionScored.Finding> run(CriteriaSet criteria, GroupScorer.AgencyScope scope) {
		List<SubmissionScored.Finding> findings = new ArrayList<>();
		for (CriteriaSet.Check check : criteria.checks()) {
			boolean confirmed = scope.form().confirmedChecks().contains(check.id());
			boolean passed;
			try {
				passed = Expression.isTrue(check.rule().evaluate(scope));
			}
			catch (Expression.NoFigureLastYear ex) {
				// The agency sent nothing last year to compare with: nothing to say about this year's figures.
				continue;
			}
			catch (Expression.EvaluationException ex) {
				// Not a verdict on the figures: flagged for staff (and told to the agency), the form is not held for it.
				findings.add(new SubmissionScored.Finding(check.id(), SubmissionScored.Finding.Severity.WARNING,
						"Không kiểm tra được \"" + check.message() + "\": " + ex.getMessage() + ".", check.indicators(), confirmed));
				continue;
			}
			if (!passed) {
				String figures = figures(criteria, check, scope);
				findings.add(new SubmissionScored.Finding(check.id(), severity(check.severity()),
						check.message() + (figures.isEmpty() ? "." : ": " + figures + "."), check.indicators(), confirmed));
			}
		}
		return findings;
	}

	/** A failed error check that staff have not confirmed holds the form. */
	static boolean holds(List<SubmissionScored.Finding> findings) {
		return findings != null && findings.stream().anyMatch(SubmissionScored.Finding::holdsTheForm);
	}

	/**
	 * "Tổng số máy tính đang sử dụng = 400; trung vị của nhóm (…) = 1,25": each figure the rule
	 * read. A figure the rule did not need (a branch not taken) and that cannot be worked out is left out.
	 */
	private static String figures(CriteriaSet criteria, CriteriaSet.Check check, GroupScorer.AgencyScope scope) {
		List<String> figures = new ArrayList<>();
		for (String id : check.rule().references()) {
			figure(figures, criteria.nameOf(id), criteria, id, () -> scope.value(id));
		}
		for (String id : check.rule().groupReferences()) {
			if (check.rule().calls("group_median")) {
				figure(figures, "trung vị của nhóm (" + criteria.nameOf(id) + ")", criteria, id, () -> scope.groupMedian(id));
			}
			if (check.rule().calls("group_max")) {
				figure(figures, "giá trị cao nhất của nhóm (" + criteria.nameOf(id) + ")", criteria, id, () -> scope.groupMax(id));
			}
			if (check.rule().calls("last_year")) {
				figure(figures, criteria.nameOf(id) + " năm trước", criteria, id, () -> scope.lastYear(id));
			}
		}
		return String.join("; ", figures);
	}

	private static void figure(List<String> figures, String name, CriteriaSet criteria, String id,
			Supplier<BigDecimal> value) {
		try {
			figures.add(name + " = " + shown(criteria, id, value.get()));
		}
		catch (Expression.EvaluationException | Expression.NoFigureLastYear ex) {
			// Not needed by the verdict; the figures that decided it are shown.
		}
	}

	private static String shown(CriteriaSet criteria, String id, BigDecimal value) {
		if (criteria.input(id).map(i -> i.type() == CriteriaSet.InputType.BOOLEAN).orElse(false)) {
			return value.signum() != 0 ? "Có" : "Không";
		}
		DecimalFormat format = new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(VIETNAMESE));
		format.setRoundingMode(RoundingMode.HALF_UP);
		return format.format(value);
	}

	private static SubmissionScored.Finding.Severity severity(CriteriaSet.Severity severity) {
		return severity == CriteriaSet.Severity.ERROR ? SubmissionScored.Finding.Severity.ERROR : SubmissionScored.Finding.Severity.WARNING;
	}
}
