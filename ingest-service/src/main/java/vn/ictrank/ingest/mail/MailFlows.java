package vn.ictrank.ingest.mail;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.util.unit.DataSize;

import vn.ictrank.ingest.IngestProperties;
import vn.ictrank.ingest.archive.MailArchive;
import vn.ictrank.ingest.extraction.Attachment;
import vn.ictrank.ingest.extraction.Extraction;
import vn.ictrank.ingest.extraction.FormReader;
import vn.ictrank.ingest.extraction.MailParts;
import vn.ictrank.ingest.WatchedCampaign;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.SubmissionReceived;
import vn.ictrank.model.event.SubmissionRejected;

/**
 * The mailbox pipeline. Each stage hands the next one its result on the stage's input channel;
 * all of them run on one of the {@link MailboxReader}'s workers, and the reader marks a message in
 * the mailbox only after it was archived and its events were acknowledged by the broker. A failure
 * leaves it unmarked, and it is fetched again.
 */
@Configuration(proxyBeanMethods = false)
class MailFlows {

	private static final Logger log = LoggerFactory.getLogger(MailFlows.class);

	/** The log context key that carries the submission id, the same in every service. */
	static final String SUBMISSION_MDC = "submission";

	private static final java.time.format.DateTimeFormatter DISPLAY_TIME = java.time.format.DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

	private final IngestProperties properties;

	private final WatchedCampaign campaign;

	private final MeterRegistry meters;

	MailFlows(IngestProperties properties, WatchedCampaign campaign, MeterRegistry meters) {
		this.properties = properties;
		this.campaign = campaign;
		this.meters = meters;
	}

	/** Times one stage of a message, so that a slow stage names itself in the metrics. */
	private <T> T timed(String stage, java.util.function.Supplier<T> work) {
		Timer.Sample sample = Timer.start(this.meters);
		try {
			return work.get();
		}
		finally {
			sample.stop(this.meters.timer("ictrank.ingest.stage", "stage", stage));
		}
	}

	@Bean
	MailboxReader mailboxReader(AttemptLog attempts, MongoTemplate mongo) {
		IngestProperties.Mail mail = this.properties.mail();
		MailboxLease lease = new MailboxLease(new MongoLockProvider(mongo.getDb()),
				"mailbox " + mail.username() + "@" + mail.host() + ":" + mail.port() + "/" + mail.folder(), mail.lease());
		MailboxReader reader = new MailboxReader(mail, attempts, lease, this.meters);
		reader.setErrorChannelName("ingestErrors.input");
		return reader;
	}

	/** New mail in the campaign mailbox, announced by IMAP IDLE or polled, as configured. */
	@Bean
	IntegrationFlow mailInbound(MailboxReader mailboxReader) {
		return IntegrationFlow.from(mailboxReader).channel("archiveMessage.input").get();
	}

	/** Stores the raw message before anything else happens to it. */
	@Bean
	IntegrationFlow archiveMessage(MailArchive archive) {
		return f -> f.<FetchedMail>handle((fetched, headers) -> timed("archive", () -> {
			try {
				ReceivedMail mail = ReceivedMail.of(fetched, this.campaign.id());
				// Every log line about this message from here on names its submission.
				MDC.put(SUBMISSION_MDC, mail.submissionId().value());
				this.meters.counter("ictrank.ingest.mails").increment();
				String ref = archive.store(mail.submissionId(), mail.raw(), mail.messageId(), mail.sender(), mail.receivedAt(),
						mail.complete(), mail.size());
				return Archived.of(mail, ref, fetched.setAsideBecause(), archive, StaffDecision.NONE);
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new MessagingException("Could not read the header of the message", ex);
			}
		}), e -> e.id("archiveMessageHandler")).channel("extractForms.input");
	}

	/**
	 * Finds and reads the form. Whatever is wrong with the message or its attachments becomes a
	 * rejection, never an error, so a malformed message cannot hold up the mailbox.
	 */
	@Bean
	IntegrationFlow extractForms(FormReader reader, SubmissionEvents events) {
		MailParts parts = new MailParts(this.properties.maxAttachmentSize().toBytes());
		return f -> f.<Archived>handle((archived, headers) -> timed("extract", () -> {
			ReceivedMail mail = archived.mail();
			StaffDecision staff = archived.staff();
			// One roster for the whole mail: staff may change it on the dashboard meanwhile.
			Campaign campaign = this.campaign.now();
			List<Attachment> attachments = List.of();
			Optional<String> forged = staff.quarantineReleased() ? Optional.empty()
					: AuthenticationResults.dmarcFailure(mail.source(), this.properties.trustedAuthservId());
			Extraction extraction;
			if (archived.setAsideBecause() != null) {
				extraction = rejected(campaign, mail, staff, SubmissionRejected.Reason.PROCESSING_ERROR, "Hệ thống " + archived.setAsideBecause()
						+ " nên đã tạm gác thư này lại. Cán bộ Sở sẽ kiểm tra thư và liên hệ với đơn vị nếu cần.");
			}
			else if (!mail.complete()) {
				extraction = rejected(campaign, mail, staff, SubmissionRejected.Reason.TOO_LARGE, "Thư có dung lượng " + megabytes(mail.size())
						+ ", vượt giới hạn " + megabytes(this.properties.mail().maxMessageSize().toBytes())
						+ " của hộp thư tiếp nhận nên không được tải về. Vui lòng gửi lại riêng phiếu tự đánh giá (tệp Excel), "
						+ "tài liệu kiểm chứng gửi trong các thư khác.");
			}
			else if (forged.isPresent()) {
				extraction = rejected(campaign, mail, staff, SubmissionRejected.Reason.QUARANTINED, "Thư không qua được kiểm tra xác thực người gửi của "
						+ "máy chủ thư " + this.properties.trustedAuthservId() + " (" + forged.get() + "): có thể là thư giả mạo địa chỉ " + mail.sender() + ". Thư được cách ly để cán bộ Sở kiểm tra và không được chấm điểm.");
			}
			else {
				try {
					attachments = parts.of(mail.source());
					extraction = reader.read(campaign, agencyOf(campaign, mail, staff), attachments);
				}
				catch (jakarta.mail.MessagingException | IOException ex) {
					log.warn("The MIME structure of {} cannot be read: {}", mail, ex.toString());
					extraction = rejected(campaign, mail, staff, SubmissionRejected.Reason.PROCESSING_ERROR,
							"Thư bị lỗi định dạng nên không đọc được tệp đính kèm. Vui lòng gửi lại thư kèm phiếu tự đánh giá.");
				}
			}
			String outcome = extraction instanceof Extraction.Rejected r ? r.reason().name() : "FORM_EXTRACTED";
			log.info("{}: {}{}", mail, outcome, staff == StaffDecision.NONE ? "" : " (read again as staff asked: " + staff + ")");
			this.meters.counter("ictrank.ingest.submissions", "outcome", outcome).increment();
			attachments.forEach(a -> this.meters.counter("ictrank.ingest.attachments", "kind", kind(a.fileName())).increment());
			return new Outcome(mail, events.of(campaign, mail, attachments, archived.archiveRef(), extraction,
					flags(campaign, mail, archived, extraction), staff.discriminator()));
		}), e -> e.id("extractFormsHandler")).channel("publishEvents.input");
	}

	private static Extraction rejected(Campaign campaign, ReceivedMail mail, StaffDecision staff, SubmissionRejected.Reason reason, String message) {
		return new Extraction.Rejected(agencyOf(campaign, mail, staff).orElse(null), reason, message);
	}

	/** The agency staff assigned the mail to, or else the one its sender's address belongs to. */
	private static Optional<vn.ictrank.model.campaign.Agency> agencyOf(Campaign campaign, ReceivedMail mail, StaffDecision staff) {
		return staff.assignedAgencyId() != null ? campaign.agency(staff.assignedAgencyId()) : campaign.agencyBySender(mail.sender());
	}

	/** What staff should confirm before trusting the submission. */
	private static List<SubmissionReceived.Flag> flags(Campaign campaign, ReceivedMail mail, Archived archived, Extraction extraction) {
		List<SubmissionReceived.Flag> flags = new java.util.ArrayList<>();
		if (extraction instanceof Extraction.Extracted form && campaign.agencyBySender(mail.sender()).isEmpty()
				&& archived.staff().assignedAgencyId() == null) {
			flags.add(new SubmissionReceived.Flag(SubmissionReceived.Flag.Code.SENDER_NOT_ON_ROSTER, "Địa chỉ gửi " + mail.sender()
					+ " không có trong danh sách địa chỉ của " + form.agency().name()
					+ "; cơ quan được xác định theo tên ghi trên phiếu. Cán bộ Sở cần xác nhận."));
		}
		if (mail.automatic() != null) {
			flags.add(new SubmissionReceived.Flag(SubmissionReceived.Flag.Code.AUTO_SUBMITTED, "Thư do chương trình tự động gửi ("
					+ SubmissionEvents.cap(mail.automatic(), 200) + "), ví dụ thư trả lời vắng mặt hoặc thư báo lỗi gửi: không gửi thư trả lời tự động."));
		}
		archived.otherWithSameMessageIdAt().ifPresent(at -> flags.add(new SubmissionReceived.Flag(
				SubmissionReceived.Flag.Code.MESSAGE_ID_REUSED, "Một thư khác nhận lúc " + DISPLAY_TIME.format(at.atZone(campaign.zone()))
						+ " có cùng Message-ID nhưng nội dung khác; hai thư được giữ như hai lần gửi riêng.")));
		return flags;
	}

	/** The kind of a file for the metrics, from its name: a few known ones, so the number of series stays small. */
	private static String kind(String fileName) {
		String lower = fileName.toLowerCase(java.util.Locale.ROOT);
		for (String extension : List.of("xlsx", "xls", "docx", "doc", "zip", "pdf", "dat", "eml", "jpg", "png")) {
			if (lower.endsWith("." + extension)) {
				return extension;
			}
		}
		return "other";
	}

	private static String megabytes(long bytes) {
		return DataSize.ofBytes(bytes).toMegabytes() + " MB";
	}

	/** Publishes the events and waits until the broker has them. */
	@Bean
	IntegrationFlow publishEvents(SubmissionEvents events) {
		return f -> f.<Outcome>handle((outcome, headers) -> timed("publish", () -> {
			try {
				events.publish(outcome.events());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new MessagingException("Interrupted while publishing", ex);
			}
			catch (Exception ex) {
				throw new MessagingException("Could not publish the events of " + outcome.mail(), ex);
			}
			return outcome.mail();
		}), e -> e.id("publishEventsHandler")).channel("markArchived.input");
	}

	/**
	 * Hands the message back to the reader, last, to be marked in the mailbox with the rest of its
	 * round so that it is not fetched again.
	 */
	@Bean
	IntegrationFlow markArchived(MailboxReader mailboxReader) {
		return f -> f.<ReceivedMail>handle((mail, headers) -> {
			if (mail.ref() == null) {
				// Read again from the archive: it left the mailbox long ago.
				return null;
			}
			try {
				mailboxReader.mark(mail.ref());
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new MessagingException("Could not mark " + mail + " as archived", ex);
			}
			return null;
		}, e -> e.id("markArchivedHandler"));
	}

	/**
	 * A stage could not finish the message. When the cause says nothing about the message (the
	 * mailbox, database or broker is away), the reader waits and tries again; otherwise the failure
	 * is counted against the message and the reader goes on with the next one. Once a message has
	 * failed every attempt it is set aside with an explained status, so it cannot hold up the mail
	 * behind it.
	 */
	@Bean
	IntegrationFlow ingestErrors(AttemptLog attempts) {
		return f -> f.handle(ErrorMessage.class, (error, headers) -> {
			Throwable root = NestedExceptionUtils.getMostSpecificCause(error.getPayload());
			if (MailboxReader.isTransient(error.getPayload())) {
				log.warn("Mail processing failed and will be retried: {}", root.toString());
				throw new MailboxReader.RetryLaterException(root);
			}
			MailboxRef ref = failedRef(error);
			log.warn("Mail processing of {} failed: {}", ref, root.toString(), error.getPayload());
			if (ref != null) {
				attempts.failed(ref, root.getClass().getSimpleName() + ": " + SubmissionEvents.cap(String.valueOf(root.getMessage()), 300));
			}
			return null;
		}, e -> e.id("ingestErrorsHandler"));
	}

	private static MailboxRef failedRef(ErrorMessage error) {
		Message<?> failed = error.getPayload() instanceof MessagingException ex && ex.getFailedMessage() != null
				? ex.getFailedMessage() : error.getOriginalMessage();
		return failed == null ? null : failed.getHeaders().get(MailboxReader.REF_HEADER, MailboxRef.class);
	}

	record Archived(ReceivedMail mail, String archiveRef, String setAsideBecause, Optional<java.time.Instant> otherWithSameMessageIdAt,
			StaffDecision staff) {

		/** A mail now in the archive, with when another mail with its Message-ID came first, if one did. */
		static Archived of(ReceivedMail mail, String archiveRef, String setAsideBecause, MailArchive archive, StaffDecision staff) {
			return new Archived(mail, archiveRef, setAsideBecause, archive.otherWithMessageId(mail.messageId(), mail.submissionId()), staff);
		}
	}

	/**
	 * What staff said of a mail they asked to be read again from the archive.
	 *
	 * @param request the id of the request, which tells the events of this reading from those of
	 *        earlier ones; empty for a mail read from the mailbox
	 */
	record StaffDecision(String request, String assignedAgencyId, boolean quarantineReleased) {

		static final StaffDecision NONE = new StaffDecision("", null, false);

		String discriminator() {
			return this.request.isEmpty() ? "" : "xu-ly-lai:" + this.request;
		}
	}

	record Outcome(ReceivedMail mail, List<EventEnvelope> events) {
	}
}
