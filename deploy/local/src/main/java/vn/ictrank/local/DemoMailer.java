package vn.ictrank.local;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import vn.ictrank.forms.FormWorkbook;
import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.Campaign;

/**
 * Sends the campaign mailbox what agencies send: filled forms as .xlsx attachments over SMTP,
 * and a few of the mistakes agencies make. Message-IDs are fixed per agency, so sending the demo
 * again after a restart adds nothing.
 */
final class DemoMailer {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private final Session session;

	private final Campaign campaign;

	DemoMailer(Campaign campaign, int smtpPort) {
		Properties props = new Properties();
		props.setProperty("mail.smtp.host", "127.0.0.1");
		props.setProperty("mail.smtp.port", String.valueOf(smtpPort));
		this.session = Session.getInstance(props);
		this.campaign = campaign;
	}

	/** About two thirds of the roster send a filled form; one agency forgets the attachment and one sends a broken file. */
	int sendDemo() throws MessagingException {
		List<Agency> agencies = this.campaign.agencies();
		List<Agency> sending = new ArrayList<>();
		for (int i = 0; i < agencies.size(); i++) {
			if (i % 3 != 2) {
				sending.add(agencies.get(i));
			}
		}
		for (Agency agency : sending) {
			Map<String, Object> figures = DemoFigures.forAgency(this.campaign.form(agency.group()).criteria(), agency.id().hashCode());
			send(message(agency, "demo-" + agency.id(), "Phiếu tự đánh giá mức độ ứng dụng CNTT năm " + this.campaign.year(),
					FormWorkbook.fileName(this.campaign, agency.group(), agency),
					FormWorkbook.filled(this.campaign, agency.group(), agency, figures)));
		}
		Agency forgetful = agencies.get(2);
		send(message(forgetful, "demo-no-attachment-" + forgetful.id(), "Gửi phiếu đánh giá CNTT", null, null));
		Agency broken = agencies.get(5);
		send(message(broken, "demo-broken-" + broken.id(), "Phiếu đánh giá (gửi lại)", "Phiếu " + broken.name() + ".xlsx",
				"PK\u0003\u0004 tệp bị cắt cụt".getBytes(StandardCharsets.UTF_8)));
		return sending.size() + 2;
	}

	/** A message from {@code agency} with an optional attachment; {@code messageKey} fixes its Message-ID. */
	MimeMessage message(Agency agency, String messageKey, String subject, String fileName, byte[] attachment) throws MessagingException {
		String messageId = "<" + messageKey + "." + this.campaign.id() + "@ictrank.local>";
		MimeMessage message = new MimeMessage(this.session) {
			@Override
			protected void updateMessageID() throws MessagingException {
				setHeader("Message-ID", messageId);
			}
		};
		message.setFrom(new InternetAddress(agency.emails().get(0), false));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(this.campaign.mailbox()));
		message.setSubject(agency.name() + ": " + subject, "UTF-8");
		MimeMultipart body = new MimeMultipart();
		MimeBodyPart text = new MimeBodyPart();
		text.setText("Kính gửi Sở Thông tin và Truyền thông,\n\n" + agency.name() + " gửi phiếu tự đánh giá kèm theo.\n", "UTF-8");
		body.addBodyPart(text);
		if (attachment != null) {
			MimeBodyPart part = new MimeBodyPart();
			part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment, XLSX)));
			part.setFileName(fileName);
			body.addBodyPart(part);
		}
		message.setContent(body);
		return message;
	}

	void send(MimeMessage message) throws MessagingException {
		message.saveChanges();
		Transport.send(message);
	}
}
