package vn.ictrank.report.checks;

import java.security.Principal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.FiguresConfirmed;
import vn.ictrank.model.event.SubmissionId;
import vn.ictrank.model.event.SubmissionScored;
import vn.ictrank.model.event.Topics;
import vn.ictrank.report.review.AuditLog;
import vn.ictrank.report.submissions.SubmissionDocument;
import vn.ictrank.report.submissions.SubmissionStore;

/**
 * Staff confirm with an agency figures that failed a data check (the Department's "asking
 * agencies to confirm"): scoring then ranks the form as it stands. A form the agency corrects
 * needs no confirmation; its next mail replaces it.
 */
@Controller
class FiguresController {

	private final SubmissionStore store;

	private final KafkaTemplate<String, EventEnvelope> events;

	private final AuditLog audit;

	FiguresController(SubmissionStore store, KafkaTemplate<String, EventEnvelope> events, AuditLog audit) {
		this.store = store;
		this.events = events;
		this.audit = audit;
	}

	/**
	 * @param checkIds the failed checks staff confirm; every one must be a finding of the form
	 * @param reason how the figures were confirmed, shown with the finding and in the log
	 */
	@PostMapping("/ho-so/{id}/xac-nhan-so-lieu")
	String confirm(@PathVariable String id, @RequestParam(name = "kiem-tra") List<String> checkIds,
			@RequestParam(name = "ly-do") String reason, Principal staff) throws Exception {
		SubmissionDocument submission = Optional.ofNullable(this.store.find(id))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (submission.score() == null || submission.group() == null || !submission.score().awaitingConfirmation()) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "Hồ sơ không có số liệu đang chờ xác nhận.");
		}
		Set<String> holding = new HashSet<>(submission.score().findings().stream()
			.filter(SubmissionScored.Finding::holdsTheForm)
			.map(SubmissionScored.Finding::checkId).toList());
		if (checkIds.isEmpty() || !holding.containsAll(checkIds)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Chỉ xác nhận được các kiểm tra mức lỗi mà số liệu của phiếu không đạt.");
		}
		String why = reason == null ? "" : reason.strip();
		if (why.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Cần ghi cách đã xác nhận số liệu với cơ quan.");
		}
		AgencyGroup group = AgencyGroup.valueOf(submission.group());
		// On the forms topic under the group's key: scoring reads it in order with the forms it concerns.
		EventEnvelope event = EventEnvelope.wrap(new FiguresConfirmed(group, List.copyOf(checkIds), why, staff.getName()),
				submission.campaignId(), submission.agencyId(), SubmissionId.of(id), null, UUID.randomUUID().toString(), Instant.now());
		this.events.send(Topics.FORMS, Topics.formsKey(submission.campaignId(), group), event).get(30, TimeUnit.SECONDS);
		this.audit.record(submission.campaignId(), staff.getName(), "Xác nhận số liệu với cơ quan", id, submission.agencyId(),
				String.join(", ", checkIds) + " — " + why);
		return "redirect:/ho-so/" + id;
	}
}
