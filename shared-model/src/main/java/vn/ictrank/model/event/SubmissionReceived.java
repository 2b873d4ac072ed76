package vn.ictrank.model.event;

import java.time.Instant;
import java.util.List;

/**
 * A message reached the campaign mailbox and its raw bytes were archived.
 *
 * @param messageId the Message-ID header, or {@code null} when the sender's client set none
 * @param sender the From address, lower case
 * @param subject the decoded subject
 * @param receivedAt when the mail server received it (IMAP INTERNALDATE)
 * @param attachments every attached file, in message order
 * @param archiveRef where the raw message is kept
 */
public record SubmissionReceived(String messageId, String sender, String subject, Instant receivedAt,
		List<Attachment> attachments, String archiveRef) implements SubmissionEvent {

	public SubmissionReceived {
		attachments = List.copyOf(attachments);
	}

	/** One attached file as the sender named it. */
	public record Attachment(String fileName, String contentType, long size) {
	}
}
