package vn.ictrank.report.failures;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.ReprocessingRequested;
import vn.ictrank.model.event.Topics;
import vn.ictrank.report.Campaigns;
import vn.ictrank.report.Downloads;
import vn.ictrank.report.review.AuditLog;
import vn.ictrank.report.submissions.SubmissionDocument;
import vn.ictrank.report.submissions.SubmissionStatus;
import vn.ictrank.report.submissions.SubmissionStore;

/**
 * What staff do with a mail that failed: download it as it came, and have it read again from the
 * archive once the cause is fixed, released from quarantine, or assigned to its agency by hand.
 */
@Controller
class FailuresController {

	private final SubmissionStore store;

	private final Campaigns campaigns;

	private final MailOriginals originals;

	private final KafkaTemplate<String, EventEnvelope> events;

	private final AuditLog audit;

	FailuresController(SubmissionStore store, Campaigns campaigns, MailOriginals originals, KafkaTemplate<String, EventEnvelope> events,
			AuditLog audit) {
		this.store = store;
		this.campaigns = campaigns;
		this.originals = originals;
		this.events = events;
		this.audit = audit;
	}

	/** The mail as the mailbox held it (.eml), to open in a mail program; never shown in the browser. */
	@GetMapping("/ho-so/{id}/thu-goc")
	ResponseEntity<byte[]> original(@PathVariable String id) {
		SubmissionDocument submission = find(id);
		byte[] raw = this.originals.load(submission.archiveRef())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"Không có thư gốc của hồ sơ này trong kho lưu, hoặc thư quá lớn để tải qua bảng điều khiển."));
		return Downloads.attachment(raw, "message/rfc822", "thu-goc-" + id + ".eml");
	}

	/**
	 * Asks ingest to read the mail again from the archive. Only a mail in which no form could be read
	 * is read again: a scored form is replaced by the agency's next mail, not by staff.
	 *
	 * @param agencyId the agency staff confirm sent it, when neither its address nor its form says
	 * @param release staff checked the sender of a quarantined mail and vouch for it
	 */
	@PostMapping("/ho-so/{id}/xu-ly-lai")
	String reprocess(@PathVariable String id, @RequestParam(name = "co-quan", required = false) String agencyId,
			@RequestParam(name = "go-cach-ly", defaultValue = "false") boolean release, Principal staff) throws Exception {
		SubmissionDocument submission = find(id);
		Campaign campaign = this.campaigns.chosen(submission.campaignId());
		SubmissionStatus status = SubmissionStatus.of(submission);
		if (!status.notTaken() || submission.form() != null) {
			// A form scoring refused reads the same from the archive; its agency corrects it, or staff fix the criteria.
			throw new ResponseStatusException(HttpStatus.CONFLICT, "Chỉ đọc lại thư mà hệ thống chưa đọc được phiếu.");
		}
		boolean quarantined = status == SubmissionStatus.QUARANTINED;
		if (quarantined && !release) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Thư bị cách ly: cần xác nhận gỡ cách ly trước khi đọc lại.");
		}
		String assigned = agencyId == null || agencyId.isBlank() ? null : agencyId.strip();
		Optional<Agency> agency = assigned == null ? Optional.empty() : campaign.agency(assigned);
		if (assigned != null && agency.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Không có cơ quan này trong danh sách của đợt đánh giá.");
		}
		String agencyOfMail = assigned != null ? assigned : submission.agencyId();
		EventEnvelope request = EventEnvelope.wrap(new ReprocessingRequested(staff.getName(), assigned, release && quarantined),
				campaign.id(), agencyOfMail, vn.ictrank.model.event.SubmissionId.of(id), null, java.util.UUID.randomUUID().toString(), Instant.now());
		this.events.send(Topics.REQUESTS, id, request).get(30, TimeUnit.SECONDS);
		List<String> what = new ArrayList<>();
		if (release && quarantined) {
			what.add("gỡ cách ly");
		}
		agency.ifPresent(a -> what.add("giao cho " + a.name()));
		this.audit.record(campaign.id(), staff.getName(), "Đọc lại thư từ kho lưu", id, agencyOfMail, String.join(", ", what));
		return "redirect:/ho-so/" + id;
	}

	private SubmissionDocument find(String id) {
		return Optional.ofNullable(this.store.find(id)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}
}
