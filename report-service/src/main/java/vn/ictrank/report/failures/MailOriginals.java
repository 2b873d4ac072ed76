package vn.ictrank.report.failures;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.model.Filters;
import org.bson.BsonString;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import vn.ictrank.report.ReportProperties;

/**
 * The mails as ingest archived them, byte for byte, read where each submission's
 * {@code archiveRef} ({@code gridfs:<bucket>/<id>}) says; never written here.
 */
@Component
class MailOriginals {

	/** Larger than any mail the mailbox lets through; a download never holds more. */
	private static final long MAX_BYTES = 64L * 1024 * 1024;

	private final MongoTemplate mongo;

	private final String database;

	MailOriginals(MongoTemplate mongo, ReportProperties properties) {
		this.mongo = mongo;
		this.database = properties.archiveDatabase();
	}

	/** The archived message, or empty when the reference is not one of the archive's or the mail is not there. */
	Optional<byte[]> load(String archiveRef) {
		if (archiveRef == null || !archiveRef.startsWith("gridfs:") || archiveRef.indexOf('/') < 0) {
			return Optional.empty();
		}
		String path = archiveRef.substring("gridfs:".length());
		String bucketName = path.substring(0, path.indexOf('/'));
		String id = path.substring(path.indexOf('/') + 1);
		GridFSBucket bucket = GridFSBuckets.create(this.mongo.getMongoDatabaseFactory().getMongoDatabase(this.database), bucketName);
		GridFSFile file = bucket.find(Filters.eq("_id", new BsonString(id))).first();
		if (file == null || file.getLength() > MAX_BYTES) {
			return Optional.empty();
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream((int) file.getLength());
		bucket.downloadToStream(new BsonString(id), out);
		return Optional.of(out.toByteArray());
	}
}
