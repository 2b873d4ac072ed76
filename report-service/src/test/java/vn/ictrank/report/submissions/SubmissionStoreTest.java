package vn.ictrank.report.submissions;

import java.util.function.Supplier;
import java.util.stream.Stream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;

import org.springframework.data.mongodb.core.MongoTemplate;

import vn.ictrank.model.event.EventEnvelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static vn.ictrank.report.submissions.SubmissionEvents.ON_TIME;
import static vn.ictrank.report.submissions.SubmissionEvents.extracted;
import static vn.ictrank.report.submissions.SubmissionEvents.received;
import static vn.ictrank.report.submissions.SubmissionEvents.rejected;
import static vn.ictrank.report.submissions.SubmissionEvents.scored;

/**
 * The read model's idempotence on the embedded wire server, and on a real MongoDB where Docker
 * is present (the server docker-compose and Kubernetes run).
 */
class SubmissionStoreTest {

	private static MongoServer wireServer;

	private static MongoDBContainer realMongo;

	static Stream<Named<Supplier<String>>> databases() {
		Supplier<String> embedded = () -> {
			wireServer = new MongoServer(new MemoryBackend());
			return wireServer.bindAndGetConnectionString();
		};
		Supplier<String> real = () -> {
			assumeTrue(DockerClientFactory.instance().isDockerAvailable(), "no Docker engine: real MongoDB is not tried here");
			realMongo = new MongoDBContainer(System.getProperty("ictrank.mongodb-image", "mongo:8.0.15"));
			realMongo.start();
			return realMongo.getConnectionString();
		};
		return Stream.of(Named.of("mongo-java-server", embedded), Named.of("MongoDB (Testcontainers)", real));
	}

	@AfterAll
	static void stop() {
		if (wireServer != null) {
			wireServer.shutdownNow();
		}
		if (realMongo != null) {
			realMongo.stop();
		}
	}

	@ParameterizedTest
	@MethodSource("databases")
	void appliesEventsInAnyOrderOnceAndKeepsTheHighestScoreRevision(Supplier<String> database) {
		try (MongoClient client = MongoClients.create(database.get())) {
			SubmissionStore store = new SubmissionStore(new MongoTemplate(client, "store-test"));
			EventEnvelope scoredLate = scored("so-noi-vu", ON_TIME, "80.10", 4);

			store.apply(scoredLate);
			store.apply(received("so-noi-vu", ON_TIME));
			store.apply(extracted("so-noi-vu", ON_TIME));
			store.apply(scored("so-noi-vu", ON_TIME, "60.00", 2));
			store.apply(received("so-noi-vu", ON_TIME));
			store.apply(rejected("so-tu-phap", ON_TIME, "Thư không có tệp đính kèm."));

			store.ensureIndexes();
			assertThat(store.ofCampaign(SubmissionEvents.CAMPAIGN.id())).hasSize(2);
			if (realMongo != null) {
				assertThat(new MongoTemplate(client, "store-test").indexOps(SubmissionDocument.class).getIndexInfo())
					.extracting(org.springframework.data.mongodb.core.index.IndexInfo::getName).contains("campaign-received", "campaign-agency");
			}
			SubmissionDocument noiVu = store.find(scoredLate.submissionId().value());
			assertThat(noiVu.score().total()).isEqualByComparingTo("80.10");
			assertThat(noiVu.score().revision()).isEqualTo(4);
			assertThat(noiVu.sender()).isEqualTo("sonoivu@thanhhoa.gov.vn");
			assertThat(noiVu.form().values()).containsKey("tong_cbccvc");
			assertThat(store.find(rejected("so-tu-phap", ON_TIME, "").submissionId().value()).rejection().message())
				.isEqualTo("Thư không có tệp đính kèm.");

			store.apply(rejected("so-noi-vu", ON_TIME, "Không tính được điểm chỉ tiêu HT3: chia cho 0"));
			assertThat(store.find(scoredLate.submissionId().value()).score()).isNull();
			store.apply(scored("so-noi-vu", ON_TIME, "81.00", 5));
			assertThat(store.find(scoredLate.submissionId().value()).rejection()).isNull();
			assertThat(store.find(scoredLate.submissionId().value()).score().total()).isEqualByComparingTo("81");
		}
	}
}
