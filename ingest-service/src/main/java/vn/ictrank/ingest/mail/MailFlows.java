package vn.ictrank.ingest.mail;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;
import org.springframework.integration.mail.dsl.Mail;
import org.springframework.integration.mail.inbound.ImapMailReceiver;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;

import vn.ictrank.ingest.IngestProperties;
import vn.ictrank.ingest.archive.MailArchive;
import vn.ictrank.ingest.extraction.Attachment;
import vn.ictrank.ingest.extraction.Extraction;
import vn.ictrank.ingest.extraction.FormReader;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.SubmissionRejected;

/**
 * The mailbox pipeline. Each stage hands the next one its result on the stage's input channel;
 * all of them run on the receiving thread, so a message is marked in the mailbox only after it
 * was archived and its events were acknowledged by the broker. A failure leaves it unmarked, and
 * it is fetched again.
 */
@Configuration(proxyBeanMethods = false)
class MailFlows {

	private static final Logger log = LoggerFactory.getLogger(MailFlows.class);

	/** Id of the inbound adapter, by which it can be stopped and started. */
	static final String INBOUND_ADAPTER = "mailInboundAdapter";

	private final IngestProperties properties;

	private final Campaign campaign;

	private final MailboxMarker marker;

	MailFlows(IngestProperties properties, Campaign campaign) {
		this.properties = properties;
		this.campaign = campaign;
		this.marker = new MailboxMarker(properties.mail().archivedFlag());
	}

	@Bean
	ImapMailReceiver mailReceiver() {
		IngestProperties.Mail mail = this.properties.mail();
		String user = mail.username() == null ? "" : URLEncoder.encode(mail.username(), StandardCharsets.UTF_8) + "@";
		ImapMailReceiver receiver = new ImapMailReceiver(mail.protocol() + "://" + user + mail.host() + ":" + mail.port() + "/" + mail.folder());
		receiver.setShouldMarkMessagesAsRead(false);
		receiver.setShouldDeleteMessages(false);
		receiver.setSimpleContent(true);
		// The receiver flags what it fetches before anything is stored; a flag of its own that no search looks at keeps that harmless.
		receiver.setUserFlag("ictrank-fetched");
		receiver.setFlaggedAsFallback(false);
		receiver.setSearchTermStrategy((supported, folder) -> this.marker.unarchived(supported));
		receiver.setCancelIdleInterval(mail.idleRestart().toSeconds());
		Properties javaMail = new Properties();
		String timeout = String.valueOf(mail.timeout().toMillis());
		for (String protocol : List.of("imap", "imaps")) {
			javaMail.setProperty("mail." + protocol + ".connectiontimeout", timeout);
			javaMail.setProperty("mail." + protocol + ".timeout", timeout);
			javaMail.setProperty("mail." + protocol + ".writetimeout", timeout);
			javaMail.setProperty("mail." + protocol + ".fetchsize", String.valueOf(1024 * 1024));
		}
		receiver.setJavaMailProperties(javaMail);
		receiver.setJavaMailAuthenticator(new Authenticator() {
			@Override
			protected PasswordAuthentication getPasswordAuthentication() {
				return new PasswordAuthentication(mail.username(), mail.password());
			}
		});
		return receiver;
	}

	/** New mail in the campaign mailbox, pushed by IMAP IDLE or polled, as configured. */
	@Bean
	IntegrationFlow mailInbound(ImapMailReceiver mailReceiver) {
		IngestProperties.Mail mail = this.properties.mail();
		if (mail.mode() == IngestProperties.Mode.POLL) {
			return IntegrationFlow.from(Mail.imapInboundAdapter(mailReceiver),
					e -> e.id(INBOUND_ADAPTER)
						.poller(Pollers.fixedDelay(mail.pollInterval()).maxMessagesPerPoll(20).errorChannel("ingestErrors.input")))
				.channel("archiveMessage.input")
				.get();
		}
		return IntegrationFlow.from(Mail.imapIdleAdapter(mailReceiver)
				.id(INBOUND_ADAPTER)
				.reconnectDelay(mail.reconnectDelay().toMillis())
				.errorChannel("ingestErrors.input"))
			.channel("archiveMessage.input")
			.get();
	}

	/** Stores the raw message before anything else happens to it. */
	@Bean
	IntegrationFlow archiveMessage(MailArchive archive) {
		return f -> f.<MimeMessage>handle((message, headers) -> {
			try {
				ReceivedMail mail = ReceivedMail.of(message, this.campaign.id());
				String ref = archive.store(mail.submissionId(), mail.raw(), mail.messageId(), mail.sender(), mail.receivedAt());
				return new Archived(mail, ref);
			}
			catch (jakarta.mail.MessagingException | IOException ex) {
				throw new MessagingException("Could not read message from mailbox", ex);
			}
		}, e -> e.id("archiveMessageHandler")).channel("extractForms.input");
	}

	/**
	 * Finds and reads the form. Whatever is wrong with the message or its attachments becomes a
	 * rejection, never an error, so a malformed message cannot hold up the mailbox.
	 */
	@Bean
	IntegrationFlow extractForms(FormReader reader, SubmissionEvents events) {
		return f -> f.<Archived>handle((archived, headers) -> {
			ReceivedMail mail = archived.mail();
			List<Attachment> attachments = List.of();
			Extraction extraction;
			try {
				attachments = mail.attachments();
				extraction = reader.read(this.campaign, mail.sender(), attachments);
			}
			catch (jakarta.mail.MessagingException | IOException ex) {
				log.warn("The MIME structure of {} cannot be read: {}", mail, ex.toString());
				extraction = rejected(mail, "Thư bị lỗi định dạng nên không đọc được tệp đính kèm. Vui lòng gửi lại thư kèm phiếu tự đánh giá.");
			}
			catch (RuntimeException | StackOverflowError ex) {
				log.error("Reading the attachments of {} failed", mail, ex);
				extraction = rejected(mail, "Hệ thống gặp lỗi khi đọc tệp đính kèm; cán bộ Sở sẽ kiểm tra thư này.");
			}
			log.info("{}: {}", mail, extraction instanceof Extraction.Rejected r ? r.reason() : "form extracted");
			return new Outcome(mail, events.of(this.campaign, mail, attachments, archived.archiveRef(), extraction));
		}, e -> e.id("extractFormsHandler")).channel("publishEvents.input");
	}

	private Extraction rejected(ReceivedMail mail, String message) {
		return new Extraction.Rejected(this.campaign.agencyBySender(mail.sender()).orElse(null),
				SubmissionRejected.Reason.PROCESSING_ERROR, message);
	}

	/** Publishes the events and waits until the broker has them. */
	@Bean
	IntegrationFlow publishEvents(SubmissionEvents events) {
		return f -> f.<Outcome>handle((outcome, headers) -> {
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
		}, e -> e.id("publishEventsHandler")).channel("markArchived.input");
	}

	/** Marks the message in the mailbox, last, so that it is not fetched again. */
	@Bean
	IntegrationFlow markArchived() {
		return f -> f.<ReceivedMail>handle((mail, headers) -> {
			try {
				this.marker.markArchived(mail);
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new MessagingException("Could not mark " + mail + " as archived", ex);
			}
			return null;
		}, e -> e.id("markArchivedHandler"));
	}

	/**
	 * A stage could not finish (mailbox, database or broker unreachable). The message stays
	 * unmarked and is fetched again; the exception is rethrown with a mail cause so that the IDLE
	 * adapter waits its reconnect delay instead of fetching it again at once.
	 */
	@Bean
	IntegrationFlow ingestErrors() {
		return f -> f.handle(ErrorMessage.class, (error, headers) -> {
			Throwable cause = error.getPayload();
			Throwable root = NestedExceptionUtils.getMostSpecificCause(cause);
			log.warn("Mail processing failed and will be retried: {}", root.toString());
			throw new RetryLaterException(root);
		}, e -> e.id("ingestErrorsHandler"));
	}

	record Archived(ReceivedMail mail, String archiveRef) {
	}

	record Outcome(ReceivedMail mail, List<EventEnvelope> events) {
	}

	static final class RetryLaterException extends RuntimeException {

		RetryLaterException(Throwable cause) {
			super("Processing failed; the message stays in the mailbox for the next attempt",
					new jakarta.mail.MessagingException(String.valueOf(cause.getMessage()), cause instanceof Exception e ? e : null));
		}
	}
}
