package vn.ictrank.ingest.mail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
import static org.awaitility.Awaitility.await;

/** New mail is read as soon as it arrives while IDLE works, not at the next re-issue of IDLE. */
@SpringBootTest
@EmbeddedKafka(partitions = 1, topics = { Topics.SUBMISSIONS, Topics.FORMS })
class MailPickupIntegrationTest extends MailboxTestSupport {

	@Test
	void readsEachMailWithinASecondWhenMailsArriveAtRandomWhileOthersAreBeingMarked() throws Exception {
		Random random = new Random(2026);
		Map<Agency, Long> sentAt = new ConcurrentHashMap<>();
		List<Agency> senders = Forms.CAMPAIGN.agencies(AgencyGroup.DEPARTMENT).subList(0, 16);
		// The pace agencies keep on deadline day: some mails back to back, some a second apart.
		ScheduledExecutorService agencies = Executors.newSingleThreadScheduledExecutor();
		long at = 0;
		for (Agency agency : senders) {
			var message = this.mails.message(agency.emails().get(0), MAILBOX, "Phiếu " + agency.name(),
					Forms.filled(agency, Forms.figures(AgencyGroup.DEPARTMENT, agency.id().hashCode())));
			agencies.schedule(() -> {
				this.mails.send(message);
				sentAt.put(agency, System.nanoTime());
				return null;
			}, at, TimeUnit.MILLISECONDS);
			at += random.nextInt(1200);
		}
		agencies.shutdown();
		await().atMost(Duration.ofSeconds(60)).until(() -> sentAt.size() == senders.size());

		long slowest = 0;
		for (var sent : sentAt.entrySet()) {
			EventEnvelope received = awaitEnvelope(SubmissionReceived.class, e -> sent.getKey().id().equals(e.agencyId()));
			slowest = Math.max(slowest, this.arrivedAt.get(received.eventId()) - sent.getValue());
		}
		System.out.printf("Slowest pickup of %d mails: %d ms%n", sentAt.size(), Duration.ofNanos(slowest).toMillis());
		assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofSeconds(1));
	}
}
