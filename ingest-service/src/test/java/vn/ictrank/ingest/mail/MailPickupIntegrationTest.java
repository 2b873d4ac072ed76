package vn.ictrank.ingest.mail;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

import vn.ictrank.ingest.extraction.Forms;
import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.SubmissionReceived;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/** New mail is read as soon as it arrives while IDLE works, not at the next re-issue of IDLE. */
@SpringBootTest
@EmbeddedKafka(partitions = 1, topics = { Topics.SUBMISSIONS, Topics.FORMS })
class MailPickupIntegrationTest extends MailboxTestSupport {

	@Test
	void readsEachMailWithinASecondWhenMailsArriveAtRandomWhileOthersAreBeingMarked() throws Exception {
		Random random = new Random(2026);
		Map<Agency, Long> sentAt = new LinkedHashMap<>();
		List<Agency> senders = Forms.CAMPAIGN.agencies(AgencyGroup.DEPARTMENT).subList(0, 16);
		for (Agency agency : senders) {
			var message = this.mails.message(agency.emails().get(0), MAILBOX, "Phiếu " + agency.name(),
					Forms.filled(agency, Forms.figures(AgencyGroup.DEPARTMENT, agency.id().hashCode())));
			this.mails.send(message);
			sentAt.put(agency, System.nanoTime());
			// The pace agencies keep on deadline day: some mails back to back, some a second apart.
			Thread.sleep(random.nextInt(1200));
		}

		long slowest = 0;
		for (var sent : sentAt.entrySet()) {
			EventEnvelope received = awaitEnvelope(SubmissionReceived.class, e -> sent.getKey().id().equals(e.agencyId()));
			slowest = Math.max(slowest, this.arrivedAt.get(received.eventId()) - sent.getValue());
		}
		System.out.printf("Slowest pickup of %d mails: %d ms%n", sentAt.size(), Duration.ofNanos(slowest).toMillis());
		assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofSeconds(1));
	}
}
