package vn.ictrank.report.submissions;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
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

	private final MongoTemplate mongo;

	SubmissionStore(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Applies one event.
	 * @return the submission before and after, the same when the event was already applied
	 */
	Applied apply(EventEnvelope event) {
		SubmissionDocument before = find(event.submissionId().value());
		Update update = new Update().set("campaignId", event.campaignId());
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
						scored.band().code(), scored.band().label(), scored.indicators()))
				.unset("rejection");
			query.addCriteria(new Criteria().orOperator(Criteria.where("score").exists(false),
					Criteria.where("score.revision").lte(scored.revision())));
		}
		try {
			// One round trip writes and returns the submission as it now stands.
			return new Applied(before, this.mongo.findAndModify(query, update, FindAndModifyOptions.options().upsert(true).returnNew(true),
					SubmissionDocument.class));
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
	 * Every submission of a campaign, newest first, as counters, the roster and rankings need them:
	 * where each stands and its total, without what only a list or a submission's own page shows
	 * (the sender, the files, the figures of the form, the points of each indicator).
	 */
	public List<SubmissionDocument> ofCampaign(String campaignId) {
		Query query = Query.query(Criteria.where("campaignId").is(campaignId)).with(Sort.by(Sort.Direction.DESC, "receivedAt"));
		query.fields().include("campaignId", "agencyId", "group", "receivedAt", "rejection", "form.formName", "score.revision",
				"score.total", "score.maxTotal", "score.bandCode", "score.bandLabel");
		return this.mongo.find(query, SubmissionDocument.class);
	}

	/** One page of a campaign's submissions that match a filter, without the figures of each form. */
	public Page<SubmissionDocument> page(String campaignId, SubmissionFilter filter, Pageable page) {
		Query query = Query.query(filter.criteria(campaignId));
		long total = this.mongo.count(query, SubmissionDocument.class);
		query.with(filter.order().sort()).skip(page.getOffset()).limit(page.getPageSize());
		query.fields().exclude("form.values", "score.indicators");
		return new PageImpl<>(this.mongo.find(query, SubmissionDocument.class), page, total);
	}

	public SubmissionDocument find(String id) {
		return this.mongo.findById(id, SubmissionDocument.class);
	}

	private static Query byId(EventEnvelope event) {
		return Query.query(Criteria.where("_id").is(event.submissionId().value()));
	}
}
