package vn.ictrank.report.submissions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import vn.ictrank.model.event.EventCodec;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.EventType;

import static org.assertj.core.api.Assertions.assertThat;

/** The read model takes every event exactly as the producers' contract (the golden files in shared-model) has it. */
class GoldenEventsContractTest {

	private final MongoServer server = new MongoServer(new MemoryBackend());

	@AfterEach
	void stop() {
		this.server.shutdownNow();
	}

	@Test
	void appliesEveryGoldenEventOfEveryTypeAndVersion() throws IOException {
		try (MongoClient client = MongoClients.create(this.server.bindAndGetConnectionString())) {
			SubmissionStore store = new SubmissionStore(new MongoTemplate(client, "golden"));
			for (EventType type : EventType.values()) {
				// Staff's requests go to ingest; the read model never consumes them.
				if (type.payloadType() != vn.ictrank.model.event.ReprocessingRequested.class) {
					store.apply(golden(type));
				}
			}

			SubmissionDocument scored = store.find(golden(EventType.SUBMISSION_SCORED).submissionId().value());
			assertThat(scored.sender()).isEqualTo("sonoivu@thanhhoa.gov.vn");
			assertThat(scored.attachments()).hasSize(2);
			assertThat(scored.form().values().get("bang_thong_quy_doi_mbps").cell()).isEqualTo("E12");
			assertThat(scored.score().total()).isEqualByComparingTo("78.45");
			assertThat(scored.score().bandLabel()).isEqualTo("Khá");
			SubmissionDocument rejected = store.find(golden(EventType.SUBMISSION_REJECTED).submissionId().value());
			assertThat(rejected.rejection().reason()).isEqualTo("NO_ATTACHMENT");
		}
	}

	private static EventEnvelope golden(EventType type) throws IOException {
		String name = "/golden/" + type.wireName() + ".v" + type.version() + ".json";
		try (InputStream in = GoldenEventsContractTest.class.getResourceAsStream(name)) {
			assertThat(in).as("golden file %s on the test classpath", name).isNotNull();
			return EventCodec.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
	}
}
