package vn.ictrank.ingest.mail;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

import vn.ictrank.ingest.extraction.Forms;
import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.FormExtracted;
import vn.ictrank.model.event.SubmissionId;
import vn.ictrank.model.event.SubmissionReceived;
import vn.ictrank.model.event.SubmissionRejected;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hostile corpus ({@link HostileMails}) sent through the mail server to the running ingest,
 * one mail at a time with a good form after every few: each ends as an explained status, no
 * absurd figure gets into an event, every good form is read, and the reader is still up at the
 * end. It prints the slowest mails and the largest heap growth one mail caused.
 */
@SpringBootTest(properties = { "ictrank.ingest.mail.max-attempts=2", "ictrank.ingest.mail.safety-poll=1s" })
@EmbeddedKafka(partitions = 1, topics = { Topics.SUBMISSIONS, Topics.FORMS })
class HostileMailIntegrationTest extends MailboxTestSupport {

	private static final int GOOD_FORM_EVERY = 6;

	@Autowired
	MailboxReader reader;

	@Test
	void everyHostileMailEndsWithAnExplainedStatusAndTheGoodFormsBetweenThemAreRead() throws Exception {
		List<Agency> departments = Forms.CAMPAIGN.agencies(AgencyGroup.DEPARTMENT);
		List<HostileMails.Hostile> corpus = HostileMails.all(departments.stream().map(a -> a.emails().get(0)).toList());
		assertThat(corpus).hasSizeGreaterThanOrEqualTo(100);
		List<Measured> measured = new ArrayList<>();
		List<String> refusedBySmtp = new ArrayList<>();
		Set<SubmissionId> known = new HashSet<>();
		int good = 0;
		for (int i = 0; i < corpus.size(); i++) {
			HostileMails.Hostile hostile = corpus.get(i);
			resetHeapPeaks();
			long heapBefore = heapUsed();
			long allocatedBefore = intakeAllocation();
			long sent = System.nanoTime();
			try {
				this.mails.sendRaw(hostile.raw());
			}
			catch (jakarta.mail.MessagingException ex) {
				refusedBySmtp.add(hostile.name() + ": " + ex.getMessage());
				continue;
			}
			Outcome outcome = awaitOutcome(known);
			measured.add(new Measured(hostile, outcome, Duration.ofNanos(this.arrivedAt.get(outcome.event().eventId()) - sent),
					heapPeak() - heapBefore, intakeAllocation() - allocatedBefore));
			if (i % GOOD_FORM_EVERY == GOOD_FORM_EVERY - 1) {
				Agency agency = departments.get(good++ % departments.size());
				this.mails.send(this.mails.message(agency.emails().get(0), MAILBOX, "Phiếu tốt " + good,
						Forms.filled(agency, Forms.figures(AgencyGroup.DEPARTMENT, good))));
				Outcome read = awaitOutcome(known);
				assertThat(read.event().payload()).as("good form %d, sent after %s", good, hostile.name()).isInstanceOf(FormExtracted.class);
			}
		}

		report(measured, refusedBySmtp);
		assertThat(measured).hasSizeGreaterThanOrEqualTo(100);
		assertThat(measured).allSatisfy(m -> {
			if (m.outcome().event().payload() instanceof SubmissionRejected rejected) {
				assertThat(rejected.message()).as(m.hostile().name()).isNotBlank();
				assertThat(Normalizer.isNormalized(rejected.message(), Normalizer.Form.NFC)).as(m.hostile().name()).isTrue();
			}
			else {
				FormExtracted form = (FormExtracted) m.outcome().event().payload();
				assertThat(form.values().values()).as(m.hostile().name()).allSatisfy(v -> {
					assertThat(v.value().abs()).isLessThan(new BigDecimal("1e15"));
					assertThat(v.value().scale()).isLessThanOrEqualTo(10);
				});
			}
		});
		assertThat(measured).filteredOn(m -> m.hostile().category().equals("absurd-numbers"))
			.filteredOn(m -> m.outcome().event().payload() instanceof SubmissionRejected)
			.isNotEmpty();
		assertThat(this.reader.health().getStatus().getCode()).isEqualTo("UP");
	}

	/** The outcome of the next mail read: its rejection, or its form. */
	private Outcome awaitOutcome(Set<SubmissionId> known) {
		return await().atMost(Duration.ofSeconds(60)).until(() -> {
			for (EventEnvelope received : this.seen) {
				if (received.payload() instanceof SubmissionReceived && !known.contains(received.submissionId())) {
					Optional<EventEnvelope> result = this.seen.stream()
						.filter(e -> e.submissionId().equals(received.submissionId()))
						.filter(e -> e.payload() instanceof SubmissionRejected || e.payload() instanceof FormExtracted)
						.findFirst();
					if (result.isPresent()) {
						known.add(received.submissionId());
						return Optional.of(new Outcome(received, result.get()));
					}
				}
			}
			return Optional.<Outcome>empty();
		}, Optional::isPresent).orElseThrow();
	}

	private static void report(List<Measured> measured, List<String> refusedBySmtp) {
		System.out.printf("%nHostile corpus: %d mails read, %d refused by the mail server%n", measured.size(), refusedBySmtp.size());
		refusedBySmtp.forEach(r -> System.out.println("  refused by SMTP: " + r));
		System.out.println("Slowest to an explained status:");
		measured.stream().sorted(Comparator.comparing(Measured::took).reversed()).limit(5)
			.forEach(m -> System.out.printf("  %6d ms  %s%n", m.took().toMillis(), m.describe()));
		System.out.println("Most memory the intake threads (mailbox reader, attachment readers) allocated for one mail:");
		measured.stream().sorted(Comparator.comparingLong(Measured::intakeAllocated).reversed()).limit(5)
			.forEach(m -> System.out.printf("  %6d MB  %s%n", m.intakeAllocated() >> 20, m.describe()));
		System.out.println("Largest growth of the whole test JVM's heap while one mail was read (mail server and broker included):");
		measured.stream().sorted(Comparator.comparingLong(Measured::heapGrowth).reversed()).limit(5)
			.forEach(m -> System.out.printf("  %6d MB  %s%n", m.heapGrowth() >> 20, m.describe()));
	}

	/** Bytes allocated so far by the threads that read mail and attachments, the ones a hostile mail can make work. */
	private static long intakeAllocation() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		return Thread.getAllStackTraces().keySet().stream()
			.filter(t -> t.getName().equals("mailbox-reader") || t.getName().equals("attachment-reader"))
			.mapToLong(t -> Math.max(0, threads.getThreadAllocatedBytes(t.getId())))
			.sum();
	}

	private static List<MemoryPoolMXBean> heapPools() {
		return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
	}

	private static void resetHeapPeaks() {
		heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	private static long heapUsed() {
		return heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum();
	}

	private static long heapPeak() {
		return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
	}

	record Outcome(EventEnvelope received, EventEnvelope event) {
	}

	record Measured(HostileMails.Hostile hostile, Outcome outcome, Duration took, long heapGrowth, long intakeAllocated) {

		String describe() {
			String status = this.outcome.event().payload() instanceof SubmissionRejected r ? r.reason().name() : "FORM_EXTRACTED";
			return this.hostile.name() + " (" + this.hostile.raw().length / 1024 + " KB): " + status;
		}
	}
}
