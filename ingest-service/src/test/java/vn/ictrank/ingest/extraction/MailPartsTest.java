package vn.ictrank.ingest.extraction;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Properties;
import java.util.Random;

import jakarta.activation.DataHandler;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MailPartsTest {

	private static final int LIMIT = 1024 * 1024;

	private static final Session SESSION = Session.getInstance(new Properties());

	@Test
	void takesAnAttachmentJustUnderTheLimitThoughItsBase64LinesMakeItLookLarger() throws Exception {
		byte[] file = random(LIMIT - 1024);

		List<Attachment> attachments = new MailParts(LIMIT).of(sentWith(file));

		assertThat(attachments).singleElement().satisfies(a -> {
			assertThat(a.oversized()).isFalse();
			assertThat(a.bytes()).isEqualTo(file);
		});
	}

	@Test
	void refusesAnAttachmentJustOverTheLimitAndSaysHowLargeItIs() throws Exception {
		List<Attachment> attachments = new MailParts(LIMIT).of(sentWith(random(LIMIT + 1024)));

		assertThat(attachments).singleElement().satisfies(a -> {
			assertThat(a.oversized()).isTrue();
			assertThat(a.size()).isBetween((long) LIMIT, LIMIT + 64 * 1024L);
		});
	}

	/** The message as it arrives: encoded by a mail client (base64, a line break every 76 characters) and read back. */
	private static MimeMessage sentWith(byte[] file) throws Exception {
		MimeMessage message = new MimeMessage(SESSION);
		message.setSubject("Phiếu tự đánh giá", "UTF-8");
		MimeMultipart body = new MimeMultipart();
		MimeBodyPart text = new MimeBodyPart();
		text.setText("Kính gửi Sở", "UTF-8");
		body.addBodyPart(text);
		MimeBodyPart part = new MimeBodyPart();
		part.setDataHandler(new DataHandler(new ByteArrayDataSource(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")));
		part.setFileName("Mẫu 01.xlsx");
		body.addBodyPart(part);
		message.setContent(body);
		message.saveChanges();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		message.writeTo(out);
		return new MimeMessage(SESSION, new ByteArrayInputStream(out.toByteArray()));
	}

	private static byte[] random(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}
}
