package vn.ictrank.ingest.mail;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

import vn.ictrank.ingest.extraction.Forms;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.event.FormExtracted;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** For mail servers whose IDLE cannot be trusted, the mailbox is polled instead. */
@SpringBootTest(properties = { "ictrank.ingest.mail.mode=poll", "ictrank.ingest.mail.poll-interval=200ms" })
@EmbeddedKafka(partitions = 1, topics = { Topics.SUBMISSIONS, Topics.FORMS })
class MailPollingIntegrationTest extends MailboxTestSupport {

	@Test
	void takesAFormFromAPolledMailboxAndMarksIt() throws Exception {
		this.mails.send(this.mails.message("sotuphap@thanhhoa.gov.vn", MAILBOX, "Phiếu Sở Tư pháp (thăm dò)",
				Forms.filled(Forms.CAMPAIGN.agency("so-tu-phap").orElseThrow(), Forms.figures(AgencyGroup.DEPARTMENT, 12))));

		awaitEvent(FormExtracted.class, e -> "so-tu-phap".equals(e.agencyId()));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(stored("Phiếu Sở Tư pháp").getFlags().contains("ictrank-archived")).isTrue());
	}
}
