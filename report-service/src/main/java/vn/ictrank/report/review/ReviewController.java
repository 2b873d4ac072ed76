package vn.ictrank.report.review;

import java.security.Principal;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.text.VietnameseText;
import vn.ictrank.report.Campaigns;
import vn.ictrank.report.ShownTime;
import vn.ictrank.report.replies.Replies;
import vn.ictrank.report.replies.ReplyDocument;
import vn.ictrank.report.submissions.SubmissionDocument;
import vn.ictrank.report.submissions.SubmissionStore;

/** What staff do with a submission beyond looking at it (review, comment, return), reminders, and the log of it all. */
@Controller
class ReviewController {


	private static final int MAX_TEXT = 4000;

	private final Campaigns campaigns;

	private final SubmissionStore store;

	private final Reviews reviews;

	private final Replies replies;

	private final AuditLog audit;

	private final Reminders reminders;

	ReviewController(Campaigns campaigns, SubmissionStore store, Reviews reviews, Replies replies, AuditLog audit, Reminders reminders) {
		this.campaigns = campaigns;
		this.store = store;
		this.reviews = reviews;
		this.replies = replies;
		this.audit = audit;
		this.reminders = reminders;
	}

	@PostMapping("/ho-so/{id}/xem-xet")
	String review(@PathVariable String id, @RequestParam("trang-thai") String state, @RequestParam(name = "ghi-chu", defaultValue = "") String note,
			Principal staff) {
		SubmissionDocument submission = submission(id);
		Reviews.State chosen;
		try {
			chosen = Reviews.State.valueOf(state);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Trạng thái xem xét không hợp lệ.");
		}
		if (chosen == Reviews.State.RETURNED) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Dùng nút \"Trả lại\" để gửi cơ quan nội dung cần sửa.");
		}
		String text = text(note);
		this.reviews.setState(submission.campaignId(), id, chosen, staff.getName());
		if (!text.isEmpty()) {
			this.reviews.comment(submission.campaignId(), id, text, staff.getName());
		}
		this.audit.record(submission.campaignId(), staff.getName(), "Xem xét: " + chosen.label(), id, submission.agencyId(), text);
		return "redirect:/ho-so/" + id;
	}

	@PostMapping("/ho-so/{id}/ghi-chu")
	String comment(@PathVariable String id, @RequestParam(name = "noi-dung", defaultValue = "") String note, Principal staff) {
		SubmissionDocument submission = submission(id);
		String text = required(note, "Ghi chú không được để trống.");
		this.reviews.comment(submission.campaignId(), id, text, staff.getName());
		this.audit.record(submission.campaignId(), staff.getName(), "Ghi chú", id, submission.agencyId(), text);
		return "redirect:/ho-so/" + id;
	}

	/** Sends the form back to its sender with what to correct; the agency's next mail replaces it. */
	@PostMapping("/ho-so/{id}/tra-lai")
	String returnForCorrection(@PathVariable String id, @RequestParam(name = "yeu-cau", defaultValue = "") String request, Principal staff) {
		SubmissionDocument submission = submission(id);
		String text = required(request, "Ghi nội dung cơ quan cần sửa hoặc bổ sung.");
		if (submission.sender() == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Chưa biết địa chỉ gửi của hồ sơ này.");
		}
		if (vn.ictrank.report.submissions.SubmissionStatus.of(submission) == vn.ictrank.report.submissions.SubmissionStatus.QUARANTINED) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Thư bị cách ly vì có thể giả mạo người gửi: không gửi nội dung phiếu tới địa chỉ này. Hãy liên hệ cơ quan qua địa chỉ trong danh sách.");
		}
		Campaign campaign = this.campaigns.chosen(submission.campaignId());
		if (!this.replies.queueReturn(campaign, submission, text, staff.getName())) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "Hồ sơ này đã được trả lại.");
		}
		this.reviews.setState(campaign.id(), id, Reviews.State.RETURNED, staff.getName());
		this.reviews.comment(campaign.id(), id, "Trả lại: " + text, staff.getName());
		this.audit.record(campaign.id(), staff.getName(), "Trả lại để hoàn thiện", id, submission.agencyId(), text);
		return "redirect:/ho-so/" + id;
	}

	@PostMapping("/nhac-nop")
	String remind(@RequestParam(name = "chien-dich", required = false) String campaignId, Principal staff) {
		Campaign campaign = this.campaigns.chosen(campaignId);
		this.reminders.send(campaign, staff.getName());
		return "redirect:" + UriComponentsBuilder.fromPath("/nhat-ky").queryParam("chien-dich", campaign.id()).build().toUriString();
	}

	/** Sends again a reminder the mail server refused, or one whose sending was interrupted. */
	@PostMapping("/nhac-nop/{letter}/gui-lai")
	String remindAgain(@PathVariable String letter, Principal staff) {
		ReplyDocument reminder = this.replies.find(letter).filter(r -> r.kind() == ReplyDocument.Kind.REMINDER)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (!this.replies.release(letter, staff.getName())) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "Thư nhắc này đã được gửi hoặc đang gửi.");
		}
		this.audit.record(reminder.campaignId(), staff.getName(), "Gửi lại thư nhắc", null, reminder.agencyId(), "tới " + reminder.to());
		return "redirect:" + UriComponentsBuilder.fromPath("/").queryParam("chien-dich", reminder.campaignId()).build().toUriString();
	}

	/** The log of staff actions (nhật ký), newest first. */
	@GetMapping("/nhat-ky")
	String log(@RequestParam(name = "chien-dich", required = false) String campaignId, Model model,
			jakarta.servlet.http.HttpServletRequest request) {
		Campaign campaign = this.campaigns.chosen(campaignId);
		model.addAttribute("campaign", campaign);
		model.addAttribute("campaigns", this.campaigns.all());
		model.addAttribute("entries", this.audit.of(campaign.id(), request.isUserInRole("ADMIN"), 1000).stream()
			.map(e -> new EntryRow(ShownTime.of(campaign, e.at()), e.by(), e.action(), e.submissionId(),
					Optional.ofNullable(e.agencyId()).flatMap(campaign::agency).map(vn.ictrank.model.campaign.Agency::name).orElse(""),
					e.detail() == null ? "" : e.detail()))
			.toList());
		return "nhat-ky";
	}

	record EntryRow(String at, String by, String action, String submissionId, String agency, String detail) {
	}

	private SubmissionDocument submission(String id) {
		return Optional.ofNullable(this.store.find(id)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/** What staff typed, in NFC with its lines kept, cut to a length a letter can carry. */
	private static String text(String typed) {
		String text = java.text.Normalizer.normalize(typed == null ? "" : typed, java.text.Normalizer.Form.NFC).strip().replace("\r\n", "\n");
		return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
	}

	private static String required(String typed, String problem) {
		String text = text(typed);
		if (VietnameseText.nfc(text).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, problem);
		}
		return text;
	}
}
