package vn.ictrank.ingest.archive;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import vn.ictrank.model.event.SubmissionId;

import static org.assertj.core.api.Assertions.assertThat;

/** The archive keeps every mail byte for byte, through a crash midway and a Message-ID used twice. */
class MailArchiveTest {

	private final MongoServer server = new MongoServer(new MemoryBackend());

	private MongoClient client;

	private MailArchive archive;

	private MongoTemplate mongo;

	@BeforeEach
	void start() {
		this.client = MongoClients.create(this.server.bindAndGetConnectionString());
		this.mongo = new MongoTemplate(this.client, "archive-test");
		this.archive = new MailArchive(this.mongo);
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.server.shutdownNow();
	}

	@Test
	void keepsAMailWholeWhenAnEarlierUploadOfItWasCutShortByACrash() {
		SubmissionId id = SubmissionId.forMessage("thanh-hoa-2016", "<cut-short@test>");
		// A first mail makes GridFS create its indexes, the unique one on each file's chunks among them.
		this.archive.store(SubmissionId.forMessage("thanh-hoa-2016", "<earlier@test>"), bytes("an earlier mail"), "<earlier@test>", "a@b.vn",
				Instant.parse("2016-11-20T01:00:00Z"), true, 15);
		// The first chunk of an upload whose file entry was never written: the service died in between.
		this.mongo.getCollection("mail-archive.chunks").insertOne(new Document("files_id", new BsonString(id.value())).append("n", 0)
			.append("data", new Binary(bytes("half of a mail from before the crash"))));

		this.archive.store(id, bytes("the whole mail"), "<cut-short@test>", "a@b.vn", Instant.parse("2016-11-20T02:00:00Z"), true, 14);

		assertThat(new String(this.archive.load(id), StandardCharsets.UTF_8)).isEqualTo("the whole mail");
	}

	@Test
	void tellsWhenAnotherMailCameFirstWithTheSameMessageId() {
		SubmissionId first = SubmissionId.forMessage("thanh-hoa-2016", "<reused@test>\nsha256:1");
		SubmissionId second = SubmissionId.forMessage("thanh-hoa-2016", "<reused@test>\nsha256:2");
		Instant at = Instant.parse("2016-11-20T03:00:00Z");

		this.archive.store(first, bytes("first"), "<reused@test>", "a@b.vn", at, true, 5);
		this.archive.store(second, bytes("second"), "<reused@test>", "a@b.vn", at.plusSeconds(60), true, 6);

		assertThat(this.archive.otherWithMessageId("<reused@test>", first)).isEmpty();
		assertThat(this.archive.otherWithMessageId("<reused@test>", second)).contains(at);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}
}
