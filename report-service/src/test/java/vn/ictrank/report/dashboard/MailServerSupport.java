package vn.ictrank.report.dashboard;

import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The report service with an SMTP server (GreenMail) for its letters to agencies, which tests read from each agency's inbox. */
@TestPropertySource(properties = { "ictrank.report.replies.poll-interval=200ms", "ictrank.report.replies.max-backoff=1s",
		"ictrank.report.replies.claim-timeout=20s" })
abstract class MailServerSupport extends ReportTestSupport {

	static GreenMail smtp;

	static int smtpPort;

	@BeforeAll
	static void startMailServer() {
		smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
		smtp.start();
		smtpPort = smtp.getSmtp().getPort();
	}

	@AfterAll
	static void stopMailServer() {
		smtp.stop();
	}

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtpPort);
	}

	/** The text of a letter as the agency reads it, with the line ends SMTP gave it made plain again. */
	static String text(MimeMessage letter) throws Exception {
		return ((String) letter.getContent()).replace("\r\n", "\n");
	}

	static List<MimeMessage> inbox(String address) {
		return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
			try {
				Address[] to = m.getAllRecipients();
				return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(address));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}
}
