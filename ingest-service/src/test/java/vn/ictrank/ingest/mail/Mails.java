package vn.ictrank.ingest.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Base64;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import vn.ictrank.ingest.extraction.Attachment;

/** Messages as agencies send them, delivered over real SMTP. */
final class Mails {

	private final Session session;

	Mails(int smtpPort) {
		Properties props = new Properties();
		props.setProperty("mail.smtp.host", "127.0.0.1");
		props.setProperty("mail.smtp.port", String.valueOf(smtpPort));
		this.session = Session.getInstance(props);
	}

	MimeMessage message(String from, String to, String subject, Attachment... attachments) throws MessagingException {
		List<MimeBodyPart> parts = new ArrayList<>();
		for (Attachment attachment : attachments) {
			MimeBodyPart part = new MimeBodyPart();
			part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.bytes(), attachment.contentType())));
			part.setFileName(attachment.fileName());
			parts.add(part);
		}
		return withText(from, to, subject, "Kính gửi Sở Thông tin và Truyền thông, đơn vị gửi phiếu tự đánh giá.", parts);
	}

	/** A message forwarding {@code original} as an attachment, the way mail clients forward. */
	MimeMessage forwarding(String from, String to, String subject, MimeMessage original) throws MessagingException {
		MimeBodyPart forwarded = new MimeBodyPart();
		forwarded.setContent(original, "message/rfc822");
		return withText(from, to, subject, "Chuyển tiếp phiếu của đơn vị.", List.of(forwarded));
	}

	private MimeMessage withText(String from, String to, String subject, String text, List<MimeBodyPart> parts)
			throws MessagingException {
		MimeMessage message = new MimeMessage(this.session);
		message.setFrom(new InternetAddress(from));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
		message.setSubject(subject, "UTF-8");
		MimeMultipart body = new MimeMultipart();
		MimeBodyPart textPart = new MimeBodyPart();
		textPart.setText(text, "UTF-8");
		body.addBodyPart(textPart);
		for (MimeBodyPart part : parts) {
			body.addBodyPart(part);
		}
		message.setContent(body);
		return message;
	}

	/** The file name written the way some clients still write it: an RFC 2047 encoded word inside the parameter. */
	static void encodeFileNameAsEncodedWord(MimeMessage message, int partIndex) throws Exception {
		MimeBodyPart part = (MimeBodyPart) ((MimeMultipart) message.getContent()).getBodyPart(partIndex);
		String word = "=?UTF-8?B?" + Base64.getEncoder().encodeToString(part.getFileName().getBytes(StandardCharsets.UTF_8)) + "?=";
		part.setHeader("Content-Disposition", "attachment; filename=\"" + word + "\"");
		part.setHeader("Content-Type", part.getDataHandler().getContentType() + "; name=\"" + word + "\"");
	}

	/** Some mailers send no Message-ID; the server does not add one either. */
	void sendWithoutMessageId(MimeMessage message) throws MessagingException {
		message.saveChanges();
		message.removeHeader("Message-ID");
		try (Transport transport = this.session.getTransport("smtp")) {
			transport.connect();
			transport.sendMessage(message, message.getAllRecipients());
		}
	}

	/** Sends with the Message-ID given, however odd, instead of a fresh one. */
	void sendWithMessageId(MimeMessage message, String messageId) throws MessagingException {
		message.saveChanges();
		message.setHeader("Message-ID", messageId);
		try (Transport transport = this.session.getTransport("smtp")) {
			transport.connect();
			transport.sendMessage(message, message.getAllRecipients());
		}
	}

	/** A message exactly as written, however malformed. */
	void sendRaw(String raw) throws MessagingException {
		sendRaw(raw.getBytes(StandardCharsets.UTF_8));
	}

	void sendRaw(byte[] raw) throws MessagingException {
		// The envelope sender is set apart, so that a From header that is no address still reaches the mailbox.
		org.eclipse.angus.mail.smtp.SMTPMessage message = new org.eclipse.angus.mail.smtp.SMTPMessage(this.session,
				new java.io.ByteArrayInputStream(raw));
		message.setEnvelopeFrom("buudien@thanhhoa.gov.vn");
		try (Transport transport = this.session.getTransport("smtp")) {
			transport.connect();
			transport.sendMessage(message, message.getAllRecipients());
		}
	}

	void send(MimeMessage message) throws MessagingException {
		message.saveChanges();
		Transport.send(message);
	}
}
