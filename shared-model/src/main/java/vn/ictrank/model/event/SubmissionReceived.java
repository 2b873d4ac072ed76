package vn.ictrank.model.event;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A message reached the campaign mailbox and its raw bytes were archived.
 *
 * @param messageId the Message-ID header, or {@code null} when the sender's client set none
 * @param sender the From address, lower case
 * @param subject the decoded subject
 * @param receivedAt when the mail server received it (IMAP INTERNALDATE)
 * @param attachments every attached file, in message order
 * @param archiveRef where the raw message is kept
 * @param flags what staff should confirm about the mail before trusting it (since version 2)
 */
public record SubmissionReceived(String messageId, String sender, String subject, Instant receivedAt,
		List<Attachment> attachments, String archiveRef, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Flag> flags)
		implements SubmissionEvent {

	public SubmissionReceived {
		attachments = List.copyOf(attachments);
		flags = flags == null ? List.of() : List.copyOf(flags);
	}

	public SubmissionReceived(String messageId, String sender, String subject, Instant receivedAt, List<Attachment> attachments,
			String archiveRef) {
		this(messageId, sender, subject, receivedAt, attachments, archiveRef, List.of());
	}

	/**
	 * Something staff should confirm; the submission is taken all the same.
	 *
	 * @param message the explanation, in Vietnamese
	 */
	public record Flag(Code code, String message) {

		public enum Code {
			/** The sender's address is not the agency's on the roster; the agency was told from the form. */
			SENDER_NOT_ON_ROSTER,
			/** Another mail with different content came with the same Message-ID; both are kept. */
			MESSAGE_ID_REUSED,
			/**
			 * The mail says it was sent by a program (an out-of-office answer, a delivery report):
			 * nobody answers it automatically, or two robots would write to each other for ever. Since version 3.
			 */
			AUTO_SUBMITTED
		}
	}

	/**
	 * One attached file as the sender named it.
	 *
	 * @param sha256 the SHA-256 of the file's bytes, in lower-case hex, so that the agency and the
	 *        Department can settle later what exactly was sent; {@code null} for a file too large to
	 *        take and in events before version 3
	 */
	public record Attachment(String fileName, String contentType, long size,
			@JsonInclude(JsonInclude.Include.NON_NULL) String sha256) {

		public Attachment(String fileName, String contentType, long size) {
			this(fileName, contentType, size, null);
		}
	}
}
