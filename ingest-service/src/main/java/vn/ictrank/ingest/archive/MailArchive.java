package vn.ictrank.ingest.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoGridFSException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.BsonString;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import vn.ictrank.model.event.SubmissionId;

/**
 * Every message exactly as the mail server handed it over, in the GridFS bucket
 * {@value #BUCKET}, stored once per submission.
 */
@Component
public class MailArchive {

	static final String BUCKET = "mail-archive";

	private final GridFSBucket bucket;

	/** The first submission of each Message-ID: {@code _id} the Message-ID, {@code submission} and {@code receivedAt}. */
	private final MongoCollection<Document> messageIds;

	MailArchive(MongoTemplate mongo) {
		this.bucket = GridFSBuckets.create(mongo.getDb(), BUCKET);
		this.messageIds = mongo.getDb().getCollection(BUCKET + ".message-ids");
	}

	/**
	 * Stores the raw message unless it is already there, and says where it is.
	 * Storing the same submission twice keeps the first copy.
	 */
	public String store(SubmissionId id, byte[] raw, String messageId, String sender, Instant receivedAt, boolean complete, long size) {
		BsonString fileId = new BsonString(id.value());
		if (this.bucket.find(Filters.eq("_id", fileId)).first() == null) {
			Document metadata = new Document("messageId", messageId).append("sender", sender)
				.append("receivedAt", Date.from(receivedAt))
				.append("contentType", "message/rfc822")
				.append("complete", complete)
				.append("size", size);
			try {
				upload(fileId, id, raw, metadata);
			}
			catch (MongoException ex) {
				if (!isDuplicateKey(ex)) {
					throw ex;
				}
				// The same mail, delivered twice, stored meanwhile by another worker: that copy stands.
				if (this.bucket.find(Filters.eq("_id", fileId)).first() == null) {
					// Chunks of an upload cut short by a crash collide with this one's: they go, and the upload is made again.
					removeChunksOfAnUnfinishedUpload(fileId);
					upload(fileId, id, raw, metadata);
				}
			}
		}
		if (messageId != null) {
			// The first submission that came with this Message-ID, found by its id: a search of the archive by
			// Message-ID for every mail read is what the embedded database cannot do with an index.
			this.messageIds.updateOne(Filters.eq("_id", messageId), Updates.combine(Updates.setOnInsert("submission", id.value()),
					Updates.setOnInsert("receivedAt", Date.from(receivedAt))), new UpdateOptions().upsert(true));
		}
		return ref(id);
	}

	private void upload(BsonString fileId, SubmissionId id, byte[] raw, Document metadata) {
		this.bucket.uploadFromStream(fileId, id.value() + ".eml", new ByteArrayInputStream(raw), new GridFSUploadOptions().metadata(metadata));
	}

	private static boolean isDuplicateKey(Throwable failure) {
		for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
			if (t instanceof MongoException mongo && ErrorCategory.fromErrorCode(mongo.getCode()) == ErrorCategory.DUPLICATE_KEY) {
				return true;
			}
		}
		return false;
	}

	/** Where a submission's message is archived, as the events name it. */
	public static String ref(SubmissionId id) {
		return "gridfs:" + BUCKET + "/" + id.value();
	}

	/** An upload cut short leaves chunks without their file entry; they would collide with the new upload. */
	private void removeChunksOfAnUnfinishedUpload(BsonString fileId) {
		try {
			this.bucket.delete(fileId);
		}
		catch (MongoGridFSException ex) {
			// No file entry: the chunks, if there were any, are gone now.
		}
	}

	/**
	 * When the first archived message with the same Message-ID but other content arrived, if one did:
	 * senders' programs reuse Message-IDs, and two different mails must both be kept.
	 */
	public Optional<Instant> otherWithMessageId(String messageId, SubmissionId id) {
		if (messageId == null) {
			return Optional.empty();
		}
		Document first = this.messageIds.find(Filters.eq("_id", messageId)).first();
		return first == null || id.value().equals(first.getString("submission")) ? Optional.empty()
				: Optional.ofNullable(first.getDate("receivedAt")).map(Date::toInstant);
	}

	/** The archived bytes of a submission's message. */
	public byte[] load(SubmissionId id) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.bucket.downloadToStream(new BsonString(id.value()), out);
		return out.toByteArray();
	}

	/** A submission's archived message with what the mailbox said of it, if it was archived. */
	public Optional<Archived> find(SubmissionId id) {
		GridFSFile file = this.bucket.find(Filters.eq("_id", new BsonString(id.value()))).first();
		if (file == null) {
			return Optional.empty();
		}
		Document metadata = file.getMetadata() == null ? new Document() : file.getMetadata();
		Date receivedAt = metadata.getDate("receivedAt");
		byte[] raw = load(id);
		// Not recorded for mails archived before it was: the reader tells from the bytes.
		Boolean complete = metadata.containsKey("complete") ? metadata.getBoolean("complete") : null;
		long size = metadata.get("size") instanceof Number n ? n.longValue() : raw.length;
		return Optional.of(new Archived(raw, receivedAt == null ? file.getUploadDate().toInstant() : receivedAt.toInstant(), complete, size));
	}

	/**
	 * A message as archived.
	 *
	 * @param complete {@code false} when only its header was fetched, the message being over the size limit;
	 *        {@code null} when the archive does not say
	 * @param size the size of the whole message as the mail server reported it
	 */
	public record Archived(byte[] raw, Instant receivedAt, Boolean complete, long size) {
	}
}
