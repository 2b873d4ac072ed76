package vn.ictrank.ingest.mail;

import java.time.Duration;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

import vn.ictrank.ingest.extraction.Forms;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.event.FormExtracted;
import vn.ictrank.model.event.SubmissionRejected;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where the server keeps no keywords (Exchange, Office 365), processed mail is moved to a folder
 * of its own instead of being flagged, so a flag staff set by hand hides nothing.
 */
@SpringBootTest(properties = "ictrank.ingest.mail.marking=folder")
@EmbeddedKafka(partitions = 1, topics = { Topics.SUBMISSIONS, Topics.FORMS })
class MailboxFolderMarkingIntegrationTest extends MailboxTestSupport {

	@Autowired
	MailboxReader reader;

	@Test
	void movesEachProcessedMailToTheProcessedFolderAndReadsAMailStaffFlagged() throws Exception {
		this.mails.send(this.mails.message("sokhoahocvacongnghe@thanhhoa.gov.vn", MAILBOX, "Phiếu Sở Khoa học và Công nghệ",
				Forms.filled(Forms.CAMPAIGN.agency("so-khoa-hoc-va-cong-nghe").orElseThrow(), Forms.figures(AgencyGroup.DEPARTMENT, 9))));
		this.mails.send(this.mails.message("sotuphap@thanhhoa.gov.vn", MAILBOX, "Sở Tư pháp quên đính kèm"));

		awaitEvent(FormExtracted.class, e -> "so-khoa-hoc-va-cong-nghe".equals(e.agencyId()));
		awaitEvent(SubmissionRejected.class, e -> "so-tu-phap".equals(e.agencyId()));

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(messagesIn("INBOX")).isZero();
			assertThat(messagesIn("Đã xử lý")).isEqualTo(2);
		});
	}

	@Test
	void healthGoesDownOnceTheReaderHasStopped() {
		assertThat(this.reader.health().getStatus().getCode()).isEqualTo("UP");

		this.reader.stop();

		assertThat(this.reader.health().getStatus().getCode()).isEqualTo("DOWN");
		this.reader.start();
		assertThat(this.reader.health().getStatus().getCode()).isEqualTo("UP");
	}

	private static int messagesIn(String folderName) throws Exception {
		Properties props = new Properties();
		Store store = Session.getInstance(props).getStore("imap");
		store.connect("127.0.0.1", greenMail.getImap().getPort(), MAILBOX, PASSWORD);
		try {
			Folder folder = store.getFolder(folderName);
			return folder.exists() ? folder.getMessageCount() : 0;
		}
		finally {
			store.close();
		}
	}
}
