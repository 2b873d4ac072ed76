package vn.ictrank.report.campaigns;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.model.campaign.CampaignDefined;
import vn.ictrank.model.text.VietnameseText;
import vn.ictrank.report.Campaigns;
import vn.ictrank.report.Downloads;
import vn.ictrank.report.ShownTime;
import vn.ictrank.report.review.AuditLog;
import vn.ictrank.support.CampaignStore;

/**
 * The campaigns page (đợt đánh giá) and each agency's roster entry: administrators copy last year's
 * campaign for the next round, with a criteria file uploaded and checked line by line, and change
 * the addresses an agency sends from. What they define is stored on the broker
 * ({@link CampaignStore}), so that ingest reads the next mail, and scoring the next form, on it.
 */
@Controller
class CampaignsController {

	/** A campaign id is a folder name and part of URLs. */
	private static final Pattern CAMPAIGN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{2,59}");

	private static final Pattern ADDRESS = Pattern.compile("[^@\\s,;<>\"]+@[^@\\s,;<>\"]+\\.[^@\\s,;<>\"]+");

	private static final long MAX_CRITERIA_FILE = 1024 * 1024;

	private final CampaignCatalog catalog;

	private final CampaignStore store;

	private final Campaigns campaigns;

	private final AuditLog audit;

	CampaignsController(CampaignCatalog catalog, CampaignStore store, Campaigns campaigns, AuditLog audit) {
		this.catalog = catalog;
		this.store = store;
		this.campaigns = campaigns;
		this.audit = audit;
	}

	@GetMapping("/dot-danh-gia")
	String campaigns(@RequestParam(name = "chien-dich", required = false) String campaignId, Model model) {
		Campaign campaign = this.campaigns.chosen(campaignId);
		model.addAttribute("campaign", campaign);
		model.addAttribute("campaigns", this.campaigns.all());
		model.addAttribute("onDashboard", this.catalog.definitionsInUse().keySet());
		// A change made here that the campaign's folder, changed since, now overrides: staff should know it is gone.
		model.addAttribute("superseded", this.catalog.definitionsSuperseded().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue().change()
				+ " (" + e.getValue().definedBy() + ", " + ShownTime.of(
					this.catalog.find(e.getKey()).map(Campaign::zone).orElse(java.time.ZoneOffset.UTC), e.getValue().definedAt()) + ")")
			.toList());
		model.addAttribute("files", this.catalog.files(campaign).keySet());
		if (!model.containsAttribute("next")) {
			model.addAttribute("next", NextRound.after(campaign));
		}
		return "dot-danh-gia";
	}

	/** A campaign's file as it is read now, to keep it as a folder or to start the next year's file from. */
	@GetMapping("/dot-danh-gia/{campaignId}/tep/{name}")
	ResponseEntity<byte[]> file(@PathVariable String campaignId, @PathVariable String name) {
		String content = this.catalog.files(this.campaigns.chosen(campaignId)).get(name);
		if (content == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Đợt " + campaignId + " không có tệp " + name);
		}
		return Downloads.attachment(content.getBytes(StandardCharsets.UTF_8), "application/yaml;charset=UTF-8", name);
	}

	/** What staff typed for the next round, kept to show the form again with its problems. */
	record NextRound(String source, String id, String year, String title, String letter, String deadline, String time) {

		static NextRound after(Campaign campaign) {
			int year = campaign.year() + 1;
			String id = campaign.id().matches(".*-\\d{4}") ? campaign.id().replaceFirst("\\d{4}$", String.valueOf(year))
					: campaign.id() + "-" + year;
			String title = campaign.title().replace(String.valueOf(campaign.year()), String.valueOf(year));
			return new NextRound(campaign.id(), id, String.valueOf(year), title, "", campaign.deadline().plusYears(1).toString(),
					campaign.deadlineTime() == null ? "" : campaign.deadlineTime().toString());
		}
	}

	@PostMapping("/dot-danh-gia/sao-chep")
	String copy(@RequestParam("nguon") String sourceId, @RequestParam("ma") String id, @RequestParam("nam") String year,
			@RequestParam("tieu-de") String title, @RequestParam(name = "cong-van", defaultValue = "") String letter,
			@RequestParam("han-nop") String deadline, @RequestParam(name = "gio", defaultValue = "") String time,
			@RequestParam(name = "tieu-chi-department", required = false) MultipartFile departmentCriteria,
			@RequestParam(name = "tieu-chi-district", required = false) MultipartFile districtCriteria, Principal staff, Model model,
			RedirectAttributes redirect) {
		Campaign source = this.campaigns.chosen(sourceId);
		NextRound typed = new NextRound(sourceId, id.trim(), year.trim(), title.trim(), letter.trim(), deadline.trim(), time.trim());
		List<String> problems = new ArrayList<>();
		if (!CAMPAIGN_ID.matcher(typed.id()).matches()) {
			problems.add("Mã đợt chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, từ 3 đến 60 ký tự, ví dụ thanh-hoa-2027.");
		}
		else if (this.catalog.find(typed.id()).isPresent()) {
			problems.add("Mã đợt " + typed.id() + " đã có; chọn mã khác.");
		}
		int nextYear = 0;
		try {
			nextYear = Integer.parseInt(typed.year());
		}
		catch (NumberFormatException ex) {
			problems.add("Năm phải là số, ví dụ " + (source.year() + 1) + ".");
		}
		if (typed.title().isBlank()) {
			problems.add("Cần có tên đợt đánh giá.");
		}
		LocalDate day = null;
		LocalTime at = null;
		try {
			day = LocalDate.parse(typed.deadline());
			at = typed.time().isEmpty() ? null : LocalTime.parse(typed.time());
		}
		catch (DateTimeParseException ex) {
			problems.add("Hạn nộp phải là một ngày (YYYY-MM-DD), giờ nếu có là HH:MM.");
		}
		Map<AgencyGroup, String> criteria = new EnumMap<>(AgencyGroup.class);
		Map<AgencyGroup, String> uploadedNames = new EnumMap<>(AgencyGroup.class);
		upload(source, AgencyGroup.DEPARTMENT, departmentCriteria, criteria, uploadedNames, problems);
		upload(source, AgencyGroup.DISTRICT, districtCriteria, criteria, uploadedNames, problems);
		if (problems.isEmpty()) {
			Campaign next = source.nextRound(typed.id(), nextYear, typed.title(), typed.letter(), day, at);
			CampaignDefined definition = this.catalog.copy(source, next, criteria, staff.getName(), Instant.now());
			problems.addAll(readable(store(definition), definition, uploadedNames, source));
			if (problems.isEmpty()) {
				this.audit.record(next.id(), staff.getName(), "Tạo đợt đánh giá", null, null, definition.change());
				redirect.addFlashAttribute("notice", "Đã tạo đợt " + next.id() + " từ đợt " + source.id() + ".");
				return "redirect:/dot-danh-gia?chien-dich=" + next.id();
			}
		}
		model.addAttribute("problems", problems);
		model.addAttribute("next", typed);
		return campaigns(sourceId, model);
	}

	private static void upload(Campaign source, AgencyGroup group, MultipartFile file, Map<AgencyGroup, String> criteria,
			Map<AgencyGroup, String> names, List<String> problems) {
		if (file == null || file.isEmpty() || source.form(group) == null) {
			return;
		}
		String name = file.getOriginalFilename() == null ? "tệp tải lên" : file.getOriginalFilename();
		if (file.getSize() > MAX_CRITERIA_FILE) {
			problems.add(name + ": tệp bộ tiêu chí lớn hơn 1 MB, không phải tệp YAML bộ tiêu chí.");
			return;
		}
		try {
			String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file.getBytes())).toString();
			// NFC, as every label is read: a file saved by another editor may hold decomposed diacritics.
			criteria.put(group, java.text.Normalizer.normalize(text.startsWith("\uFEFF") ? text.substring(1) : text, java.text.Normalizer.Form.NFC));
			names.put(group, name);
		}
		catch (CharacterCodingException ex) {
			problems.add(name + ": tệp không phải văn bản UTF-8; lưu lại tệp YAML với bảng mã UTF-8.");
		}
		catch (IOException ex) {
			problems.add(name + ": không đọc được tệp tải lên.");
		}
	}

	/** The problems of a definition as staff know the files: an uploaded criteria file by the name it had on their computer. */
	private static List<String> readable(List<String> problems, CampaignDefined definition, Map<AgencyGroup, String> uploadedNames,
			Campaign source) {
		return problems.stream().map(p -> {
			String shown = p.replace("ictrank.campaigns/" + definition.campaignId() + "/", "");
			for (Map.Entry<AgencyGroup, String> upload : uploadedNames.entrySet()) {
				shown = shown.replace("criteria-" + upload.getKey().code() + ".yaml",
						upload.getValue() + " (bộ tiêu chí " + source.form(upload.getKey()).formName() + ")");
			}
			return shown;
		}).toList();
	}

	private List<String> store(CampaignDefined definition) {
		try {
			return this.store.define(definition);
		}
		catch (IllegalStateException ex) {
			return List.of("Chưa lưu được: hệ thống không kết nối được máy chủ Kafka. Không có gì thay đổi; thử lại sau ít phút.");
		}
	}

	/** A change of the agency's roster entry, as its page lists it. */
	record Change(String at, String by, String detail) {
	}

	@GetMapping("/co-quan/{agencyId}")
	String agency(@PathVariable String agencyId, @RequestParam(name = "chien-dich", required = false) String campaignId, Model model) {
		Campaign campaign = this.campaigns.chosen(campaignId);
		Agency agency = rosterEntry(campaign, agencyId);
		model.addAttribute("campaign", campaign);
		model.addAttribute("campaigns", this.campaigns.all());
		model.addAttribute("agency", agency);
		model.addAttribute("history", this.audit.of(campaign.id(), true, 500).stream()
			.filter(e -> agencyId.equals(e.agencyId()) && e.submissionId() == null)
			.map(e -> new Change(ShownTime.of(campaign, e.at()), e.by(), e.detail()))
			.toList());
		if (!model.containsAttribute("addresses")) {
			model.addAttribute("addresses", String.join("\n", agency.emails()));
		}
		return "co-quan";
	}

	/** An agency the roster lacks (a body set up or merged since the campaign's files were written). */
	@PostMapping("/co-quan/them")
	String addAgency(@RequestParam("chien-dich") String campaignId, @RequestParam(name = "ten", defaultValue = "") String name,
			@RequestParam(name = "nhom", defaultValue = "") String groupCode, @RequestParam(name = "dia-chi", defaultValue = "") String addresses,
			Principal staff, RedirectAttributes redirect) {
		Campaign campaign = this.campaigns.chosen(campaignId);
		String cleanName = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFC).trim().replaceAll("\\s+", " ");
		List<String> problems = new ArrayList<>();
		AgencyGroup group = java.util.Arrays.stream(AgencyGroup.values()).filter(g -> g.code().equals(groupCode) && campaign.form(g) != null)
			.findFirst().orElse(null);
		if (cleanName.isEmpty()) {
			problems.add("Cần có tên cơ quan.");
		}
		else if (campaign.agencyByName(cleanName).isPresent()) {
			problems.add("Đã có cơ quan " + campaign.agencyByName(cleanName).get().name() + " trong danh sách.");
		}
		if (group == null) {
			problems.add("Chọn nhóm của cơ quan.");
		}
		List<String> given = addressesIn(addresses, problems);
		if (problems.isEmpty()) {
			String id = newId(campaign, cleanName);
			Agency agency = new Agency(id, cleanName, group, List.of(), List.of(), null);
			Campaign changed = campaign.withAgency(agency).withEmails(id, given);
			String change = "Thêm cơ quan " + cleanName + " (" + group.label() + ")" + (given.isEmpty() ? "" : ", địa chỉ thư: "
					+ String.join(", ", changed.agency(id).orElseThrow().emails()));
			problems.addAll(changeRoster(campaign.id(), c -> c.withAgency(agency).withEmails(id, given), staff, change));
			if (problems.isEmpty()) {
				this.audit.record(campaign.id(), staff.getName(), "Thêm cơ quan", null, id, change);
				redirect.addFlashAttribute("notice", change + ".");
				return "redirect:/co-quan/" + id + "?chien-dich=" + campaign.id();
			}
		}
		redirect.addFlashAttribute("rosterProblems", problems);
		return "redirect:/?chien-dich=" + campaign.id() + "#co-quan";
	}

	/** @throws ResponseStatusException 404 for an agency the campaign's roster does not have */
	private static Agency rosterEntry(Campaign campaign, String agencyId) {
		return campaign.agency(agencyId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Đợt " + campaign.id() + " không có cơ quan " + agencyId));
	}

	/** An id for a new agency from its name, as the campaign files write them (so-tu-phap), unused in the campaign. */
	private static String newId(Campaign campaign, String name) {
		String base = VietnameseText.matchKey(name).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
		String stem = base.isEmpty() ? "co-quan" : base;
		String id = stem;
		for (int n = 2; campaign.agency(id).isPresent(); n++) {
			id = stem + "-" + n;
		}
		return id;
	}

	/** Leaves an agency out of the ranking with the reason (a security body, say), or ranks it again when the reason is blank. */
	@PostMapping("/co-quan/{agencyId}/mien")
	String exclude(@PathVariable String agencyId, @RequestParam("chien-dich") String campaignId,
			@RequestParam(name = "ly-do", defaultValue = "") String reason, Principal staff, Model model, RedirectAttributes redirect) {
		Campaign campaign = this.campaigns.chosen(campaignId);
		Agency agency = rosterEntry(campaign, agencyId);
		Campaign changed = campaign.withExclusion(agencyId, reason);
		String because = changed.agency(agencyId).orElseThrow().excludedBecause();
		String change = because == null ? "Xếp hạng lại " + agency.name() + " (bỏ miễn đánh giá)" : "Miễn đánh giá " + agency.name() + ": " + because;
		List<String> problems = changeRoster(campaign.id(), c -> c.withExclusion(agencyId, reason), staff, change);
		if (problems.isEmpty()) {
			this.audit.record(campaign.id(), staff.getName(), because == null ? "Bỏ miễn đánh giá" : "Miễn đánh giá", null, agencyId, change);
			redirect.addFlashAttribute("notice", change + ".");
			return "redirect:/co-quan/" + agencyId + "?chien-dich=" + campaign.id();
		}
		model.addAttribute("problems", problems);
		return agency(agencyId, campaignId, model);
	}

	/**
	 * Makes one roster change at a time, each on the campaign as the change before it left it, so
	 * that two administrators' changes at once never undo each other.
	 * @return the problems, as staff know the roster: without the generated file's name and line
	 */
	private synchronized List<String> changeRoster(String campaignId, java.util.function.UnaryOperator<Campaign> edit, Principal staff,
			String change) {
		Campaign current = this.campaigns.chosen(campaignId);
		return shown(store(this.catalog.change(edit.apply(current), staff.getName(), Instant.now(), change)));
	}

	/** The problems of a changed roster as staff know it: without the generated file's name and line. */
	private static List<String> shown(List<String> problems) {
		return problems.stream().map(p -> p.replaceFirst("^[^:]*campaign\\.yaml:\\d+: ", "")).toList();
	}

	private static List<String> addressesIn(String addresses, List<String> problems) {
		List<String> given = Arrays.stream(addresses.split("[\\s,;]+")).map(String::trim).filter(a -> !a.isEmpty()).toList();
		given.stream().filter(a -> !ADDRESS.matcher(a).matches()).forEach(a -> problems.add("'" + a + "' không phải địa chỉ thư điện tử."));
		return given;
	}

	@PostMapping("/co-quan/{agencyId}/dia-chi")
	String addresses(@PathVariable String agencyId, @RequestParam("chien-dich") String campaignId,
			@RequestParam(name = "dia-chi", defaultValue = "") String addresses, Principal staff, Model model, RedirectAttributes redirect) {
		Campaign campaign = this.campaigns.chosen(campaignId);
		Agency agency = rosterEntry(campaign, agencyId);
		List<String> problems = new ArrayList<>();
		List<String> given = addressesIn(addresses, problems);
		if (problems.isEmpty()) {
			Campaign changed = campaign.withEmails(agencyId, given);
			String change = "Địa chỉ thư của " + agency.name() + ": " + (given.isEmpty() ? "(không có)" : String.join(", ", changed.agency(agencyId)
				.orElseThrow().emails())) + " (trước đó: " + (agency.emails().isEmpty() ? "không có" : String.join(", ", agency.emails())) + ")";
			problems.addAll(changeRoster(campaign.id(), c -> c.withEmails(agencyId, given), staff, change));
			if (problems.isEmpty()) {
				this.audit.record(campaign.id(), staff.getName(), "Sửa địa chỉ thư", null, agencyId, change);
				redirect.addFlashAttribute("notice", change + ".");
				return "redirect:/co-quan/" + agencyId + "?chien-dich=" + campaign.id();
			}
		}
		model.addAttribute("problems", problems);
		model.addAttribute("addresses", addresses);
		return agency(agencyId, campaignId, model);
	}
}
