package vn.ictrank.ingest.mail;

import java.time.Instant;
import java.util.Date;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * How often each message in the mailbox was taken up without being finished. Kept in the
 * database, so that a message that brings the whole service down is counted too.
 */
@Component
class AttemptLog {

	static final String COLLECTION = "mail-attempts";

	private final MongoCollection<Document> attempts;

	AttemptLog(MongoTemplate mongo) {
		this.attempts = mongo.getDb().getCollection(COLLECTION);
	}

	/** Counts a new attempt at the message and tells what the earlier ones came to. */
	Earlier begin(MailboxRef ref) {
		Document before = this.attempts.findOneAndUpdate(Filters.eq("_id", ref.key()),
				Updates.combine(Updates.inc("started", 1), Updates.set("startedAt", Date.from(Instant.now()))),
				new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
		return before == null ? new Earlier(0, null)
				: new Earlier(before.get("started", Number.class).intValue(), before.getString("lastFailure"));
	}

	/** The attempt failed in a way that would fail again. */
	void failed(MailboxRef ref, String reason) {
		this.attempts.updateOne(Filters.eq("_id", ref.key()),
				Updates.combine(Updates.set("lastFailure", reason), Updates.set("failedAt", Date.from(Instant.now()))));
	}

	/** The attempt did not get far enough to say anything about the message (the database or broker was away). */
	void notCounted(MailboxRef ref) {
		notCounted(java.util.List.of(ref));
	}

	/** The attempts at these messages were cut short by something that says nothing about them: the mailbox went away. */
	void notCounted(java.util.Collection<MailboxRef> refs) {
		this.attempts.updateMany(Filters.in("_id", refs.stream().map(MailboxRef::key).toList()), Updates.inc("started", -1));
	}

	/** The messages are marked; their counts are of no more use. */
	void finished(java.util.Collection<MailboxRef> refs) {
		this.attempts.deleteMany(Filters.in("_id", refs.stream().map(MailboxRef::key).toList()));
	}

	/**
	 * @param attempts how many attempts were started before this one
	 * @param lastFailure what the last one that failed said, if any said
	 */
	record Earlier(int attempts, String lastFailure) {
	}
}
