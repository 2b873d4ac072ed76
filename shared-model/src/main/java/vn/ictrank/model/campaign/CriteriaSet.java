package vn.ictrank.model.campaign;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A points scale: what an agency reports ({@link Input}), values computed from that
 * ({@link Derived}), the scored indicators in their groups, and the grade bands.
 */
public record CriteriaSet(String id, String label, BigDecimal maxTotal, List<Input> inputs, List<Derived> derived,
		List<IndicatorGroup> groups, List<Band> bands) {

	public CriteriaSet {
		inputs = List.copyOf(inputs);
		derived = List.copyOf(derived);
		groups = List.copyOf(groups);
		bands = bands.stream().sorted(Comparator.comparing(Band::min).reversed()).toList();
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

	/** A value computed from inputs, such as bandwidth per staff member. */
	public record Derived(String id, Expression expression) {
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

	public List<Indicator> indicators() {
		return this.groups.stream().flatMap(g -> g.indicators().stream()).toList();
	}

	public Optional<Input> input(String id) {
		return this.inputs.stream().filter(i -> i.id().equals(id)).findFirst();
	}

	public Band band(BigDecimal total) {
		return this.bands.stream()
			.filter(b -> total.compareTo(b.min()) >= 0)
			.findFirst()
			.orElse(this.bands.get(this.bands.size() - 1));
	}
}
