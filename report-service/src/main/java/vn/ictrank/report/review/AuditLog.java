package vn.ictrank.report.review;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Every action of staff (who, when, what, on which submission), appended and never edited:
 * the record the Department shows when an agency disputes what was done with its form.
 */
@Component
public class AuditLog {

	private final MongoTemplate mongo;

	private final Clock clock = Clock.systemUTC();

	AuditLog(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** One action; {@code campaignId} (for users), {@code submissionId} and {@code agencyId} may be {@code null}. */
	@Document("audit")
	public record Entry(@Id String id, String campaignId, Instant at, String by, String action, String submissionId, String agencyId,
			String detail) {
	}

	/** The indexes the log page and the submission page read by; made once the service is up. */
	@org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
	void ensureIndexes() {
		try {
			var indexes = this.mongo.indexOps(Entry.class);
			indexes.createIndex(new org.springframework.data.mongodb.core.index.Index().named("campaign-at").on("campaignId", Sort.Direction.ASC)
				.on("at", Sort.Direction.DESC));
			indexes.createIndex(new org.springframework.data.mongodb.core.index.Index().named("submission").on("submissionId", Sort.Direction.ASC));
		}
		catch (RuntimeException ex) {
			org.slf4j.LoggerFactory.getLogger(AuditLog.class).warn("The log's indexes could not be made; read without them until the next start: {}", ex.toString());
		}
	}

	public void record(String campaignId, String by, String action, String submissionId, String agencyId, String detail) {
		this.mongo.insert(new Entry(UUID.randomUUID().toString(), campaignId, this.clock.instant(), by, action, submissionId, agencyId, detail));
	}

	/**
	 * A campaign's actions, newest first, at most {@code limit}; with those of no campaign (the
	 * users' changes) when {@code withUsers}.
	 */
	public List<Entry> of(String campaignId, boolean withUsers, int limit) {
		Criteria campaign = withUsers ? Criteria.where("campaignId").in(campaignId, null) : Criteria.where("campaignId").is(campaignId);
		return this.mongo.find(Query.query(campaign).with(Sort.by(Sort.Direction.DESC, "at")).limit(limit),
				Entry.class);
	}

	/** The actions on one submission, oldest first. */
	public List<Entry> ofSubmission(String submissionId) {
		return this.mongo.find(Query.query(Criteria.where("submissionId").is(submissionId)).with(Sort.by("at")), Entry.class);
	}
}
