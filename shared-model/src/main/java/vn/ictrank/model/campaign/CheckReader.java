package vn.ictrank.model.campaign;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import vn.ictrank.model.text.VietnameseText;

/**
 * Reads the data checks of a criteria file ({@code checks}), and works out for each which
 * figures it reads and which indicators those figures feed, so that a failed check can be shown
 * beside the points it puts in doubt.
 */
final class CheckReader {

	private final CriteriaReader criteria;

	private final Set<String> inputs = new HashSet<>();

	private final Map<String, Expression> derived = new HashMap<>();

	private final List<CriteriaSet.IndicatorGroup> groups;

	CheckReader(CriteriaReader criteria, List<CriteriaSet.Input> inputs, List<CriteriaSet.Derived> derived,
			List<CriteriaSet.IndicatorGroup> groups) {
		this.criteria = criteria;
		inputs.forEach(i -> this.inputs.add(i.id()));
		derived.forEach(d -> this.derived.put(d.id(), d.expression()));
		this.groups = groups;
	}

	List<CriteriaSet.Check> read(YamlNode root) {
		List<CriteriaSet.Check> checks = new ArrayList<>();
		if (root.optional("checks").isEmpty()) {
			return checks;
		}
		Set<String> ids = new HashSet<>();
		for (YamlNode item : root.items("checks", "kiểm tra")) {
			item.onlyKeys("id", "rule", "severity", "message");
			String id = item.text("id");
			if (id != null && !ids.add(id)) {
				item.problem("mã kiểm tra '" + id + "' bị trùng");
			}
			CriteriaSet.Severity severity = severity(item);
			Expression rule = this.criteria.checkExpression(item, "rule");
			String message = item.text("message");
			if (id != null && severity != null && rule != null && message != null) {
				Set<String> reads = new LinkedHashSet<>(rule.references());
				reads.addAll(rule.groupReferences());
				checks.add(new CriteriaSet.Check(id, severity, rule, VietnameseText.nfc(message), indicatorsReading(inputsBehind(reads))));
			}
		}
		return checks;
	}

	private static CriteriaSet.Severity severity(YamlNode item) {
		String text = item.text("severity");
		if (text == null) {
			return null;
		}
		return switch (text.trim().toLowerCase(Locale.ROOT)) {
			case "error" -> CriteriaSet.Severity.ERROR;
			case "warning" -> CriteriaSet.Severity.WARNING;
			default -> {
				item.required("severity").problem("mức '" + text + "' không hợp lệ: error (giữ phiếu lại chờ xác nhận) hoặc warning (chỉ lưu ý)");
				yield null;
			}
		};
	}

	private List<String> indicatorsReading(Set<String> inputs) {
		List<String> indicators = new ArrayList<>();
		for (CriteriaSet.IndicatorGroup group : this.groups) {
			for (CriteriaSet.Indicator indicator : group.indicators()) {
				Set<String> reads = new HashSet<>(indicator.formula().references());
				reads.addAll(indicator.formula().groupReferences());
				if (inputsBehind(reads).stream().anyMatch(inputs::contains)) {
					indicators.add(indicator.id());
				}
			}
		}
		return indicators;
	}

	/** The inputs that the given values come from, through derived values. */
	private Set<String> inputsBehind(Set<String> ids) {
		Set<String> found = new HashSet<>();
		Set<String> seen = new HashSet<>();
		List<String> todo = new ArrayList<>(ids);
		while (!todo.isEmpty()) {
			String id = todo.remove(todo.size() - 1);
			if (!seen.add(id)) {
				continue;
			}
			if (this.inputs.contains(id)) {
				found.add(id);
			}
			Expression expression = this.derived.get(id);
			if (expression != null) {
				todo.addAll(expression.references());
				todo.addAll(expression.groupReferences());
			}
		}
		return found;
	}
}
