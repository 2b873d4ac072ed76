package vn.ictrank.scoring.scoring;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.FormExtracted;
import vn.ictrank.model.event.Topics;
import vn.ictrank.support.TopicReader;

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

	/** The reader neither commits nor has a group's partitions: it reads every one itself. */
	private static final Properties READING = new Properties();

	static {
		READING.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		READING.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
	}

	private final CampaignCatalog catalog;

	/**
	 * The form that counts of each agency, by campaign and agency. Every campaign's, not only those
	 * some campaign's checks compare with now: staff may define next year's campaign on the
	 * dashboard while scoring runs.
	 */
	private final Map<String, Map<String, Kept>> forms = new ConcurrentHashMap<>();

	private final TopicReader<EventEnvelope> reader;

	LastYearForms(CampaignCatalog catalog, ConsumerFactory<String, EventEnvelope> consumers) {
		this.catalog = catalog;
		this.reader = new TopicReader<>(Topics.FORMS, () -> consumers.createConsumer("ictrank-scoring-last-year", null, "-last-year", READING),
				record -> take(record.value()), Duration.ofSeconds(30));
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
		this.reader.awaitRead(upTo, timeout);
	}

	/** Whether the forms topic has been read up to where it ended when reading started. */
	boolean caughtUp() {
		return this.reader.caughtUp();
	}

	@Override
	public void start() {
		this.reader.start();
	}

	@Override
	public void stop() {
		this.reader.stop();
	}

	@Override
	public boolean isRunning() {
		return this.reader.isRunning();
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
