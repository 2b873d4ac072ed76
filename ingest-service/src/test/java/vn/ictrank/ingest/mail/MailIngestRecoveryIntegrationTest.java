package vn.ictrank.ingest.mail;

import java.time.Duration;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

import vn.ictrank.ingest.extraction.Forms;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.event.FormExtracted;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A message that could not be archived stays unmarked in the mailbox and is taken again once the database is back. */
@SpringBootTest(properties = "ictrank.ingest.mail.reconnect-delay=300ms")
@EmbeddedKafka(partitions = 1, topics = { Topics.SUBMISSIONS, Topics.FORMS })
class MailIngestRecoveryIntegrationTest extends MailboxTestSupport {

	@Autowired
	MailboxReader reader;

	@Test
	void leavesTheMessageUnmarkedWhileTheArchiveIsDownAndTakesItOnceItIsBack() throws Exception {
		var address = mongo.getLocalAddress();
		mongo.shutdownNow();
		this.mails.send(this.mails.message("soyte@thanhhoa.gov.vn", MAILBOX, "Phiếu Sở Y tế",
				Forms.filled(Forms.CAMPAIGN.agency("so-y-te").orElseThrow(), Forms.figures(AgencyGroup.DEPARTMENT, 6))));

		await().atMost(Duration.ofSeconds(30)).until(() -> this.reader.health().getDetails().containsKey("lastProblem"));
		assertThat(stored("Phiếu Sở Y tế").getFlags().contains("ictrank-archived")).isFalse();

		mongo = new MongoServer(new MemoryBackend());
		mongo.bind(address.getHostString(), address.getPort());

		awaitEvent(FormExtracted.class, e -> "so-y-te".equals(e.agencyId()));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(stored("Phiếu Sở Y tế").getFlags().contains("ictrank-archived")).isTrue());
		assertThat(this.seen).filteredOn(e -> e.payload() instanceof FormExtracted).hasSize(1);
	}
}
