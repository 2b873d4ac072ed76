package vn.ictrank.ingest.extraction;

import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import vn.ictrank.model.text.VietnameseText;

/**
 * The files a message carries, as agencies' mail programs attach them: with or without a
 * Content-Disposition or a name, inside forwarded messages, or as the whole body of a single-part
 * message. A file is never read beyond the attachment limit; a larger one keeps only its size.
 */
public final class MailParts {

	/** Agencies do not nest mail deeper; a message that does is built to exhaust the reader. */
	private static final int MAX_DEPTH = 20;

	/** Text bodies are the letter, not an attachment, unless a name says they are a file. */
	private static final List<String> LETTER_TYPES = List.of("text/plain", "text/html", "text/enriched", "text/calendar");

	/** Characters that reorder or hide text (RLO turns "Mau01‮xslx.exe" into "Mau01exe.xlsx"), and controls. */
	private static final Pattern HIDDEN = Pattern.compile("[\\p{Cc}\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069\\u061C\\uFEFF]");

	private static final int MAX_NAME = 200;

	private final long maxAttachmentBytes;

	public MailParts(long maxAttachmentBytes) {
		this.maxAttachmentBytes = maxAttachmentBytes;
	}

	/**
	 * Every attached file, forwarded messages included, in message order.
	 * @throws MessagingException or {@link IOException} for a message whose MIME structure cannot be read
	 */
	public List<Attachment> of(MimeMessage message) throws MessagingException, IOException {
		List<Attachment> files = new ArrayList<>();
		collect(message, files, 0, true);
		return files;
	}

	private void collect(Part part, List<Attachment> into, int depth, boolean top) throws MessagingException, IOException {
		if (depth > MAX_DEPTH) {
			throw new MessagingException("MIME parts nested deeper than " + MAX_DEPTH);
		}
		if (part.isMimeType("multipart/*")) {
			if (part.getContent() instanceof Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					collect(multipart.getBodyPart(i), into, depth + 1, false);
				}
			}
			return;
		}
		if (part.isMimeType("message/rfc822") && part.getContent() instanceof Part forwarded) {
			collect(forwarded, into, depth + 1, true);
			return;
		}
		String fileName = fileName(part);
		boolean letter = false;
		for (String type : LETTER_TYPES) {
			letter |= part.isMimeType(type);
		}
		boolean attached = fileName != null || Part.ATTACHMENT.equalsIgnoreCase(disposition(part)) || !letter;
		if (!attached || (letter && top && fileName == null)) {
			return;
		}
		String name = fileName == null ? "tệp đính kèm " + (into.size() + 1) : displayName(fileName);
		into.add(read(part, name));
	}

	private Attachment read(Part part, String name) throws MessagingException, IOException {
		String type = contentType(part);
		long encoded = part.getSize();
		// Base64 with a line break every 76 characters carries 57 bytes in 78: a part whose text is half
		// again as long as the limit is too large before it is decoded, whatever its lines. Nearer the
		// limit only decoding tells, and the read below stops one byte past it.
		if (encoded > 0 && "base64".equalsIgnoreCase(part instanceof jakarta.mail.internet.MimePart mime ? mime.getEncoding() : null)
				&& encoded / 2 > this.maxAttachmentBytes + 4096) {
			return new Attachment(name, type, new byte[0], decodedEstimate(encoded));
		}
		try (InputStream in = part.getInputStream()) {
			byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxAttachmentBytes + 1));
			if (bytes.length > this.maxAttachmentBytes) {
				return new Attachment(name, type, new byte[0], Math.max(decodedEstimate(encoded), bytes.length));
			}
			return new Attachment(name, type, bytes);
		}
	}

	/** About how many bytes a base64 part of this many characters carries. */
	private static long decodedEstimate(long encoded) {
		return encoded * 57 / 78;
	}

	/**
	 * A name as it may be shown: encoded words decoded, in NFC, without the characters that would
	 * make it show as something else. The original stays in the archived message.
	 */
	public static String displayName(String name) {
		String decoded;
		try {
			decoded = name.contains("=?") ? MimeUtility.decodeText(name) : name;
		}
		catch (UnsupportedEncodingException | RuntimeException ex) {
			decoded = name;
		}
		String visible = HIDDEN.matcher(Normalizer.normalize(decoded, Normalizer.Form.NFC)).replaceAll("").strip();
		if (visible.isEmpty()) {
			return "(tệp không tên)";
		}
		return VietnameseText.nfc(visible.length() <= MAX_NAME ? visible : visible.substring(0, MAX_NAME - 1) + "…");
	}

	private static String fileName(Part part) {
		try {
			String name = part.getFileName();
			return name == null || name.isBlank() ? null : name;
		}
		catch (MessagingException | RuntimeException ex) {
			return "(tên tệp không đọc được)";
		}
	}

	private static String disposition(Part part) {
		try {
			return part.getDisposition();
		}
		catch (MessagingException | RuntimeException ex) {
			return null;
		}
	}

	private static String contentType(Part part) {
		try {
			String type = part.getContentType();
			return type == null ? "application/octet-stream" : type.toLowerCase(Locale.ROOT);
		}
		catch (MessagingException | RuntimeException ex) {
			return "application/octet-stream";
		}
	}
}
