package vn.ictrank.report.submissions;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.FormExtracted;
import vn.ictrank.model.event.SubmissionReceived;
import vn.ictrank.model.event.SubmissionRejected;
import vn.ictrank.model.event.SubmissionScored;

/**
 * The submissions read model. Every write sets absolute values keyed by the submission id, so
 * applying an event again changes nothing; a score only replaces one of a lower revision. A
 * submission is either scored or rejected: ingest rejects only what it could not extract, and
 * scoring's own results for a submission (scores and failures) arrive in order on one partition,
 * so the latest of them replaces the other.
 */
@Component
public class SubmissionStore {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SubmissionStore.class);

	private final MongoTemplate mongo;

	SubmissionStore(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * The indexes the lists and the overview read by: a campaign's submissions newest first, and
	 * an agency's. Made once the service is up, so that a database still starting delays them only.
	 */
	@EventListener(ApplicationReadyEvent.class)
	public void ensureIndexes() {
		try {
			IndexOperations indexes = this.mongo.indexOps(SubmissionDocument.class);
			indexes.createIndex(new Index().named("campaign-received").on("campaignId", Sort.Direction.ASC).on("receivedAt", Sort.Direction.DESC));
			indexes.createIndex(new Index().named("campaign-agency").on("campaignId", Sort.Direction.ASC).on("agencyId", Sort.Direction.ASC));
		}
		catch (RuntimeException ex) {
			log.warn("The submissions' indexes could not be made; lists read without them until the next start: {}", ex.toString());
		}
	}

	/**
	 * Applies one event.
	 * @return the submission before and after, the same when the event was already applied
	 */
	Applied apply(EventEnvelope event) {
		return apply(event, this.mongo.getCollectionName(SubmissionDocument.class));
	}

	/** Applies one event to the submissions kept in the named collection (the read model's own, or a warm-up's). */
	Applied apply(EventEnvelope event, String collection) {
		SubmissionDocument before = this.mongo.findById(event.submissionId().value(), SubmissionDocument.class, collection);
		Update update = new Update().set("campaignId", event.campaignId()).setOnInsert("firstSeenAt", java.time.Instant.now());
		if (event.agencyId() != null) {
			update.set("agencyId", event.agencyId());
		}
		Query query = byId(event);
		if (event.payload() instanceof SubmissionReceived received) {
			update.set("receivedAt", received.receivedAt())
				.set("sender", received.sender())
				.set("subject", received.subject())
				.set("messageId", received.messageId())
				.set("attachments", received.attachments())
				.set("archiveRef", received.archiveRef())
				.set("flags", received.flags());
		}
		else if (event.payload() instanceof FormExtracted form) {
			update.set("group", form.group().name())
				.set("receivedAt", form.receivedAt())
				.set("form", new SubmissionDocument.Form(form.criteriaSetId(), form.formName(), form.attachmentName(), form.values()));
		}
		else if (event.payload() instanceof SubmissionRejected rejected) {
			update.set("rejection", new SubmissionDocument.Rejection(rejected.reason().name(), rejected.message())).unset("score");
		}
		else if (event.payload() instanceof SubmissionScored scored) {
			update.set("group", scored.group().name())
				.set("score", new SubmissionDocument.Score(scored.revision(), scored.total(), scored.maxTotal(),
						scored.band().code(), scored.band().label(), scored.indicators(), scored.findings(), scored.awaitingConfirmation(),
						scored.criteriaVersion()))
				.unset("rejection");
			query.addCriteria(new Criteria().orOperator(Criteria.where("score").exists(false),
					Criteria.where("score.revision").lte(scored.revision())));
		}
		try {
			// One round trip writes and returns the submission as it now stands.
			return new Applied(before, this.mongo.findAndModify(query, update, FindAndModifyOptions.options().upsert(true).returnNew(true),
					SubmissionDocument.class, collection));
		}
		catch (DuplicateKeyException ex) {
			// The submission already holds a score of a higher revision: this one is stale, nothing changed.
			return new Applied(before, before);
		}
	}

	/** A submission before and after an event. */
	record Applied(SubmissionDocument before, SubmissionDocument after) {

		boolean changed() {
			return !java.util.Objects.equals(this.before, this.after);
		}

		/** When the submission was received, if this event gave it its first score. */
		Optional<Instant> firstScoreOf() {
			boolean first = this.after != null && this.after.score() != null && (this.before == null || this.before.score() == null);
			return first ? Optional.ofNullable(this.after.receivedAt()) : Optional.empty();
		}
	}

	/**
	 * Every submission of a campaign, newest first, as lists, counters, the roster and rankings
	 * need them: without the figures of each form and the points of each indicator, which only a
	 * submission's own page shows ({@link #find}) and which make up most of each document.
	 */
	public List<SubmissionDocument> ofCampaign(String campaignId) {
		Query query = Query.query(Criteria.where("campaignId").is(campaignId)).with(Sort.by(Sort.Direction.DESC, "receivedAt"));
		query.fields().exclude("form.values", "score.indicators");
		return this.mongo.find(query, SubmissionDocument.class);
	}

	/** The agency's form that came before this one in the campaign, with its figures, if any. */
	public Optional<SubmissionDocument> previousOf(SubmissionDocument submission) {
		if (submission.agencyId() == null || submission.receivedAt() == null) {
			return Optional.empty();
		}
		Query query = Query.query(Criteria.where("campaignId").is(submission.campaignId()).and("agencyId").is(submission.agencyId())
			.and("receivedAt").lt(submission.receivedAt()).and("form").exists(true)).with(Sort.by(Sort.Direction.DESC, "receivedAt")).limit(1);
		return Optional.ofNullable(this.mongo.findOne(query, SubmissionDocument.class));
	}

	public SubmissionDocument find(String id) {
		return this.mongo.findById(id, SubmissionDocument.class);
	}

	/** Drops a collection of submissions that is not the read model's own (a warm-up's). */
	void drop(String collection) {
		if (!collection.equals(this.mongo.getCollectionName(SubmissionDocument.class))) {
			this.mongo.dropCollection(collection);
		}
	}

	private static Query byId(EventEnvelope event) {
		return Query.query(Criteria.where("_id").is(event.submissionId().value()));
	}
}
