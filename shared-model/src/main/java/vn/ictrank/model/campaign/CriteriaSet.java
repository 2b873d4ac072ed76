package vn.ictrank.model.campaign;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A points scale: what an agency reports ({@link Input}), values computed from that
 * ({@link Derived}), the scored indicators in their groups, the grade bands, and the data checks.
 *
 * @param version tells one version of the criteria file from another (the start of its content's
 *        SHA-256): a score says which version it used, and a new version scores every form again
 */
public record CriteriaSet(String id, String label, BigDecimal maxTotal, List<Input> inputs, List<Derived> derived,
		List<IndicatorGroup> groups, List<Band> bands, List<Check> checks, String version) {

	public CriteriaSet {
		inputs = List.copyOf(inputs);
		derived = List.copyOf(derived);
		groups = List.copyOf(groups);
		bands = bands.stream().sorted(Comparator.comparing(Band::min).reversed()).toList();
		checks = List.copyOf(checks);
	}

	public enum InputType {
		INTEGER, DECIMAL, BOOLEAN
	}

	/**
	 * A figure the form asks for, found in the sheet by its label.
	 *
	 * @param unit the unit printed on the form ("người", "Mbps"); a figure typed with it is read
	 * @param max the largest plausible value, if the criteria set declares one; a larger figure is
	 *        sent back to the agency as invalid
	 */
	public record Input(String id, String label, String unit, InputType type, BigDecimal max) {

		public Input(String id, String label, String unit, InputType type) {
			this(id, label, unit, type, null);
		}
	}

	/**
	 * A value computed from inputs, such as bandwidth per staff member.
	 *
	 * @param label how a check's message names it, {@code null} to name it by its id
	 */
	public record Derived(String id, Expression expression, String label) {

		public Derived(String id, Expression expression) {
			this(id, expression, null);
		}
	}

	/** Whether a failed check holds the form back from scoring or only flags it for review. */
	public enum Severity {
		/** Not ranked, nor counted in the group's best values, until the agency corrects it or staff confirm it. */
		ERROR,
		/** Scored and ranked; flagged for staff to look at. */
		WARNING
	}

	/**
	 * A data check (kiểm tra tính logic): a rule every form of the group should satisfy.
	 *
	 * @param rule true when the figures are consistent
	 * @param message what is wrong when the rule fails, in Vietnamese; the figures it read are added to it
	 * @param indicators the indicators whose points depend on what the rule reads, through derived values
	 */
	public record Check(String id, Severity severity, Expression rule, String message, List<String> indicators) {

		public Check {
			indicators = List.copyOf(indicators);
		}
	}

	public record IndicatorGroup(String id, String label, BigDecimal max, List<Indicator> indicators) {

		public IndicatorGroup {
			indicators = List.copyOf(indicators);
		}
	}

	public record Indicator(String id, String label, BigDecimal max, Expression formula) {
	}

	/** A grade band; a total belongs to the highest band whose {@code min} it reaches. */
	public record Band(String code, String label, BigDecimal min) {
	}

	/** Whether a data check compares a form with the agency's form of the previous campaign ({@code last_year}). */
	public boolean comparesWithLastYear() {
		return this.checks.stream().anyMatch(c -> c.rule().calls("last_year"));
	}

	public List<Indicator> indicators() {
		return this.groups.stream().flatMap(g -> g.indicators().stream()).toList();
	}

	public Optional<Input> input(String id) {
		return this.inputs.stream().filter(i -> i.id().equals(id)).findFirst();
	}

	/** How a message names a value: an input's label, a derived value's label, else its id. */
	public String nameOf(String id) {
		return input(id).map(Input::label)
			.or(() -> this.derived.stream().filter(d -> d.id().equals(id)).map(Derived::label).filter(java.util.Objects::nonNull).findFirst())
			.orElse(id);
	}

	public Band band(BigDecimal total) {
		return this.bands.stream()
			.filter(b -> total.compareTo(b.min()) >= 0)
			.findFirst()
			.orElse(this.bands.get(this.bands.size() - 1));
	}
}
