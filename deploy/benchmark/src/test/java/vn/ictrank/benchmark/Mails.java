package vn.ictrank.benchmark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

import vn.ictrank.forms.DemoFigures;
import vn.ictrank.forms.FormDocument;
import vn.ictrank.forms.FormWorkbook;
import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.Campaign;

/**
 * The mail agencies send, made once per agency and kinds of attachment, and sent over SMTP with a
 * token in the subject by which the dashboard's pushes are matched to it.
 */
final class Mails {

	enum Kind {
		/** One filled form, .xlsx. */
		FORM,
		/** The same form three ways: .xlsx, .xls and .docx, as a deadline-day mail often carries. */
		THREE_FORMS,
		/** The form with a scanned page pasted in, as large as an attachment may be. */
		LARGEST_FORM
	}

	private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private final Campaign campaign;

	private final Session session;

	private final Map<String, List<Part>> made = new HashMap<>();

	record Part(String name, String type, byte[] bytes) {
	}

	Mails(Campaign campaign, int smtpPort) {
		this.campaign = campaign;
		Properties props = new Properties();
		props.setProperty("mail.smtp.host", "127.0.0.1");
		props.setProperty("mail.smtp.port", String.valueOf(smtpPort));
		this.session = Session.getInstance(props);
	}

	Agency agency(int i) {
		List<Agency> agencies = this.campaign.agencies();
		return agencies.get(i % agencies.size());
	}

	/** The attachments of a mail of this kind from this agency, made once. */
	synchronized List<Part> parts(Agency agency, Kind kind, long largestSize) {
		return this.made.computeIfAbsent(agency.id() + "/" + kind, k -> {
			Map<String, Object> figures = DemoFigures.forAgency(this.campaign.form(agency.group()).criteria(), agency.id().hashCode());
			String xlsxName = FormWorkbook.fileName(this.campaign, agency.group(), agency);
			byte[] xlsx = FormWorkbook.filled(this.campaign, agency.group(), agency, figures);
			return switch (kind) {
				case FORM -> List.of(new Part(xlsxName, XLSX, xlsx));
				case THREE_FORMS -> List.of(new Part(xlsxName, XLSX, xlsx),
						new Part(xlsxName.replace(".xlsx", ".xls"), "application/vnd.ms-excel",
								FormWorkbook.filledXls(this.campaign, agency.group(), agency, figures)),
						new Part(FormDocument.fileName(this.campaign, agency.group(), agency),
								"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
								FormDocument.filled(this.campaign, agency.group(), agency, figures)));
				case LARGEST_FORM -> List.of(new Part(xlsxName, XLSX, FormWorkbook.withScannedPage(xlsx, largestSize)));
			};
		});
	}

	MimeMessage message(String token, Agency agency, List<Part> parts) throws MessagingException {
		String messageId = "<bench-" + token + "." + this.campaign.id() + "@ictrank.local>";
		MimeMessage message = new MimeMessage(this.session) {
			@Override
			protected void updateMessageID() throws MessagingException {
				setHeader("Message-ID", messageId);
			}
		};
		message.setFrom(new InternetAddress(agency.emails().get(0)));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(this.campaign.mailbox()));
		message.setSubject(agency.name() + ": Phiếu tự đánh giá [" + token + "]", "UTF-8");
		MimeMultipart body = new MimeMultipart();
		MimeBodyPart text = new MimeBodyPart();
		text.setText("Kính gửi Sở Thông tin và Truyền thông,\n\nĐơn vị gửi phiếu tự đánh giá kèm theo.\n", "UTF-8");
		body.addBodyPart(text);
		for (Part part : parts) {
			MimeBodyPart attachment = new MimeBodyPart();
			attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(part.bytes(), part.type())));
			attachment.setFileName(part.name());
			body.addBodyPart(attachment);
		}
		message.setContent(body);
		message.saveChanges();
		return message;
	}

	/** Sends; returns once the mail server has accepted the message. */
	void send(MimeMessage message) throws MessagingException {
		Transport.send(message);
	}
}
