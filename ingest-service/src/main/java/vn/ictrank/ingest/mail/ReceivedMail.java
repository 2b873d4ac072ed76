package vn.ictrank.ingest.mail;

import java.io.UnsupportedEncodingException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedByteArrayInputStream;

import vn.ictrank.model.event.SubmissionId;
import vn.ictrank.model.text.VietnameseText;

/**
 * A message taken from the mailbox: what identifies it and its raw bytes. Only what cannot
 * fail on a malformed message is read here, so that every message can be archived; the
 * attachments are read afterwards, from {@code source}.
 *
 * @param source the message parsed from {@code raw}
 * @param ref where the message is in the mailbox
 * @param messageId the Message-ID, {@code null} when the message has none (or a blank one)
 * @param messageKey what tells this message from every other: its Message-ID (or, without one, its
 *        sender, subject and date) and a hash of its body, so that two different messages that share
 *        a Message-ID stay two submissions and the same message delivered twice stays one
 * @param complete {@code false} when the message was too large and only its header was fetched
 * @param size the size of the whole message as the server reported it
 * @param automatic why the message looks sent by a program rather than a person (the header that
 *        says so), or {@code null}
 */
record ReceivedMail(MimeMessage source, MailboxRef ref, SubmissionId submissionId, String messageId, String messageKey,
		String sender, String subject, Instant receivedAt, byte[] raw, boolean complete, long size, String automatic) {

	private static final Session SESSION = Session.getInstance(new Properties());

	static ReceivedMail of(FetchedMail fetched, String campaignId) throws MessagingException {
		MimeMessage message = new MimeMessage(SESSION, new SharedByteArrayInputStream(fetched.raw()));
		String header = header(message, "Message-ID");
		String messageId = header == null || header.isBlank() ? null : header.trim();
		String subject = decoded(header(message, "Subject"));
		String sender = sender(message);
		String identity = messageId != null ? messageId : sender + "\n" + subject + "\n" + header(message, "Date");
		String key = identity + "\nsha256:" + sha256(body(fetched.raw()));
		return new ReceivedMail(message, fetched.ref(), SubmissionId.forMessage(campaignId, key), messageId, key, sender,
				subject, fetched.receivedAt(), fetched.raw(), fetched.complete(), fetched.size(), automatic(message, sender));
	}

	/**
	 * The header by which a message says a program sent it: RFC 3834's Auto-Submitted, the
	 * Precedence and X-Autoreply headers of older responders, a delivery report, a mailer daemon.
	 * Answering such a message could start a loop of replies between two programs.
	 */
	static String automatic(MimeMessage message, String sender) {
		String autoSubmitted = header(message, "Auto-Submitted");
		if (autoSubmitted != null && !autoSubmitted.isBlank() && !autoSubmitted.trim().toLowerCase(Locale.ROOT).startsWith("no")) {
			return "Auto-Submitted: " + autoSubmitted.trim();
		}
		String precedence = header(message, "Precedence");
		if (precedence != null && List.of("bulk", "junk", "list", "auto_reply").contains(precedence.trim().toLowerCase(Locale.ROOT))) {
			return "Precedence: " + precedence.trim();
		}
		for (String responder : List.of("X-Autoreply", "X-Autorespond")) {
			if (header(message, responder) != null) {
				return responder;
			}
		}
		String type = header(message, "Content-Type");
		if (type != null && type.trim().toLowerCase(Locale.ROOT).startsWith("multipart/report")) {
			return "Content-Type: multipart/report";
		}
		String returnPath = header(message, "Return-Path");
		if (returnPath != null && returnPath.trim().equals("<>")) {
			return "Return-Path: <>";
		}
		String local = sender.contains("@") ? sender.substring(0, sender.indexOf('@')) : sender;
		if (local.equals("mailer-daemon") || local.equals("postmaster")) {
			return "From: " + sender;
		}
		return null;
	}

	/** The From address, lower case; a From header that is not a valid address is kept as written. */
	private static String sender(MimeMessage message) {
		Address[] from;
		try {
			from = message.getFrom();
		}
		catch (MessagingException ex) {
			return String.valueOf(header(message, "From")).trim().toLowerCase(Locale.ROOT);
		}
		if (from == null || from.length == 0) {
			return "";
		}
		return from[0] instanceof InternetAddress address && address.getAddress() != null
				? address.getAddress().toLowerCase(Locale.ROOT) : from[0].toString().toLowerCase(Locale.ROOT);
	}

	/** A header as written, or {@code null}; a header that cannot be read is as good as absent. */
	private static String header(MimeMessage message, String name) {
		try {
			return message.getHeader(name, ",");
		}
		catch (MessagingException | RuntimeException ex) {
			return null;
		}
	}

	/** A header with its RFC 2047 encoded words decoded, in NFC; as written where they cannot be decoded. */
	private static String decoded(String header) {
		if (header == null) {
			return null;
		}
		try {
			return VietnameseText.nfc(MimeUtility.decodeText(MimeUtility.unfold(header)));
		}
		catch (UnsupportedEncodingException | RuntimeException ex) {
			return VietnameseText.nfc(header);
		}
	}

	/** The bytes after the header block, which do not change when a server adds a Received line. */
	private static byte[] body(byte[] raw) {
		int blank = blankLine(raw);
		return blank < 0 ? raw : Arrays.copyOfRange(raw, blank, raw.length);
	}

	/** Whether anything follows the header block: a message fetched as its header alone has nothing after it. */
	static boolean hasBody(byte[] raw) {
		int blank = blankLine(raw);
		return blank >= 0 && blank + (raw[blank] == '\r' ? 2 : 1) < raw.length;
	}

	/** Where the blank line that ends the header block starts, or -1 when there is none. */
	private static int blankLine(byte[] raw) {
		for (int i = 0; i + 1 < raw.length; i++) {
			if (raw[i] == '\n' && (raw[i + 1] == '\n' || (raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n'))) {
				return i + 1;
			}
		}
		return -1;
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
		return "mail " + (this.messageId != null ? this.messageId : this.submissionId.value()) + " from " + this.sender + " (" + this.ref + ")";
	}
}
