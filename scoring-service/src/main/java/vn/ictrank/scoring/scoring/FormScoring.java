package vn.ictrank.scoring.scoring;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.stereotype.Component;

import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.model.campaign.CriteriaSet;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.FiguresConfirmed;
import vn.ictrank.model.event.FormExtracted;
import vn.ictrank.model.event.SubmissionId;
import vn.ictrank.model.event.SubmissionRejected;
import vn.ictrank.model.event.SubmissionScored;
import vn.ictrank.model.event.Topics;
import vn.ictrank.support.CampaignStore;

/**
 * Keeps each group's current forms (the latest per agency) and scores the group again whenever
 * one of them changes; a form a newer one replaced is scored once, for information, so that no
 * form is left without a result. The forms topic is the state: on every assignment the partitions
 * are read from the beginning and the groups rebuilt. What was published before the stop is
 * not sent again when the campaign files and the scoring code are the same ({@link ScoringProgress});
 * otherwise every current form's result is published once the partition has caught up, so that
 * its revision is at least the one published before. Forms received after the deadline are
 * scored for information but never replace an agency's on-time form nor count towards the
 * group's best values.
 */
@Component
class FormScoring implements ConsumerSeekAware {

	private static final Logger log = LoggerFactory.getLogger(FormScoring.class);

	private final CampaignCatalog catalog;

	private final CampaignStore campaignStore;

	private final KafkaTemplate<String, EventEnvelope> kafka;

	private final Clock clock = Clock.systemUTC();

	private final Map<GroupKey, GroupState> groups = new HashMap<>();

	/** What was last published for a submission, to publish only changes. */
	private final Map<SubmissionId, Object> published = new HashMap<>();

	/**
	 * Where each partition's committed offset stood when it was assigned: the forms before it were
	 * scored and their results acknowledged before, so a form they replaced already had its one score.
	 */
	private final Map<Integer, Long> replayUntil = new HashMap<>();

	/**
	 * Groups rebuilt with campaign files or code other than those their results were published
	 * with, per partition, until it catches up: published before then, a result would carry a
	 * lower revision than the one consumers hold, and they would keep the old one.
	 */
	private final Map<Integer, Set<GroupKey>> rescoring = new HashMap<>();

	private final MeterRegistry meters;

	private final ScoringProgress progress;

	private final LastYearForms lastYear;

	/** The next offset of each partition this instance has read, that last year's forms must have been read up to. */
	private final Map<Integer, Long> seen = new HashMap<>();

	private final GroupsRebuilt readiness;

	FormScoring(CampaignCatalog catalog, KafkaTemplate<String, EventEnvelope> kafka, MeterRegistry meters, ScoringProgress progress,
			LastYearForms lastYear, CampaignStore campaignStore, GroupsRebuilt readiness) {
		this.readiness = readiness;
		this.catalog = catalog;
		this.campaignStore = campaignStore;
		this.kafka = kafka;
		this.meters = meters;
		this.progress = progress;
		this.lastYear = lastYear;
	}

	@Override
	public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
		Set<Integer> partitions = new HashSet<>();
		assignments.keySet().forEach(tp -> partitions.add(tp.partition()));
		this.groups.values().removeIf(g -> partitions.contains(g.partition));
		this.published.clear();
		partitions.forEach(this.rescoring::remove);
		assignments.forEach((partition, committed) -> this.replayUntil.put(partition.partition(), committed));
		this.readiness.assigned(assignments);
		callback.seekToBeginning(assignments.keySet());
	}

	/**
	 * Scores the groups whose forms changed. A record that could not be read stops the batch there:
	 * what came before it is scored and published, it goes to the dead-letter topic, and the records
	 * after it are delivered again, so it never holds up its partition.
	 */
	@KafkaListener(id = "formScoring", idIsGroup = false, topics = Topics.FORMS)
	void onForms(List<ConsumerRecord<String, EventEnvelope>> records) throws Exception {
		Set<GroupKey> changed = new LinkedHashSet<>();
		// Groups rebuilt from forms whose results were published before the last stop, with the same campaign files.
		Set<GroupKey> rebuilt = new LinkedHashSet<>();
		for (int i = 0; i < records.size(); i++) {
			ConsumerRecord<String, EventEnvelope> record = records.get(i);
			this.seen.merge(record.partition(), record.offset() + 1, Math::max);
			this.readiness.read(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
			EventEnvelope event = record.value();
			long until = this.replayUntil.getOrDefault(record.partition(), -1L);
			boolean replaying = record.offset() < until;
			boolean alreadyPublished = replaying && this.progress.alreadyPublished(record.partition());
			if (!alreadyPublished && !rebuilt.isEmpty()) {
				// Caught up: what the groups hold now is what was published; only what follows changes it.
				settle(rebuilt);
			}
			if (event == null) {
				settle(rebuilt);
				for (GroupKey key : changed) {
					publishGroup(key, this.groups.get(key));
				}
				String where = record.topic() + "-" + record.partition() + "@" + record.offset();
				// The cause says "never readable", so the error handler dead-letters it instead of retrying.
				throw new BatchListenerFailedException("Unreadable record " + where,
						new DeserializationException("Unreadable record " + where, new byte[0], false, null), i);
			}
			if (event.payload() instanceof FormExtracted form && event.agencyId() != null) {
				GroupKey key = new GroupKey(event.campaignId(), form.group());
				boolean late = this.catalog.find(event.campaignId()).map(c -> c.isLate(form.receivedAt())).orElse(false);
				GroupState state = this.groups.computeIfAbsent(key, k -> new GroupState(record.partition()));
				state.offer(new Current(event.agencyId(), event.submissionId(), event.eventId(), form), late, record.offset());
				if (replaying) {
					// Rebuilding: what this form replaced was given its score when the form first came.
					state.superseded.clear();
				}
				sortChange(key, record.partition(), replaying, alreadyPublished, changed, rebuilt);
			}
			else if (event.payload() instanceof FiguresConfirmed confirmed) {
				GroupKey key = new GroupKey(event.campaignId(), confirmed.group());
				GroupState state = this.groups.computeIfAbsent(key, k -> new GroupState(record.partition()));
				state.confirmed.computeIfAbsent(event.submissionId(), k -> new HashSet<>()).addAll(confirmed.checkIds());
				state.revision = Math.max(state.revision, record.offset());
				sortChange(key, record.partition(), replaying, alreadyPublished, changed, rebuilt);
			}
			if (record.offset() >= until - 1) {
				// The partition has caught up with where it stood: what waited for it is published with this batch.
				Set<GroupKey> waiting = this.rescoring.remove(record.partition());
				if (waiting != null) {
					changed.addAll(waiting);
				}
				this.progress.caughtUp(record.partition());
			}
		}
		settle(rebuilt);
		for (GroupKey key : changed) {
			publishGroup(key, this.groups.get(key));
		}
	}

	private void sortChange(GroupKey key, int partition, boolean replaying, boolean alreadyPublished, Set<GroupKey> changed,
			Set<GroupKey> rebuilt) {
		if (alreadyPublished) {
			rebuilt.add(key);
		}
		else if (replaying) {
			this.rescoring.computeIfAbsent(partition, p -> new LinkedHashSet<>()).add(key);
		}
		else {
			changed.add(key);
		}
	}

	/** Records the rebuilt groups' results as published, as they were before the stop, without sending them again. */
	private void settle(Set<GroupKey> rebuilt) throws Exception {
		for (GroupKey key : rebuilt) {
			scoreGroup(key, this.groups.get(key), false);
		}
		rebuilt.clear();
	}

	/** Scores a group and publishes what changed, timed as the "score" stage. */
	private void publishGroup(GroupKey key, GroupState state) throws Exception {
		Timer.Sample sample = Timer.start(this.meters);
		try {
			scoreGroup(key, state, true);
		}
		finally {
			sample.stop(this.meters.timer("ictrank.scoring.stage", "stage", "score"));
		}
	}

	/** @param send {@code false} to record the results as published without sending them (they were, before a restart) */
	private void scoreGroup(GroupKey key, GroupState state, boolean send) throws Exception {
		Campaign campaign = this.catalog.find(key.campaignId()).orElse(null);
		if (campaign == null && !this.campaignStore.caughtUp()) {
			// It may be one staff defined on the dashboard: the batch is tried again once it is read.
			throw new IllegalStateException("Campaign " + key.campaignId() + " is not known yet: the campaigns defined on the dashboard are still being read");
		}
		if (campaign == null || campaign.form(key.group()) == null) {
			log.warn("Forms of campaign {} group {} are not scored: the campaign is not in the campaigns folder", key.campaignId(), key.group());
			return;
		}
		CriteriaSet criteria = campaign.form(key.group()).criteria();
		Function<String, GroupScorer.LastYear> lastYear = agencyId -> GroupScorer.LastYear.NONE;
		if (criteria.comparesWithLastYear()) {
			this.lastYear.awaitRead(this.seen, Duration.ofSeconds(30));
			lastYear = agencyId -> this.lastYear.of(campaign, agencyId);
		}
		// A form of an agency the campaign leaves out is scored like a late one: for information, never
		// the group's best. Decided here, not as the form came, since staff may exclude it on the dashboard since.
		List<Current> onTime = new ArrayList<>();
		List<Current> outside = new ArrayList<>(sorted(state.late.values()));
		for (Current c : sorted(state.onTime.values())) {
			(campaign.agency(c.agencyId()).map(a -> a.excludedBecause() != null).orElse(false) ? outside : onTime).add(c);
		}
		List<Current> superseded = sorted(state.superseded.values());
		outside.addAll(superseded);
		Map<SubmissionId, GroupScorer.Result> results = GroupScorer.score(criteria, forms(onTime, state, lastYear),
				forms(outside, state, lastYear));
		List<Current> current = new ArrayList<>(onTime);
		current.addAll(outside);
		List<CompletableFuture<?>> sent = new ArrayList<>();
		Map<SubmissionId, Object> changed = new HashMap<>();
		for (Current c : current) {
			GroupScorer.Result result = results.get(c.submissionId());
			if (state.superseded.containsKey(c.submissionId()) && this.published.containsKey(c.submissionId())) {
				// Its score was given once; it no longer follows the group.
				continue;
			}
			Object fingerprint = result.score().isPresent() ? result.score().get() : result.problem();
			if (Objects.equals(this.published.get(c.submissionId()), fingerprint)) {
				continue;
			}
			if (send) {
				try (MDC.MDCCloseable submission = MDC.putCloseable("submission", c.submissionId().value())) {
					sent.add(this.kafka.send(Topics.SCORES, c.submissionId().value(), resultEvent(key, state, criteria, c, result)));
				}
			}
			changed.put(c.submissionId(), fingerprint);
		}
		// One wait for all the group's results; only once the broker has them all do they count as published.
		CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		this.published.putAll(changed);
		// A replaced form has had its one score; scoring the group again need not carry it along.
		state.superseded.keySet().removeIf(this.published::containsKey);
		if (send) {
			changed.values().forEach(result -> this.meters.counter("ictrank.scoring.results", "outcome",
					result instanceof GroupScorer.Score ? "scored" : "failed").increment());
		}
	}

	private EventEnvelope resultEvent(GroupKey key, GroupState state, CriteriaSet criteria, Current c, GroupScorer.Result result) {
		if (result.score().isPresent()) {
			GroupScorer.Score score = result.score().get();
			return EventEnvelope.wrap(new SubmissionScored(key.group(), criteria.id(), state.revision, score.total(),
					criteria.maxTotal(), score.band(), score.indicators(), score.findings(), score.awaitingConfirmation(), criteria.version()),
					key.campaignId(), c.agencyId(), c.submissionId(), c.eventId(), discriminator(state, criteria), now());
		}
		// On the scores topic, so that it stays in order with the submission's scores.
		return EventEnvelope.wrap(new SubmissionRejected(SubmissionRejected.Reason.PROCESSING_ERROR, result.problem()),
				key.campaignId(), c.agencyId(), c.submissionId(), c.eventId(), "scoring-" + discriminator(state, criteria), now());
	}

	/** Results differ by the forms they take into account and by the version of the criteria they apply. */
	private static String discriminator(GroupState state, CriteriaSet criteria) {
		return state.revision + (criteria.version() == null ? "" : "@" + criteria.version());
	}

	private static List<Current> sorted(Collection<Current> forms) {
		List<Current> list = new ArrayList<>(forms);
		list.sort(Comparator.comparing(Current::agencyId));
		return list;
	}

	private static List<GroupScorer.Form> forms(List<Current> current, GroupState state, Function<String, GroupScorer.LastYear> lastYear) {
		return current.stream().map(c -> new GroupScorer.Form(c.agencyId(), c.submissionId(), values(c.form()),
				Set.copyOf(state.confirmed.getOrDefault(c.submissionId(), Set.of())), lastYear.apply(c.agencyId()))).toList();
	}

	private Instant now() {
		return this.clock.instant();
	}

	private static Map<String, BigDecimal> values(FormExtracted form) {
		Map<String, BigDecimal> values = new HashMap<>();
		form.values().forEach((id, v) -> values.put(id, v.value()));
		return values;
	}

	private record GroupKey(String campaignId, AgencyGroup group) {
	}

	private record Current(String agencyId, SubmissionId submissionId, UUID eventId, FormExtracted form) {
	}

	/** The latest on-time and the latest late form of each agency of a group, and the highest offset taken into account. */
	private static final class GroupState {

		final int partition;

		final Map<String, Current> onTime = new HashMap<>();

		final Map<String, Current> late = new HashMap<>();

		/** Forms a newer one of the same agency replaced, until they are given their one score, for information; never ranked. */
		final Map<SubmissionId, Current> superseded = new HashMap<>();

		/** The data checks staff confirmed, per form. */
		final Map<SubmissionId, Set<String>> confirmed = new HashMap<>();

		long revision = -1;

		GroupState(int partition) {
			this.partition = partition;
		}

		void offer(Current candidate, boolean isLate, long offset) {
			Map<String, Current> forms = isLate ? this.late : this.onTime;
			Current old = forms.get(candidate.agencyId());
			if (old == null || old.submissionId().equals(candidate.submissionId()) || isNewer(candidate, old)) {
				forms.put(candidate.agencyId(), candidate);
				if (old != null && !old.submissionId().equals(candidate.submissionId())) {
					this.superseded.put(old.submissionId(), old);
				}
			}
			else {
				this.superseded.put(candidate.submissionId(), candidate);
			}
			this.revision = Math.max(this.revision, offset);
		}

		private static boolean isNewer(Current a, Current b) {
			int byTime = a.form().receivedAt().compareTo(b.form().receivedAt());
			return byTime != 0 ? byTime > 0 : a.submissionId().value().compareTo(b.submissionId().value()) >= 0;
		}
	}
}
