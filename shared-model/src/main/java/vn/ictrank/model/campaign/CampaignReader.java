package vn.ictrank.model.campaign;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.yaml.snakeyaml.nodes.Node;

import vn.ictrank.model.text.VietnameseText;

/** Reads and checks one {@code campaign.yaml}: the round, its groups' forms and criteria files, and the roster. */
final class CampaignReader {

	private final Path file;

	/** The content of a file by its path, {@code null} when there is none: the disk, or a definition staff made on the dashboard. */
	private final Function<Path, byte[]> contents;

	private final Map<Path, CriteriaSet> criteriaCache;

	/** The criteria file each group is scored on, as read: a copy of the campaign starts from it. */
	private final Map<AgencyGroup, byte[]> criteriaFiles = new EnumMap<>(AgencyGroup.class);

	private final List<String> allProblems;

	private final CampaignProblems problems;

	CampaignReader(Path file, Function<Path, byte[]> contents, Map<Path, CriteriaSet> criteriaCache, List<String> allProblems) {
		this.file = file;
		this.contents = contents;
		this.criteriaCache = criteriaCache;
		this.allProblems = allProblems;
		this.problems = new CampaignProblems(file);
	}

	Optional<Campaign> read() {
		Node root = CampaignCatalog.compose(this.contents.apply(this.file), this.problems);
		Campaign campaign = root == null ? null : campaign(new YamlNode(root, "", this.problems));
		this.allProblems.addAll(this.problems.lines());
		return this.problems.lines().isEmpty() ? Optional.ofNullable(campaign) : Optional.empty();
	}

	private Campaign campaign(YamlNode root) {
		root.onlyKeys("id", "province", "year", "title", "letter", "deadline", "time-zone", "mailbox", "department", "groups", "agencies");
		String id = root.text("id");
		String yearText = root.text("year");
		LocalDate deadline = null;
		LocalTime deadlineTime = null;
		String deadlineText = root.text("deadline");
		if (deadlineText != null) {
			try {
				if (deadlineText.contains("T")) {
					LocalDateTime at = LocalDateTime.parse(deadlineText);
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
					criteria(groupNode, group, criteriaFile)
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

	private Optional<CriteriaSet> criteria(YamlNode at, AgencyGroup group, String relative) {
		Path path = this.file.getParent().resolve(relative).normalize();
		byte[] content = this.contents.apply(path);
		if (content == null) {
			at.problem("không tìm thấy tệp bộ tiêu chí " + path);
			return Optional.empty();
		}
		this.criteriaFiles.put(group, content);
		CriteriaSet cached = this.criteriaCache.get(path);
		if (cached != null) {
			return Optional.of(cached);
		}
		CampaignProblems criteriaProblems = new CampaignProblems(path);
		Node root = CampaignCatalog.compose(content, criteriaProblems);
		CriteriaSet set = root == null ? null : new CriteriaReader().read(new YamlNode(root, "", criteriaProblems), CampaignCatalog.versionOf(content));
		if (!criteriaProblems.lines().isEmpty()) {
			this.allProblems.addAll(criteriaProblems.lines());
			return Optional.empty();
		}
		this.criteriaCache.put(path, set);
		return Optional.ofNullable(set);
	}

	/** The criteria file of each group of the campaign last read, as it was read. */
	Map<AgencyGroup, byte[]> criteriaFiles() {
		return this.criteriaFiles;
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
