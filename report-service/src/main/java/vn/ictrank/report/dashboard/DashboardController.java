package vn.ictrank.report.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.server.ResponseStatusException;

import vn.ictrank.forms.FormWorkbook;
import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.model.campaign.CriteriaSet;
import vn.ictrank.model.event.SubmissionScored;
import vn.ictrank.report.Campaigns;
import vn.ictrank.report.Csv;
import vn.ictrank.report.Downloads;
import vn.ictrank.report.ShownTime;
import vn.ictrank.report.deadletters.DeadLetters;
import vn.ictrank.report.ranking.LateExceptions;
import vn.ictrank.report.ranking.PreviousYear;
import vn.ictrank.report.ranking.Standing;
import vn.ictrank.report.replies.Replies;
import vn.ictrank.report.replies.ReplyDocument;
import vn.ictrank.report.review.AuditLog;
import vn.ictrank.report.review.Reminders;
import vn.ictrank.report.review.Reviews;
import vn.ictrank.report.submissions.SubmissionDocument;
import vn.ictrank.report.submissions.SubmissionFilter;
import vn.ictrank.report.submissions.SubmissionStatus;
import vn.ictrank.report.submissions.SubmissionStore;

/** The staff dashboard, in Vietnamese: what arrived, what failed and why, scores and rankings. */
@Controller
class DashboardController {


	private static final java.text.Collator VIETNAMESE = java.text.Collator.getInstance(Locale.forLanguageTag("vi"));

	private final CampaignCatalog catalog;

	private final SubmissionStore store;

	private final Campaigns campaigns;

	private final DeadLetters deadLetters;

	private final LiveUpdates live;

	private final CampaignSummaries summaries;

	private final LateExceptions lateExceptions;

	private final Replies replies;

	private final Reviews reviews;

	private final AuditLog audit;

	private final Reminders reminders;

	private final PreviousYear previousYear;

	DashboardController(CampaignCatalog catalog, Campaigns campaigns, SubmissionStore store, DeadLetters deadLetters, LiveUpdates live,
			CampaignSummaries summaries, LateExceptions lateExceptions, Replies replies, Reviews reviews, AuditLog audit,
			Reminders reminders, PreviousYear previousYear) {
		this.reminders = reminders;
		this.previousYear = previousYear;
		this.catalog = catalog;
		this.campaigns = campaigns;
		this.replies = replies;
		this.reviews = reviews;
		this.audit = audit;
		this.summaries = summaries;
		this.lateExceptions = lateExceptions;
		this.store = store;
		this.deadLetters = deadLetters;
		this.live = live;
	}

	@GetMapping("/dang-nhap")
	String login() {
		return "login";
	}

	/**
	 * The campaign at a glance (counters and roster) and one page of its submissions, filtered and
	 * ordered as the address says, all from the campaign as {@link CampaignSummaries} holds it.
	 */
	@GetMapping("/")
	String overview(@RequestParam Map<String, String> request, Model model) {
		Campaign campaign = campaign(request.get("chien-dich"));
		CampaignSummaries.Summary summary = this.summaries.of(campaign);
		Standing standing = summary.standing();
		ListQuery query = ListQuery.of(request, campaign);
		List<SubmissionDocument> matching = matching(summary, query);
		PageRequest pageRequest = PageRequest.of(query.page() - 1, ListQuery.PAGE_SIZE);
		Page<SubmissionDocument> page = new PageImpl<>(
				matching.subList(Math.min((int) pageRequest.getOffset(), matching.size()),
						Math.min((int) pageRequest.getOffset() + ListQuery.PAGE_SIZE, matching.size())),
				pageRequest, matching.size());
		if (page.getTotalPages() > 0 && query.page() > page.getTotalPages()) {
			return "redirect:" + query.pageUrl(page.getTotalPages());
		}
		model.addAttribute("campaign", campaign);
		model.addAttribute("campaigns", this.catalog.campaigns());
		model.addAttribute("deadline", campaign.deadlineText());
		model.addAttribute("rows", page.getContent().stream().map(s -> SubmissionRow.of(campaign, s, standing)).toList());
		model.addAttribute("page", page);
		model.addAttribute("query", query);
		model.addAttribute("statuses", SubmissionStatus.values());
		model.addAttribute("orders", SubmissionFilter.Order.values());
		model.addAttribute("bands", campaign.forms().values().stream().flatMap(f -> f.criteria().bands().stream())
			.collect(java.util.stream.Collectors.toMap(CriteriaSet.Band::code, CriteriaSet.Band::label, (a, b) -> a, java.util.LinkedHashMap::new)));
		model.addAttribute("agencies", campaign.agencies().stream().sorted(java.util.Comparator.comparing(Agency::name, VIETNAMESE)).toList());
		model.addAttribute("received", summary.received());
		model.addAttribute("scored", summary.scored());
		model.addAttribute("failed", summary.failed());
		model.addAttribute("missing", standing.count(Standing.State.MISSING));
		model.addAttribute("late", standing.count(Standing.State.LATE));
		model.addAttribute("resend", standing.count(Standing.State.FAILED));
		model.addAttribute("roster", standing.agencies());
		Map<String, String> reminded = new java.util.HashMap<>();
		Map<String, ReplyDocument> reminderLetters = this.replies.lastReminders(campaign.id());
		reminderLetters.forEach((agency, r) -> reminded.put(agency, ShownTime.of(campaign, r.createdAt()) + " · " + r.state().label()));
		model.addAttribute("reminded", reminded);
		Map<String, String> replied = new java.util.HashMap<>();
		this.replies.lastReplies(campaign.id()).forEach((agency, r) -> replied.put(agency, ShownTime.of(campaign, r.createdAt()) + " · "
				+ r.kind().label() + " · " + r.state().label()));
		model.addAttribute("replied", replied);
		model.addAttribute("reminderLetters", reminderLetters);
		model.addAttribute("remindersOpen", this.reminders.open(campaign));
		model.addAttribute("groups", AgencyGroup.values());
		model.addAttribute("charts", OverviewCharts.of(campaign, summary, java.time.Instant.now()));
		return "overview";
	}

	/** The submissions of the list, as its filters and order give them, every page. */
	private static List<SubmissionDocument> matching(CampaignSummaries.Summary summary, ListQuery query) {
		return summary.newestFirst().stream().filter(query.filter()::matches).sorted(query.filter().order().comparator()).toList();
	}

	/** The submissions list as the filters give it, every page, to open in Excel. */
	@GetMapping("/ho-so.csv")
	ResponseEntity<byte[]> submissionsCsv(@RequestParam Map<String, String> request) {
		Campaign campaign = campaign(request.get("chien-dich"));
		CampaignSummaries.Summary summary = this.summaries.of(campaign);
		ListQuery query = ListQuery.of(request, campaign);
		Csv csv = Csv.withHeader("Thời gian nhận", "Cơ quan", "Nhóm", "Người gửi", "Tiêu đề", "Tệp đính kèm", "Tình trạng", "Tổng điểm",
				"Xếp loại", "Nộp muộn", "Lý do", "Mã hồ sơ");
		matching(summary, query).forEach(s -> {
			SubmissionRow row = SubmissionRow.of(campaign, s, summary.standing());
			csv.row(row.receivedAt(), row.agency(), s.group() == null ? null : AgencyGroup.valueOf(s.group()).label(), row.sender(), row.subject(),
					row.attachments(), row.status().label(), s.score() == null ? null : s.score().total().setScale(2, RoundingMode.HALF_UP),
					row.band(), row.late() ? "Có" : "", row.reason(), s.id());
		});
		return Downloads.attachment(csv.bytes(), "text/csv;charset=UTF-8", "ho-so-" + campaign.id() + ".csv");
	}

	/** Every change of a submission, pushed to the page as it happens (server-sent events). */
	@GetMapping(value = "/su-kien", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@ResponseBody
	SseEmitter events() {
		return this.live.subscribe();
	}

	/** Records no service could process, with the reason, to send back once the cause is fixed. */
	@GetMapping("/loi")
	String deadLetters(@RequestParam(name = "chien-dich", required = false) String campaignId, Model model) {
		Campaign campaign = campaign(campaignId);
		model.addAttribute("campaign", campaign);
		model.addAttribute("campaigns", this.catalog.campaigns());
		CampaignSummaries.Summary summary = this.summaries.of(campaign);
		model.addAttribute("failed", summary.newestFirst().stream()
			.filter(s -> SubmissionStatus.of(s).notTaken())
			.map(s -> SubmissionRow.of(campaign, s, summary.standing()))
			.toList());
		model.addAttribute("letters", this.deadLetters.all().stream().map(d -> new DeadLetterRow(d.id(), ShownTime.of(campaign, d.deadAt()), d.topic(),
				service(d.consumer()), d.reason(), d.value().length() > 300 ? d.value().substring(0, 299) + "…" : d.value(),
				d.replayedAt() == null ? null : ShownTime.of(campaign, d.replayedAt()))).toList());
		return "loi";
	}

	@PostMapping("/loi/{id}/xu-ly-lai")
	String replay(@PathVariable String id) throws Exception {
		if (!this.deadLetters.replay(id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return "redirect:/loi";
	}

	@GetMapping("/xep-hang")
	String ranking(@RequestParam(name = "chien-dich", required = false) String campaignId, Model model) {
		Campaign campaign = campaign(campaignId);
		// From the campaign as the overview holds it: reading every submission with its figures took most of the page's time.
		Standing standing = this.summaries.standing(campaign);
		Map<String, PreviousYear.Result> lastYear = this.previousYear.results(campaign);
		List<GroupRanking> groups = new ArrayList<>();
		for (Map.Entry<AgencyGroup, List<Standing.Ranked>> entry : standing.ranking().entrySet()) {
			List<RankRow> rows = entry.getValue().stream().map(r -> new RankRow(r.rank(), r.agency().name(), twoDecimals(r.submission().score().total()),
					r.submission().score().bandLabel(), ShownTime.of(campaign, r.submission().receivedAt()), r.submission().id(),
					r.lateAccepted() == null ? null : r.lateAccepted().reason(),
					LastYearRow.of(lastYear.get(r.agency().id()), r.submission().score().total()))).toList();
			List<Standing.AgencyState> notRanked = standing.agencies().stream()
				.filter(a -> a.agency().group() == entry.getKey() && a.state() != Standing.State.RANKED)
				.toList();
			groups.add(new GroupRanking(entry.getKey().label(), campaign.form(entry.getKey()).formName(), rows, notRanked));
		}
		model.addAttribute("campaign", campaign);
		model.addAttribute("campaigns", this.catalog.campaigns());
		model.addAttribute("groups", groups);
		model.addAttribute("lastYear", this.catalog.previous(campaign).map(Campaign::year).orElse(null));
		return "ranking";
	}

	@GetMapping("/ho-so/{id}")
	String submission(@PathVariable String id, Model model) {
		SubmissionDocument submission = Optional.ofNullable(this.store.find(id))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		Campaign campaign = campaign(submission.campaignId());
		Map<String, LateExceptions.Accepted> accepted = this.lateExceptions.of(campaign.id());
		// Where the agency stands comes from the campaign as the overview holds it, not from reading every submission again.
		Standing standing = this.summaries.of(campaign).standing();
		model.addAttribute("lateAccepted", accepted.get(id));
		model.addAttribute("letters", this.replies.of(id).stream().map(r -> new LetterRow(r, replyStatus(campaign, r))).toList());
		Reviews.Review review = this.reviews.of(id);
		model.addAttribute("review", review);
		model.addAttribute("reviewStates", List.of(Reviews.State.NOT_REVIEWED, Reviews.State.ACCEPTED, Reviews.State.NEEDS_MORE));
		model.addAttribute("comments", review.comments().stream().map(c -> new CommentRow(c.by(), ShownTime.of(campaign, c.at()), c.text())).toList());
		model.addAttribute("history", this.audit.ofSubmission(id).stream()
			.map(e -> new CommentRow(e.by(), ShownTime.of(campaign, e.at()), e.action() + (e.detail() == null || e.detail().isEmpty() ? "" : ": " + e.detail())))
			.toList());
		SubmissionDocument previous = this.store.previousOf(submission).orElse(null);
		model.addAttribute("previous", previous);
		model.addAttribute("previousAt", previous == null ? "" : ShownTime.of(campaign, previous.receivedAt()));
		model.addAttribute("previousReturned", previous != null && this.reviews.of(previous.id()).state() == Reviews.State.RETURNED);
		model.addAttribute("changes", previous == null ? List.of() : changes(campaign, previous, submission));
		model.addAttribute("lateAcceptedAt", accepted.containsKey(id) ? ShownTime.of(campaign, accepted.get(id).at()) : "");
		model.addAttribute("campaign", campaign);
		model.addAttribute("campaigns", this.catalog.campaigns());
		model.addAttribute("row", SubmissionRow.of(campaign, submission, standing));
		model.addAttribute("submission", submission);
		model.addAttribute("rosterAgencies", campaign.agencies().stream().sorted(java.util.Comparator.comparing(Agency::name, VIETNAMESE)).toList());
		model.addAttribute("macroFiles", submission.attachments() == null ? List.of() : submission.attachments().stream()
			.map(a -> a.fileName()).filter(DashboardController::mayCarryMacros).toList());
		model.addAttribute("maxTotal", submission.score() == null ? "" : number(submission.score().maxTotal()));
		model.addAttribute("values", values(campaign, submission));
		List<SubmissionScored.Finding> findings = submission.score() == null ? List.of() : submission.score().findings();
		model.addAttribute("findings", findings.stream().map(FindingRow::of).toList());
		CriteriaSet criteria = submission.group() == null || campaign.form(AgencyGroup.valueOf(submission.group())) == null ? null
				: campaign.form(AgencyGroup.valueOf(submission.group())).criteria();
		model.addAttribute("criteriaLabel", criteria == null ? "bộ tiêu chí" : criteria.label());
		model.addAttribute("criteriaOutdated", criteria != null && submission.score() != null && submission.score().criteriaVersion() != null
				&& !submission.score().criteriaVersion().equals(criteria.version()));
		PreviousYear.Result lastYear = submission.agencyId() == null ? null : this.previousYear.results(campaign).get(submission.agencyId());
		model.addAttribute("lastYear", LastYearRow.of(lastYear, submission.score() == null ? null : submission.score().total()));
		model.addAttribute("lastYearNumber", lastYear == null ? null : lastYear.year());
		model.addAttribute("lastYearMoved", lastYear == null ? List.of()
				: this.previousYear.movedMost(submission, lastYear.submissionId(), 5).stream().map(MovedRow::of).toList());
		// Only what holds the form: a warning needs no confirmation.
		model.addAttribute("confirmable", findings.stream()
			.filter(SubmissionScored.Finding::holdsTheForm).map(FindingRow::of).toList());
		model.addAttribute("indicators", submission.score() == null ? List.of() : submission.score().indicators().stream()
			.map(i -> new IndicatorRow(i.id(), i.label(), number(i.score()), number(i.max()), String.join(", ", findings.stream()
				.filter(f -> f.indicators().contains(i.id())).map(SubmissionScored.Finding::checkId).toList())))
			.toList());
		return "submission";
	}

	/**
	 * Accepts a late form with the reason staff give (a letter of the agency, a mail server fault):
	 * it is then ranked, and the ranking says why. Recorded once, with who accepted it.
	 */
	@PostMapping("/ho-so/{id}/chap-nhan-nop-muon")
	String acceptLate(@PathVariable String id, @RequestParam(name = "ly-do", defaultValue = "") String reason,
			java.security.Principal staff) {
		SubmissionDocument submission = Optional.ofNullable(this.store.find(id))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		Campaign campaign = campaign(submission.campaignId());
		String given = vn.ictrank.model.text.VietnameseText.nfc(reason);
		if (given.isEmpty() || submission.receivedAt() == null || !campaign.isLate(submission.receivedAt())) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Chỉ chấp nhận phiếu nộp muộn, và phải ghi lý do.");
		}
		this.lateExceptions.accept(campaign.id(), id, given, staff.getName());
		this.audit.record(campaign.id(), staff.getName(), "Chấp nhận phiếu nộp muộn", id, submission.agencyId(), given);
		this.summaries.reread(campaign);
		return "redirect:/ho-so/" + id;
	}

	/** What the submission's page says of its reply: where it stands, when, and the last error. */
	private static String replyStatus(Campaign campaign, ReplyDocument reply) {
		StringBuilder status = new StringBuilder(reply.state().label());
		switch (reply.state()) {
			case SENT -> status.append(" tới ").append(reply.to()).append(" lúc ").append(ShownTime.of(campaign, reply.sentAt()));
			case HELD -> status.append(": ").append(reply.heldBecause());
			default -> {
				if (reply.lastError() != null) {
					status.append(": ").append(reply.lastError());
				}
			}
		}
		if (reply.releasedBy() != null) {
			status.append(" (gửi theo lệnh của ").append(reply.releasedBy()).append(")");
		}
		return status.toString();
	}

	/** Sends a letter that waits for staff, or one whose sending was interrupted or refused. */
	@PostMapping("/ho-so/{id}/thu/{letter}/gui")
	String sendLetter(@PathVariable String id, @PathVariable String letter, java.security.Principal staff) {
		ReplyDocument reply = this.replies.of(id).stream().filter(r -> r.id().equals(letter)).findFirst()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (!this.replies.release(letter, staff.getName())) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "Thư này đã được gửi hoặc đang gửi.");
		}
		this.audit.record(reply.campaignId(), staff.getName(), (reply.state() == ReplyDocument.State.HELD ? "Duyệt và gửi thư: " : "Gửi lại thư: ")
				+ reply.kind().label(), id, reply.agencyId(), "tới " + reply.to());
		return "redirect:/ho-so/" + id;
	}

	/** The figures that differ between an agency's earlier form and this one, as each was written. */
	private static List<ChangeRow> changes(Campaign campaign, SubmissionDocument before, SubmissionDocument now) {
		if (before.form() == null || now.form() == null || now.group() == null || before.form().values() == null || now.form().values() == null) {
			return List.of();
		}
		List<ChangeRow> rows = new ArrayList<>();
		for (CriteriaSet.Input input : campaign.form(AgencyGroup.valueOf(now.group())).criteria().inputs()) {
			var was = before.form().values().get(input.id());
			var is = now.form().values().get(input.id());
			java.math.BigDecimal wasValue = was == null ? null : was.value();
			java.math.BigDecimal isValue = is == null ? null : is.value();
			boolean same = wasValue == null ? isValue == null : isValue != null && wasValue.compareTo(isValue) == 0;
			if (!same) {
				rows.add(new ChangeRow(input.label(), wasValue == null ? "(trống)" : number(wasValue), isValue == null ? "(trống)" : number(isValue),
						input.unit()));
			}
		}
		return rows;
	}

	record LetterRow(ReplyDocument letter, String status) {
	}

	record CommentRow(String by, String at, String text) {
	}

	record ChangeRow(String label, String before, String now, String unit) {
	}

	@GetMapping("/bieu-mau/{campaignId}/{group}")
	ResponseEntity<byte[]> blankForm(@PathVariable String campaignId, @PathVariable String group) {
		Campaign campaign = campaign(campaignId);
		AgencyGroup agencyGroup;
		try {
			agencyGroup = AgencyGroup.fromCode(group);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		if (campaign.form(agencyGroup) == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return Downloads.attachment(FormWorkbook.blank(campaign, agencyGroup), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
				FormWorkbook.fileName(campaign, agencyGroup, null));
	}

	private Campaign campaign(String id) {
		return this.campaigns.chosen(id);
	}

	private static List<ValueRow> values(Campaign campaign, SubmissionDocument submission) {
		if (submission.form() == null || submission.group() == null) {
			return List.of();
		}
		CriteriaSet criteria = campaign.form(AgencyGroup.valueOf(submission.group())).criteria();
		List<ValueRow> rows = new ArrayList<>();
		for (CriteriaSet.Input input : criteria.inputs()) {
			var value = submission.form().values().get(input.id());
			if (value != null) {
				String shown = input.type() == CriteriaSet.InputType.BOOLEAN ? (value.value().signum() != 0 ? "Có" : "Không") : number(value.value());
				rows.add(new ValueRow(input.label(), shown, input.unit(), value.sheet() + "!" + value.cell() + (value.formula() ? " (công thức)" : ""), value.raw()));
			}
		}
		return rows;
	}

	static String number(BigDecimal value) {
		return formatted(value, "#,##0.##");
	}

	/** A total as a published ranking writes it: always two decimals (73,90, not 73,9). */
	static String twoDecimals(BigDecimal value) {
		return formatted(value, "#,##0.00");
	}

	private static String formatted(BigDecimal value, String pattern) {
		if (value == null) {
			return "";
		}
		DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.forLanguageTag("vi")));
		format.setRoundingMode(RoundingMode.HALF_UP);
		return format.format(value);
	}

	/** One submission as the list shows it. */
	record SubmissionRow(String id, String receivedAt, String agency, String sender, String subject, String attachments,
			SubmissionStatus status, String reason, String total, String band, boolean late, String supersededBy, List<String> flags) {

		static SubmissionRow of(Campaign campaign, SubmissionDocument s, Standing standing) {
			SubmissionStatus status = SubmissionStatus.of(s);
			String agency = Optional.ofNullable(s.agencyId()).flatMap(campaign::agency).map(Agency::name).orElse("Chưa xác định");
			String files = s.attachments() == null ? "" : String.join(", ", s.attachments().stream().map(a -> a.fileName()).toList());
			boolean late = s.receivedAt() != null && campaign.isLate(s.receivedAt());
			String supersededBy = standing.replacementOf(s).map(SubmissionDocument::id).orElse(null);
			return new SubmissionRow(s.id(), ShownTime.of(campaign, s.receivedAt()), agency, s.sender(), s.subject(), files, status,
					s.rejection() == null ? null : s.rejection().message(), s.score() == null ? null : twoDecimals(s.score().total()),
					s.score() == null ? null : s.score().bandLabel(), late, supersededBy,
					s.flags() == null ? List.of() : s.flags().stream().map(f -> f.message()).toList());
		}
	}

	record DeadLetterRow(String id, String deadAt, String topic, String service, String reason, String value, String replayedAt) {
	}

	/** The service that gave up on a dead letter, by its consumer group. */
	private static String service(String consumerGroup) {
		String group = consumerGroup == null ? "" : consumerGroup;
		if (group.startsWith("ictrank-ingest")) {
			return "Tiếp nhận thư";
		}
		return switch (group) {
			case "ictrank-scoring" -> "Chấm điểm";
			case "ictrank-report" -> "Bảng điều khiển";
			default -> group.isEmpty() ? "Không rõ" : group;
		};
	}

	/** Office files whose type can hold macros, which run when the file is opened. */
	private static boolean mayCarryMacros(String fileName) {
		String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
		return List.of(".xlsm", ".xltm", ".xlsb", ".xlam", ".xls", ".docm", ".dotm", ".doc", ".pptm").stream().anyMatch(lower::endsWith);
	}

	/**
	 * @param lateAccepted why staff accepted the form though it came late, or {@code null}
	 * @param lastYear the agency's result in the same province's previous campaign, {@code null} if it had none
	 */
	record RankRow(int rank, String agency, String total, String band, String receivedAt, String submissionId, String lateAccepted,
			LastYearRow lastYear) {
	}

	/**
	 * @param rank "5/20", or "không xếp hạng"
	 * @param change this year's total minus last year's, signed ("+3,25", "−1,50")
	 */
	record LastYearRow(String total, String band, String rank, String change, String submissionId) {

		static LastYearRow of(PreviousYear.Result result, BigDecimal totalNow) {
			if (result == null) {
				return null;
			}
			BigDecimal change = totalNow == null ? null : totalNow.subtract(result.total());
			return new LastYearRow(twoDecimals(result.total()), result.band(),
					result.rank() == null ? "không xếp hạng" : result.rank() + "/" + result.of(),
					change == null ? "" : (change.signum() > 0 ? "+" : change.signum() < 0 ? "−" : "") + twoDecimals(change.abs()),
					result.submissionId());
		}
	}

	/** An indicator whose points moved between last year's form and this one. */
	record MovedRow(String id, String label, String before, String now, String change) {

		static MovedRow of(PreviousYear.Moved moved) {
			BigDecimal change = moved.change();
			return new MovedRow(moved.now().id(), moved.now().label(), number(moved.before()), number(moved.now().score()),
					(change.signum() > 0 ? "+" : "−") + number(change.abs()));
		}
	}

	record GroupRanking(String label, String formName, List<RankRow> rows, List<Standing.AgencyState> notRanked) {
	}

	record ValueRow(String label, String value, String unit, String cell, String raw) {
	}

	/** @param checks the data checks that failed on figures this indicator's points depend on */
	record IndicatorRow(String id, String label, String score, String max, String checks) {
	}

	/** A data check the form's figures failed, as its page shows it. */
	record FindingRow(String checkId, String severity, boolean error, String message, String indicators, boolean confirmed) {

		static FindingRow of(SubmissionScored.Finding f) {
			return new FindingRow(f.checkId(), f.severity().label(), f.severity() == SubmissionScored.Finding.Severity.ERROR, f.message(),
					String.join(", ", f.indicators()), f.confirmed());
		}
	}
}
