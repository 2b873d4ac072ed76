package vn.ictrank.ingest.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import vn.ictrank.ingest.extraction.Attachment;
import vn.ictrank.model.event.SubmissionId;
import vn.ictrank.model.text.VietnameseText;

/**
 * A message taken from the mailbox: what identifies it and its raw bytes. Only what cannot
 * fail on a malformed message is read here, so that every message can be archived; the
 * attachments are read afterwards by {@link #attachments()}.
 *
 * @param source the message as the receiver handed it over, for marking it in the mailbox
 * @param messageId the Message-ID, {@code null} when the message has none (or a blank one)
 * @param messageKey the Message-ID, or a hash of the raw bytes when the message has none
 */
record ReceivedMail(MimeMessage source, SubmissionId submissionId, String messageId, String messageKey, String sender,
		String subject, Instant receivedAt, byte[] raw) {

	static ReceivedMail of(MimeMessage message, String campaignId) throws MessagingException, IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		message.writeTo(out);
		byte[] raw = out.toByteArray();
		String header = message.getMessageID();
		String messageId = header == null || header.isBlank() ? null : header.trim();
		String key = messageId != null ? messageId : "sha256:" + sha256(raw);
		Instant receivedAt = message.getReceivedDate() != null ? message.getReceivedDate().toInstant() : Instant.now();
		return new ReceivedMail(message, SubmissionId.forMessage(campaignId, key), messageId, key, sender(message),
				VietnameseText.nfc(message.getSubject()), receivedAt, raw);
	}

	/**
	 * Every attached file, forwarded messages included, in message order.
	 * @throws MessagingException or {@link IOException} for a message whose MIME structure cannot be read
	 */
	List<Attachment> attachments() throws MessagingException, IOException {
		List<Attachment> attachments = new ArrayList<>();
		collectAttachments(this.source, attachments);
		return attachments;
	}

	/** The From address, lower case; a From header that is not a valid address is kept as written. */
	private static String sender(MimeMessage message) throws MessagingException {
		Address[] from;
		try {
			from = message.getFrom();
		}
		catch (AddressException ex) {
			return String.valueOf(message.getHeader("From", ",")).trim().toLowerCase(Locale.ROOT);
		}
		if (from == null || from.length == 0) {
			return "";
		}
		return from[0] instanceof InternetAddress address ? address.getAddress().toLowerCase(Locale.ROOT)
				: from[0].toString().toLowerCase(Locale.ROOT);
	}

	private static void collectAttachments(Part part, List<Attachment> into) throws MessagingException, IOException {
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				collectAttachments(multipart.getBodyPart(i), into);
			}
			return;
		}
		if (part.isMimeType("message/rfc822") && part.getContent() instanceof Part forwarded) {
			collectAttachments(forwarded, into);
			return;
		}
		String fileName = part.getFileName();
		boolean attached = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || fileName != null;
		if (!attached || part instanceof MimeMessage) {
			return;
		}
		String name = fileName == null ? "tệp đính kèm " + (into.size() + 1) : decode(fileName);
		into.add(new Attachment(name, part.getContentType(), part.getInputStream().readAllBytes()));
	}

	/** Clients still put RFC 2047 encoded words in file names, which the MIME parser leaves encoded. */
	private static String decode(String fileName) {
		try {
			return VietnameseText.nfc(fileName.contains("=?") ? MimeUtility.decodeText(fileName) : fileName);
		}
		catch (UnsupportedEncodingException ex) {
			return VietnameseText.nfc(fileName);
		}
	}

	private static String sha256(byte[] raw) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "mail " + this.messageKey + " from " + this.sender;
	}
}
