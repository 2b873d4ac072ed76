package vn.ictrank.model.campaign;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import vn.ictrank.model.text.VietnameseText;

/** Reads and checks one criteria file. */
final class CriteriaReader {

	private final Map<String, YamlNode> declared = new HashMap<>();

	/** @param version the version of the file's content */
	CriteriaSet read(YamlNode root, String version) {
		root.onlyKeys("id", "label", "max-total", "inputs", "derived", "groups", "bands", "checks");
		String id = root.text("id");
		String label = root.text("label");
		BigDecimal maxTotal = root.decimal("max-total");
		List<CriteriaSet.Input> inputs = inputs(root);
		List<CriteriaSet.Derived> derived = derived(root);
		List<CriteriaSet.IndicatorGroup> groups = groups(root);
		List<CriteriaSet.Band> bands = bands(root);
		if (maxTotal != null && !groups.isEmpty()) {
			BigDecimal sum = groups.stream().map(CriteriaSet.IndicatorGroup::max).reduce(BigDecimal.ZERO, BigDecimal::add);
			if (sum.compareTo(maxTotal) != 0) {
				root.required("max-total").problem("tổng điểm tối đa " + maxTotal.toPlainString()
						+ " khác tổng điểm các nhóm tiêu chí " + sum.toPlainString());
			}
		}
		checkDerivedCycles(derived);
		List<CriteriaSet.Check> checks = new CheckReader(this, inputs, derived, groups).read(root);
		return new CriteriaSet(id, label == null ? null : VietnameseText.nfc(label), maxTotal, inputs, derived, groups, bands, checks, version);
	}

	private List<CriteriaSet.Input> inputs(YamlNode root) {
		List<CriteriaSet.Input> inputs = new ArrayList<>();
		Map<String, String> labelKeys = new HashMap<>();
		for (YamlNode item : root.items("inputs", "số liệu")) {
			item.onlyKeys("id", "label", "type", "unit", "max");
			String id = item.text("id");
			String label = item.text("label");
			String type = item.text("type");
			CriteriaSet.InputType inputType = null;
			if (type != null) {
				try {
					inputType = CriteriaSet.InputType.valueOf(type.toUpperCase(Locale.ROOT));
				}
				catch (IllegalArgumentException ex) {
					item.problem("kiểu '" + type + "' không hợp lệ (integer, decimal hoặc boolean)");
				}
			}
			declare(item, id);
			if (label != null) {
				String other = labelKeys.putIfAbsent(VietnameseText.matchKey(label), id);
				if (other != null) {
					item.problem("nhãn trùng với số liệu '" + other + "', không phân biệt được khi đọc phiếu");
				}
			}
			BigDecimal max = item.optionalDecimal("max");
			if (max != null && (max.signum() <= 0 || inputType == CriteriaSet.InputType.BOOLEAN)) {
				item.problem("'max' phải là số dương, và chỉ dùng cho số liệu kiểu integer hoặc decimal");
			}
			if (id != null && label != null && inputType != null) {
				inputs.add(new CriteriaSet.Input(id, VietnameseText.nfc(label),
						VietnameseText.nfc(item.optionalText("unit")), inputType, max));
			}
		}
		return inputs;
	}

	private List<CriteriaSet.Derived> derived(YamlNode root) {
		List<CriteriaSet.Derived> derived = new ArrayList<>();
		if (root.optional("derived").isEmpty()) {
			return derived;
		}
		List<YamlNode> items = root.items("derived", "giá trị dẫn xuất");
		items.forEach(item -> declare(item.onlyKeys("id", "expr", "label"), item.text("id")));
		for (YamlNode item : items) {
			String id = item.text("id");
			Expression expression = expression(item, "expr");
			if (id != null && expression != null) {
				String label = item.optionalText("label");
				derived.add(new CriteriaSet.Derived(id, expression, label == null || label.isBlank() ? null : VietnameseText.nfc(label)));
			}
		}
		return derived;
	}

	private List<CriteriaSet.IndicatorGroup> groups(YamlNode root) {
		List<CriteriaSet.IndicatorGroup> groups = new ArrayList<>();
		Set<String> indicatorIds = new HashSet<>();
		for (YamlNode groupNode : root.items("groups", "nhóm tiêu chí")) {
			groupNode.onlyKeys("id", "label", "max", "indicators");
			String id = groupNode.text("id");
			BigDecimal max = groupNode.decimal("max");
			List<CriteriaSet.Indicator> indicators = new ArrayList<>();
			for (YamlNode item : groupNode.items("indicators", "chỉ tiêu")) {
				item.onlyKeys("id", "label", "max", "formula");
				String indicatorId = item.text("id");
				if (indicatorId != null && !indicatorIds.add(indicatorId)) {
					item.problem("mã chỉ tiêu '" + indicatorId + "' bị trùng");
				}
				BigDecimal indicatorMax = item.decimal("max");
				if (indicatorMax != null && indicatorMax.signum() <= 0) {
					item.problem("điểm tối đa phải lớn hơn 0");
				}
				Expression formula = expression(item, "formula");
				String label = item.text("label");
				if (indicatorId != null && indicatorMax != null && formula != null && label != null) {
					indicators.add(new CriteriaSet.Indicator(indicatorId, VietnameseText.nfc(label), indicatorMax, formula));
				}
			}
			if (max != null) {
				BigDecimal sum = indicators.stream().map(CriteriaSet.Indicator::max).reduce(BigDecimal.ZERO, BigDecimal::add);
				if (sum.compareTo(max) != 0) {
					groupNode.required("max").problem("điểm tối đa của nhóm " + max.toPlainString()
							+ " khác tổng điểm tối đa các chỉ tiêu " + sum.toPlainString());
				}
			}
			String label = groupNode.text("label");
			if (id != null && max != null && label != null) {
				groups.add(new CriteriaSet.IndicatorGroup(id, VietnameseText.nfc(label), max, indicators));
			}
		}
		return groups;
	}

	private List<CriteriaSet.Band> bands(YamlNode root) {
		List<CriteriaSet.Band> bands = new ArrayList<>();
		for (YamlNode item : root.items("bands", "xếp loại")) {
			item.onlyKeys("code", "label", "min");
			String code = item.text("code");
			String label = item.text("label");
			BigDecimal min = item.decimal("min");
			if (code != null && label != null && min != null) {
				bands.add(new CriteriaSet.Band(code, VietnameseText.nfc(label), min));
			}
		}
		if (!bands.isEmpty() && bands.stream().noneMatch(b -> b.min().signum() <= 0)) {
			root.required("bands").problem("cần một mức xếp loại có min: 0 cho các tổng điểm thấp nhất");
		}
		return bands;
	}

	private void declare(YamlNode item, String id) {
		if (id == null) {
			return;
		}
		if (!id.matches("[A-Za-z_][A-Za-z0-9_]*")) {
			item.problem("mã '" + id + "' chỉ được gồm chữ không dấu, số và dấu gạch dưới");
		}
		if (this.declared.putIfAbsent(id, item) != null) {
			item.problem("mã '" + id + "' bị trùng");
		}
	}

	private Expression expression(YamlNode item, String key) {
		Expression expression = checkExpression(item, key);
		for (String checksOnly : List.of("group_median", "last_year")) {
			if (expression != null && expression.calls(checksOnly)) {
				item.required(key).problem(checksOnly + " chỉ dùng trong mục checks (kiểm tra số liệu), không dùng để tính điểm");
			}
		}
		return expression;
	}

	/** A formula as data checks may write it: it may also compare a value with the group's median or with last year's. */
	Expression checkExpression(YamlNode item, String key) {
		YamlNode node = item.required(key);
		String text = node == null ? null : node.scalar();
		if (text == null) {
			return null;
		}
		Expression expression;
		try {
			expression = ExpressionParser.parse(text);
		}
		catch (IllegalArgumentException ex) {
			node.problem("công thức sai: " + ex.getMessage());
			return null;
		}
		for (String ref : expression.references()) {
			if (!this.declared.containsKey(ref)) {
				node.problem("công thức dùng '" + ref + "', không phải số liệu hay giá trị dẫn xuất đã khai báo");
			}
		}
		for (String ref : expression.groupReferences()) {
			if (!this.declared.containsKey(ref)) {
				node.problem("group_max/group_median/last_year dùng '" + ref + "', không phải số liệu hay giá trị dẫn xuất đã khai báo");
			}
		}
		return expression;
	}

	private void checkDerivedCycles(List<CriteriaSet.Derived> derived) {
		Map<String, Set<String>> edges = new HashMap<>();
		derived.forEach(d -> {
			Set<String> refs = new HashSet<>(d.expression().references());
			refs.addAll(d.expression().groupReferences());
			edges.put(d.id(), refs);
		});
		Set<String> done = new HashSet<>();
		for (String start : edges.keySet()) {
			List<String> path = new ArrayList<>();
			if (cycle(start, edges, new HashSet<>(), done, path)) {
				this.declared.get(path.get(0)).problem("vòng lặp giữa các giá trị dẫn xuất: " + String.join(" → ", path));
				return;
			}
		}
	}

	private static boolean cycle(String id, Map<String, Set<String>> edges, Set<String> onPath, Set<String> done,
			List<String> path) {
		if (onPath.contains(id)) {
			path.add(id);
			return true;
		}
		if (done.contains(id) || !edges.containsKey(id)) {
			return false;
		}
		onPath.add(id);
		path.add(id);
		for (String next : edges.get(id)) {
			if (cycle(next, edges, onPath, done, path)) {
				return true;
			}
		}
		onPath.remove(id);
		path.remove(path.size() - 1);
		done.add(id);
		return false;
	}
}
