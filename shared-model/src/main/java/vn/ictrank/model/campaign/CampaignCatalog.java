package vn.ictrank.model.campaign;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

import vn.ictrank.model.text.VietnameseText;

/**
 * The campaigns staff keep on disk: one folder per campaign holding {@code campaign.yaml}
 * and the criteria files it names. Everything is checked when loaded; a file that is wrong
 * stops the load with every problem listed by file and line.
 */
public final class CampaignCatalog {

	public static final String CAMPAIGN_FILE = "campaign.yaml";

	private final Map<String, Campaign> campaigns;

	private CampaignCatalog(Map<String, Campaign> campaigns) {
		this.campaigns = Map.copyOf(campaigns);
	}

	/**
	 * Loads every campaign folder under {@code root}.
	 * @throws InvalidCampaignException listing every problem found
	 */
	public static CampaignCatalog load(Path root) {
		if (!Files.isDirectory(root)) {
			throw new InvalidCampaignException(List.of(root.toAbsolutePath() + ": không tìm thấy thư mục chiến dịch"));
		}
		List<String> problems = new ArrayList<>();
		Map<String, Campaign> campaigns = new LinkedHashMap<>();
		Map<Path, CriteriaSet> criteriaCache = new HashMap<>();
		try (Stream<Path> folders = Files.list(root)) {
			for (Path folder : folders.sorted().toList()) {
				Path file = folder.resolve(CAMPAIGN_FILE);
				if (Files.isRegularFile(file)) {
					new CampaignReader(file, criteriaCache, problems).read().ifPresent(c -> {
						if (campaigns.putIfAbsent(c.id(), c) != null) {
							problems.add(file + ": mã chiến dịch '" + c.id() + "' đã dùng cho một thư mục khác");
						}
					});
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (campaigns.isEmpty() && problems.isEmpty()) {
			problems.add(root.toAbsolutePath() + ": không có chiến dịch nào (mỗi chiến dịch là một thư mục chứa " + CAMPAIGN_FILE + ")");
		}
		if (!problems.isEmpty()) {
			throw new InvalidCampaignException(problems);
		}
		return new CampaignCatalog(campaigns);
	}

	public List<Campaign> campaigns() {
		return List.copyOf(this.campaigns.values());
	}

	public Optional<Campaign> find(String id) {
		return Optional.ofNullable(this.campaigns.get(id));
	}

	/** @throws InvalidCampaignException when no campaign has that id */
	public Campaign require(String id) {
		return find(id).orElseThrow(() -> new InvalidCampaignException(List.of(
				"không có chiến dịch '" + id + "'; có: " + String.join(", ", this.campaigns.keySet()))));
	}

	static Node compose(Path file, CampaignProblems problems) {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			Node node = new Yaml(new LoaderOptions()).compose(reader);
			if (node == null) {
				problems.add(1, "", "tệp trống");
			}
			return node;
		}
		catch (MarkedYAMLException ex) {
			problems.add(ex.getProblemMark().getLine() + 1, "", "sai cú pháp YAML: " + ex.getProblem());
			return null;
		}
		catch (IOException ex) {
			problems.add(0, "", "không đọc được tệp: " + ex.getMessage());
			return null;
		}
	}

	private static final class CampaignReader {

		private final Path file;

		private final Map<Path, CriteriaSet> criteriaCache;

		private final List<String> allProblems;

		private final CampaignProblems problems;

		CampaignReader(Path file, Map<Path, CriteriaSet> criteriaCache, List<String> allProblems) {
			this.file = file;
			this.criteriaCache = criteriaCache;
			this.allProblems = allProblems;
			this.problems = new CampaignProblems(file);
		}

		Optional<Campaign> read() {
			Node root = compose(this.file, this.problems);
			Campaign campaign = root == null ? null : campaign(new YamlNode(root, "", this.problems));
			this.allProblems.addAll(this.problems.lines());
			return this.problems.lines().isEmpty() ? Optional.ofNullable(campaign) : Optional.empty();
		}

		private Campaign campaign(YamlNode root) {
			root.onlyKeys("id", "province", "year", "title", "letter", "deadline", "time-zone", "mailbox", "department", "groups", "agencies");
			String id = root.text("id");
			String yearText = root.text("year");
			LocalDate deadline = null;
			java.time.LocalTime deadlineTime = null;
			String deadlineText = root.text("deadline");
			if (deadlineText != null) {
				try {
					if (deadlineText.contains("T")) {
						java.time.LocalDateTime at = java.time.LocalDateTime.parse(deadlineText);
						deadline = at.toLocalDate();
						deadlineTime = at.toLocalTime();
					}
					else {
						deadline = LocalDate.parse(deadlineText);
					}
				}
				catch (DateTimeParseException ex) {
					root.required("deadline").problem("hạn nộp phải có dạng YYYY-MM-DD (hết ngày đó) hoặc YYYY-MM-DDTHH:MM, không phải '"
							+ deadlineText + "'");
				}
			}
			ZoneId zone = ZoneId.of("Asia/Ho_Chi_Minh");
			String zoneText = root.optionalText("time-zone");
			if (zoneText != null) {
				try {
					zone = ZoneId.of(zoneText);
				}
				catch (RuntimeException ex) {
					root.required("time-zone").problem("múi giờ không hợp lệ '" + zoneText + "'");
				}
			}
			Map<AgencyGroup, Campaign.GroupForm> forms = new EnumMap<>(AgencyGroup.class);
			Set<AgencyGroup> declaredGroups = EnumSet.noneOf(AgencyGroup.class);
			YamlNode groups = root.required("groups");
			if (groups != null) {
				for (String key : groups.keys()) {
					YamlNode groupNode = groups.required(key).named("nhóm " + key).onlyKeys("form", "criteria");
					AgencyGroup group = group(groupNode, key);
					if (group != null) {
						declaredGroups.add(group);
					}
					String formName = groupNode.text("form");
					String criteriaFile = groupNode.text("criteria");
					if (group != null && formName != null && criteriaFile != null) {
						criteria(groupNode, criteriaFile)
							.ifPresent(c -> forms.put(group, new Campaign.GroupForm(VietnameseText.nfc(formName), c)));
					}
				}
			}
			List<Agency> agencies = agencies(root, declaredGroups);
			int year = 0;
			try {
				year = yearText == null ? 0 : Integer.parseInt(yearText);
			}
			catch (NumberFormatException ex) {
				root.required("year").problem("năm phải là số");
			}
			return new Campaign(id, VietnameseText.nfc(root.text("province")), year, VietnameseText.nfc(root.text("title")),
					VietnameseText.nfc(root.optionalText("letter")), deadline, deadlineTime, zone,
					lower(root.text("mailbox")), department(root), forms, agencies);
		}

		/** The body that signs the round's letters; the letters of the years before 2025 name the Department of Information and Communications. */
		private static String department(YamlNode root) {
			String given = root.optionalText("department");
			return VietnameseText.nfc(given != null && !given.isBlank() ? given : "Sở Thông tin và Truyền thông " + root.optionalText("province"));
		}

		private List<Agency> agencies(YamlNode root, Set<AgencyGroup> groupsWithForms) {
			List<Agency> agencies = new ArrayList<>();
			Set<String> ids = new HashSet<>();
			Map<String, String> emailOwners = new HashMap<>();
			for (YamlNode item : root.items("agencies", "cơ quan")) {
				item.onlyKeys("id", "name", "group", "emails", "aliases", "excluded");
				String id = item.text("id");
				String name = item.text("name");
				String groupCode = item.text("group");
				AgencyGroup group = groupCode == null ? null : group(item, groupCode);
				if (id != null && !ids.add(id)) {
					item.problem("mã cơ quan '" + id + "' bị trùng");
				}
				if (group != null && !groupsWithForms.contains(group)) {
					item.problem("nhóm '" + groupCode + "' chưa có mẫu phiếu trong mục groups");
				}
				List<String> emails = item.texts("emails").stream().map(CampaignReader::lower).toList();
				for (String email : emails) {
					String owner = emailOwners.putIfAbsent(email, String.valueOf(id));
					if (owner != null) {
						item.problem("địa chỉ " + email + " đã thuộc cơ quan '" + owner + "'");
					}
				}
				if (id != null && name != null && group != null) {
					String excluded = item.optionalText("excluded");
					agencies.add(new Agency(id, VietnameseText.nfc(name), group, emails,
							item.texts("aliases").stream().map(VietnameseText::nfc).toList(),
							excluded == null || excluded.isBlank() ? null : VietnameseText.nfc(excluded)));
				}
			}
			return agencies;
		}

		private Optional<CriteriaSet> criteria(YamlNode at, String relative) {
			Path path = this.file.getParent().resolve(relative).normalize();
			if (!Files.isRegularFile(path)) {
				at.problem("không tìm thấy tệp bộ tiêu chí " + path);
				return Optional.empty();
			}
			CriteriaSet cached = this.criteriaCache.get(path);
			if (cached != null) {
				return Optional.of(cached);
			}
			CampaignProblems criteriaProblems = new CampaignProblems(path);
			Node root = compose(path, criteriaProblems);
			CriteriaSet set = root == null ? null : new CriteriaReader().read(new YamlNode(root, "", criteriaProblems));
			if (!criteriaProblems.lines().isEmpty()) {
				this.allProblems.addAll(criteriaProblems.lines());
				return Optional.empty();
			}
			this.criteriaCache.put(path, set);
			return Optional.ofNullable(set);
		}

		private static AgencyGroup group(YamlNode at, String code) {
			try {
				return AgencyGroup.fromCode(code);
			}
			catch (IllegalArgumentException ex) {
				at.problem(ex.getMessage());
				return null;
			}
		}

		private static String lower(String text) {
			return text == null ? null : text.trim().toLowerCase(Locale.ROOT);
		}
	}

	/** Reads and checks one criteria file. */
	private static final class CriteriaReader {

		private final Map<String, YamlNode> declared = new HashMap<>();

		CriteriaSet read(YamlNode root) {
			root.onlyKeys("id", "label", "max-total", "inputs", "derived", "groups", "bands");
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
			return new CriteriaSet(id, label == null ? null : VietnameseText.nfc(label), maxTotal, inputs, derived, groups, bands);
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
			items.forEach(item -> declare(item.onlyKeys("id", "expr"), item.text("id")));
			for (YamlNode item : items) {
				String id = item.text("id");
				Expression expression = expression(item, "expr");
				if (id != null && expression != null) {
					derived.add(new CriteriaSet.Derived(id, expression));
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
			for (String ref : expression.groupMaxReferences()) {
				if (!this.declared.containsKey(ref)) {
					node.problem("group_max dùng '" + ref + "', không phải số liệu hay giá trị dẫn xuất đã khai báo");
				}
			}
			return expression;
		}

		private void checkDerivedCycles(List<CriteriaSet.Derived> derived) {
			Map<String, Set<String>> edges = new HashMap<>();
			derived.forEach(d -> {
				Set<String> refs = new HashSet<>(d.expression().references());
				refs.addAll(d.expression().groupMaxReferences());
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
}
