package vn.ictrank.scoring.scoring;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.FormExtracted;
import vn.ictrank.model.event.Topics;

/**
 * Each agency's form in the campaigns that came before another of the same province, for the data
 * checks that compare a form with last year's ({@code last_year}). It reads the whole forms topic
 * with a consumer of its own, outside the scoring group: a group's partition and its previous
 * campaign's may belong to different scoring instances. Scoring waits until it has read the topic
 * up to where it ended when the reader started, and each partition scoring reads up to where
 * scoring has got, so that a check's verdict never depends on how far the reader had got. Only a
 * form of last year's campaign that another instance took in after this one started may count
 * from the next scoring of the group on.
 */
@Component
class LastYearForms implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LastYearForms.class);

	private final CampaignCatalog catalog;

	private final ConsumerFactory<String, EventEnvelope> consumers;

	/**
	 * The form that counts of each agency, by campaign and agency. Every campaign's, not only those
	 * some campaign's checks compare with now: staff may define next year's campaign on the
	 * dashboard while scoring runs.
	 */
	private final Map<String, Map<String, Kept>> forms = new ConcurrentHashMap<>();

	/** Whether every partition was read up to where it ended when reading started; guarded by {@link #read}. */
	private boolean caughtUp;

	/** The next offset to read of each partition; also the monitor scoring waits on. */
	private final Map<Integer, Long> read = new HashMap<>();

	private volatile boolean running;

	private volatile Consumer<String, EventEnvelope> consumer;

	private Thread reader;

	LastYearForms(CampaignCatalog catalog, ConsumerFactory<String, EventEnvelope> consumers) {
		this.catalog = catalog;
		this.consumers = consumers;
	}

	/** A form and whether it came after its campaign's deadline: an on-time form counts before any late one. */
	private record Kept(Instant receivedAt, String submissionId, boolean late, Map<String, BigDecimal> values) {

		boolean countsBefore(Kept other) {
			if (this.late != other.late) {
				return !this.late;
			}
			int byTime = this.receivedAt.compareTo(other.receivedAt);
			return byTime != 0 ? byTime > 0 : this.submissionId.compareTo(other.submissionId) >= 0;
		}
	}

	/**
	 * What the agency {@code agencyId} of {@code campaign} reported in the previous campaign of its
	 * province, read on that campaign's criteria; nothing when it sent no form then.
	 */
	GroupScorer.LastYear of(Campaign campaign, String agencyId) {
		Optional<Campaign> previous = this.catalog.previous(campaign);
		Optional<Agency> then = previous.flatMap(p -> campaign.agency(agencyId).flatMap(p::sameAgencyAs));
		if (then.isEmpty()) {
			return GroupScorer.LastYear.NONE;
		}
		Kept kept = this.forms.getOrDefault(previous.get().id(), Map.of()).get(then.get().id());
		return kept == null ? GroupScorer.LastYear.NONE
				: GroupScorer.LastYear.of(previous.get().form(then.get().group()).criteria(), kept.values());
	}

	/**
	 * Waits until the forms topic has been read up to where it ended at the start, and each
	 * partition of {@code upTo} up to the offset given.
	 * @throws IllegalStateException when it has not within {@code timeout} (the broker unreachable):
	 *         scoring tries the batch again
	 */
	void awaitRead(Map<Integer, Long> upTo, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.read) {
			while (!this.caughtUp || !upTo.entrySet().stream().allMatch(e -> this.read.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new IllegalStateException("Last year's forms are still being read from " + Topics.FORMS);
				}
				this.read.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
			}
		}
	}

	private void markRead(Map<Integer, Long> positions, boolean all) {
		synchronized (this.read) {
			this.read.putAll(positions);
			this.caughtUp |= all;
			this.read.notifyAll();
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.reader = new Thread(this::read, "last-year-forms");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Consumer<String, EventEnvelope> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
		if (this.reader != null) {
			try {
				this.reader.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void read() {
		Properties props = new Properties();
		props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		while (this.running) {
			try (Consumer<String, EventEnvelope> reading = this.consumers.createConsumer("ictrank-scoring-last-year", null, "-last-year", props)) {
				this.consumer = reading;
				List<PartitionInfo> infos = reading.partitionsFor(Topics.FORMS, Duration.ofSeconds(30));
				List<TopicPartition> partitions = infos == null ? List.of()
						: infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
				if (partitions.isEmpty()) {
					// No form was ever sent: nothing to compare with yet.
					markRead(Map.of(), true);
					TimeUnit.SECONDS.sleep(5);
					continue;
				}
				reading.assign(partitions);
				reading.seekToBeginning(partitions);
				Map<TopicPartition, Long> end = new HashMap<>(reading.endOffsets(partitions, Duration.ofSeconds(30)));
				while (this.running) {
					for (ConsumerRecord<String, EventEnvelope> record : reading.poll(Duration.ofSeconds(1))) {
						take(record.value());
					}
					Map<Integer, Long> positions = new HashMap<>();
					partitions.forEach(tp -> positions.put(tp.partition(), reading.position(tp)));
					end.keySet().removeIf(tp -> positions.get(tp.partition()) >= end.get(tp));
					markRead(positions, end.isEmpty());
				}
			}
			catch (WakeupException ex) {
				// Stopping.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Reading last year's forms failed, starting again: {}", ex.toString());
				try {
					TimeUnit.SECONDS.sleep(2);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private void take(EventEnvelope event) {
		// An unreadable record (null) is the scoring listener's to report.
		if (event == null || !(event.payload() instanceof FormExtracted form) || event.agencyId() == null) {
			return;
		}
		boolean late = this.catalog.find(event.campaignId()).map(c -> c.isLate(form.receivedAt())).orElse(false);
		Map<String, BigDecimal> values = new HashMap<>();
		form.values().forEach((id, v) -> values.put(id, v.value()));
		Kept candidate = new Kept(form.receivedAt(), event.submissionId().value(), late, java.util.Collections.unmodifiableMap(values));
		this.forms.computeIfAbsent(event.campaignId(), k -> new ConcurrentHashMap<>())
			.merge(event.agencyId(), candidate, (old, now) -> now.countsBefore(old) ? now : old);
	}
}
