package vn.ictrank.scoring.scoring;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.model.campaign.CampaignDefined;
import vn.ictrank.model.event.EventCodec;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.FiguresConfirmed;
import vn.ictrank.model.event.SubmissionScored;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

// Small batches, so that a rebuild spans many of them, as it does with a campaign's worth of forms.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"spring.kafka.consumer.max-poll-records=2" })
@EmbeddedKafka(partitions = 1, topics = { Topics.FORMS, Topics.SCORES, Topics.SUBMISSIONS })
class FormScoringIntegrationTest {

	@Autowired
	KafkaTemplate<String, EventEnvelope> kafka;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	CampaignCatalog catalog;

	@LocalServerPort
	int port;

	@Test
	void scoresEachFormRescoresTheGroupWhenABetterAgencyRaisesTheBestAndKeepsLateFormsOutOfIt() throws Exception {
		Instant t = Instant.parse("2016-11-20T02:00:00Z");
		EventEnvelope first = ExtractedForms.extracted("so-tu-phap", ExtractedForms.eightyPercent(100), t);
		EventEnvelope better = ExtractedForms.extracted("so-y-te", ExtractedForms.eightyPercent(200), t.plusSeconds(60));
		List<EventEnvelope> scores = new ArrayList<>();
		try (Consumer<String, String> consumer = scoresConsumer("scores-test")) {

			send(first);
			assertThat(latest(consumer, scores, first).total()).isEqualByComparingTo(ExtractedForms.expectedTotal(1.0));

			send(better);
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				poll(consumer, scores);
				assertThat(latestOf(scores, first))
					.hasValueSatisfying(s -> assertThat(s.total()).isEqualByComparingTo(ExtractedForms.expectedTotal(0.5)));
				assertThat(latestOf(scores, better))
					.hasValueSatisfying(s -> assertThat(s.total()).isEqualByComparingTo(ExtractedForms.expectedTotal(1.0)));
			});
			assertThat(latestOf(scores, first).orElseThrow().revision()).isGreaterThan(0);

			EventEnvelope late = ExtractedForms.extracted("so-xay-dung", ExtractedForms.eightyPercent(400),
					ExtractedForms.CAMPAIGN.lateFrom().plusSeconds(60));
			send(late);
			assertThat(latest(consumer, scores, late).total()).isEqualByComparingTo(ExtractedForms.expectedTotal(1.0));
			// Results of the group are published before the late form's own, so by now any change would have arrived.
			assertThat(latestOf(scores, better)).hasValueSatisfying(s -> assertThat(s.total()).isEqualByComparingTo(ExtractedForms.expectedTotal(1.0)));
			assertThat(latestOf(scores, first)).hasValueSatisfying(s -> assertThat(s.total()).isEqualByComparingTo(ExtractedForms.expectedTotal(0.5)));
		}
	}

	@Test
	void scoresTheLatestFormOfEachAgencyAndRebuildsItsGroupsSilentlyAfterARestartUnlessTheFilesChanged() throws Exception {
		// Cao Bằng's department group, so that the other test's forms stay out of it.
		String campaign = "cao-bang-2017";
		Instant t = Instant.parse("2017-10-20T02:00:00Z");
		EventEnvelope first = ExtractedForms.extracted(campaign, "so-noi-vu", ExtractedForms.eightyPercent(400), t);
		EventEnvelope other = ExtractedForms.extracted(campaign, "so-y-te", ExtractedForms.eightyPercent(200), t.plusSeconds(60));
		EventEnvelope correction = ExtractedForms.extracted(campaign, "so-noi-vu", ExtractedForms.eightyPercent(100), t.plusSeconds(120));
		EventEnvelope olderThanCorrection = ExtractedForms.extracted(campaign, "so-noi-vu", ExtractedForms.eightyPercent(1000), t.minusSeconds(600));
		EventEnvelope marker = ExtractedForms.extracted(campaign, "so-xay-dung", ExtractedForms.eightyPercent(100), t.plusSeconds(180));
		EventEnvelope afterRestart = ExtractedForms.extracted(campaign, "so-tai-chinh", ExtractedForms.eightyPercent(50), t.plusSeconds(240));
		EventEnvelope barrier = ExtractedForms.extracted(campaign, "so-cong-thuong", ExtractedForms.eightyPercent(50), t.plusSeconds(300));
		List<EventEnvelope> scores = new ArrayList<>();
		try (Consumer<String, String> consumer = scoresConsumer("scores-latest-test")) {

			send(first);
			send(other);
			send(correction);
			assertThat(latest(consumer, scores, correction).total()).isEqualByComparingTo(ExtractedForms.expectedTotal(0.5));
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				poll(consumer, scores);
				assertThat(latestOf(scores, other))
					.hasValueSatisfying(s -> assertThat(s.total()).isEqualByComparingTo(ExtractedForms.expectedTotal(1.0)));
			});

			send(olderThanCorrection);
			send(marker);
			assertThat(latest(consumer, scores, marker).total()).isEqualByComparingTo(ExtractedForms.expectedTotal(0.5));
			assertThat(latestOf(scores, other)).hasValueSatisfying(s -> assertThat(s.total()).isEqualByComparingTo(ExtractedForms.expectedTotal(1.0)));
			// Replaced before it was ever scored, it still gets its own score, without joining the group's best.
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				poll(consumer, scores);
				assertThat(latestOf(scores, olderThanCorrection)).isPresent();
			});

			long otherRevision = latestOf(scores, other).orElseThrow().revision();
			long firstBefore = count(scores, first);
			long olderBefore = count(scores, olderThanCorrection);
			long otherBefore = count(scores, other);
			MessageListenerContainer container = this.listeners.getListenerContainer("formScoring");
			assertThat(readiness()).isEqualTo(200);
			container.stop();
			// Holding no partition, it scores nothing: not ready, until it has joined and rebuilt its groups again.
			await().atMost(Duration.ofSeconds(20)).until(() -> readiness() == 503);
			container.start();
			await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 200);
			send(afterRestart);
			assertThat(latest(consumer, scores, afterRestart).total()).isEqualByComparingTo(ExtractedForms.expectedTotal(0.25));
			// Published after anything the rebuild or the new form could have caused.
			send(barrier);
			latest(consumer, scores, barrier);
			// The same campaign files: the rebuilt group's results were all published before the stop, and none changed.
			assertThat(count(scores, other)).as("scores of a form the new one did not change").isEqualTo(otherBefore);
			assertThat(count(scores, first)).as("scores of the replaced first form").isEqualTo(firstBefore);
			assertThat(count(scores, olderThanCorrection)).as("scores of the form replaced before it was scored").isEqualTo(olderBefore);

			// Offsets committed by a scoring that had other campaign files (a criteria set since corrected).
			container.stop();
			try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()))) {
				Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("ictrank-scoring")
					.partitionsToOffsetAndMetadata().get();
				Map<TopicPartition, OffsetAndMetadata> older = new java.util.HashMap<>();
				committed.forEach((partition, at) -> older.put(partition, new OffsetAndMetadata(at.offset(), "older-files")));
				admin.alterConsumerGroupOffsets("ictrank-scoring", older).all().get();
			}
			container.start();
			// Every current form is scored again and published, once the rebuild has caught up, so that consumers
			// keeping the highest revision take it; a replaced form still had its one score.
			int mark = scores.size();
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				poll(consumer, scores);
				assertThat(count(scores.subList(mark, scores.size()), other)).isPositive();
			});
			List<SubmissionScored> republished = scores.subList(mark, scores.size()).stream()
				.filter(e -> e.submissionId().equals(other.submissionId())).map(e -> e.payloadAs(SubmissionScored.class)).toList();
			assertThat(republished).allSatisfy(s -> {
				assertThat(s.revision()).isGreaterThanOrEqualTo(otherRevision);
				assertThat(s.criteriaVersion()).isEqualTo(ExtractedForms.CATALOG.require(campaign).form(AgencyGroup.DEPARTMENT).criteria().version());
			});
			assertThat(count(scores, first)).as("scores of the replaced first form").isEqualTo(firstBefore);
		}
	}

	@Test
	void holdsAFormWhoseFiguresFailAnErrorCheckOutOfTheGroupsBestUntilStaffConfirmThem() throws Exception {
		// This year's trial round, so that the other tests' groups stay apart.
		String campaign = "thanh-hoa-2026";
		Instant t = Instant.parse("2026-11-20T02:00:00Z");
		Map<String, java.math.BigDecimal> doubtful = ExtractedForms.eightyPercent(400);
		doubtful.put("so_cbccvc_co_may_tinh", java.math.BigDecimal.valueOf(120));
		doubtful.put("tong_may_tinh", java.math.BigDecimal.valueOf(150));
		EventEnvelope held = ExtractedForms.extracted(campaign, "so-y-te", doubtful, t);
		EventEnvelope other = ExtractedForms.extracted(campaign, "so-tu-phap", ExtractedForms.eightyPercent(100), t.plusSeconds(60));
		List<EventEnvelope> scores = new ArrayList<>();
		try (Consumer<String, String> consumer = scoresConsumer("scores-checks-test")) {

			send(held);
			send(other);
			assertThat(latest(consumer, scores, other).total()).isEqualByComparingTo(ExtractedForms.expectedTotal(1.0));
			SubmissionScored waiting = latest(consumer, scores, held);
			assertThat(waiting.awaitingConfirmation()).isTrue();
			assertThat(waiting.criteriaVersion()).isEqualTo(ExtractedForms.DEPARTMENT.version()).isNotBlank();
			assertThat(waiting.findings()).singleElement().satisfies(f -> {
				assertThat(f.checkId()).isEqualTo("C01");
				assertThat(f.severity()).isEqualTo(SubmissionScored.Finding.Severity.ERROR);
				assertThat(f.message()).contains("Số CBCCVC được trang bị máy tính = 120").contains("= 100");
				assertThat(f.indicators()).contains("HT1");
			});

			send(EventEnvelope.wrap(new FiguresConfirmed(AgencyGroup.DEPARTMENT, List.of("C01"), "Sở Y tế xác nhận qua điện thoại",
					"thamdinh"), campaign, "so-y-te", held.submissionId(), null, "xac-nhan", t.plusSeconds(600)));

			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				poll(consumer, scores);
				assertThat(latestOf(scores, held)).hasValueSatisfying(s -> {
					assertThat(s.awaitingConfirmation()).isFalse();
					assertThat(s.findings()).singleElement().satisfies(f -> assertThat(f.confirmed()).isTrue());
				});
				// Confirmed, its bandwidth is the group's best.
				assertThat(latestOf(scores, other))
					.hasValueSatisfying(s -> assertThat(s.total()).isEqualByComparingTo(ExtractedForms.expectedTotal(0.25)));
			});
		}
	}

	@Test
	void flagsAFigureThatMovedMoreThanFiftyPointsFromTheAgencysFormOfThePreviousCampaign() throws Exception {
		// Low bandwidth, so that joining their groups changes no other test's best agency.
		Map<String, java.math.BigDecimal> lastYear = ExtractedForms.eightyPercent(50);
		lastYear.put("so_cbccvc_co_may_tinh", java.math.BigDecimal.valueOf(20));
		EventEnvelope then = ExtractedForms.extracted("so-giao-duc-va-dao-tao", lastYear, Instant.parse("2016-11-22T02:00:00Z"));
		EventEnvelope now = ExtractedForms.extracted("thanh-hoa-2026", "so-giao-duc-va-dao-tao", ExtractedForms.eightyPercent(50),
				Instant.parse("2026-11-22T02:00:00Z"));
		EventEnvelope firstTime = ExtractedForms.extracted("thanh-hoa-2026", "so-ngoai-vu", ExtractedForms.eightyPercent(50),
				Instant.parse("2026-11-22T03:00:00Z"));
		List<EventEnvelope> scores = new ArrayList<>();
		try (Consumer<String, String> consumer = scoresConsumer("scores-last-year-test")) {
			send(then);
			send(now);
			send(firstTime);

			assertThat(latest(consumer, scores, then).findings()).as("nothing before 2016 to compare with").isEmpty();
			SubmissionScored moved = latest(consumer, scores, now);
			assertThat(moved.awaitingConfirmation()).as("a warning does not hold the form").isFalse();
			assertThat(moved.findings()).singleElement().satisfies(f -> {
				assertThat(f.checkId()).isEqualTo("C21");
				assertThat(f.severity()).isEqualTo(SubmissionScored.Finding.Severity.WARNING);
				assertThat(f.message()).contains("so với phiếu năm trước").contains("Tỷ lệ CBCCVC được trang bị máy tính (%) = 80")
					.contains("Tỷ lệ CBCCVC được trang bị máy tính (%) năm trước = 20");
				assertThat(f.indicators()).contains("HT1");
			});
			assertThat(latest(consumer, scores, firstTime).findings()).as("no form last year: no comparison").isEmpty();
		}
	}

	@Test
	void movesAnUnreadableRecordToTheDeadLetterTopicAndScoresTheFormBehindIt() throws Exception {
		// Low bandwidth, so that joining the group changes no other test's best agency.
		EventEnvelope good = ExtractedForms.extracted("so-cong-thuong", ExtractedForms.eightyPercent(50), Instant.parse("2016-11-21T02:00:00Z"));
		String key = Topics.formsKey(good.campaignId(), AgencyGroup.DEPARTMENT);
		try (var producer = new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(this.broker), new StringSerializer(),
				new StringSerializer()).createProducer(); Consumer<String, String> scores = scoresConsumer("poison-test");
				Consumer<String, String> deadLetters = consumer("poison-dlt", Topics.FORMS + "-dlt")) {
			producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.FORMS, key, "{\"type\": \"Không phải sự kiện\"")).get();
			long sent = System.nanoTime();
			send(good);

			latest(scores, new ArrayList<>(), good);
			Duration delay = Duration.ofNanos(System.nanoTime() - sent);
			List<String> dead = new ArrayList<>();
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				deadLetters.poll(Duration.ofMillis(200)).forEach(r -> dead.add(r.value()));
				return !dead.isEmpty();
			});
			assertThat(dead).containsExactly("{\"type\": \"Không phải sự kiện\"");
			System.out.printf("The form behind an unreadable record was scored %d ms after it was sent%n", delay.toMillis());
		}
	}

	@Test
	void leavesAnAgencyStaffExcludeOnTheDashboardOutOfTheGroupsBestFromTheNextScoring() throws Exception {
		// A campaign of its own, copied as staff would on the dashboard, so that no other test's forms share its group.
		CampaignCatalog staff = CampaignCatalog.load(Path.of(System.getProperty("ictrank.campaigns-dir", "../campaigns")));
		Campaign next = ExtractedForms.CAMPAIGN.nextRound("thanh-hoa-2030", 2030, "Đánh giá năm 2030", null, java.time.LocalDate.of(2030, 11, 29), null);
		CampaignDefined copied = staff.copy(ExtractedForms.CAMPAIGN, next, Map.of(), "admin", Instant.now());
		staff.define(copied);
		publish(copied);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.catalog.find("thanh-hoa-2030").isPresent());
		Instant t = Instant.parse("2030-11-20T02:00:00Z");
		EventEnvelope tuPhap = ExtractedForms.extracted("thanh-hoa-2030", "so-tu-phap", ExtractedForms.eightyPercent(100), t);
		EventEnvelope ngoaiVu = ExtractedForms.extracted("thanh-hoa-2030", "so-ngoai-vu", ExtractedForms.eightyPercent(1000), t.plusSeconds(60));
		List<EventEnvelope> scores = new ArrayList<>();
		try (Consumer<String, String> consumer = scoresConsumer("scores-exclusion-test")) {
			send(tuPhap);
			send(ngoaiVu);
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				poll(consumer, scores);
				assertThat(latestOf(scores, tuPhap)).hasValueSatisfying(s -> assertThat(s.total()).isEqualByComparingTo(ExtractedForms.expectedTotal(0.1)));
			});

			publish(staff.change(staff.require("thanh-hoa-2030").withExclusion("so-ngoai-vu", "Sáp nhập vào Văn phòng UBND tỉnh"), "admin",
					Instant.now(), "Miễn đánh giá Sở Ngoại vụ"));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> this.catalog.require("thanh-hoa-2030").agency("so-ngoai-vu").orElseThrow().excludedBecause() != null);
			EventEnvelope again = ExtractedForms.extracted("thanh-hoa-2030", "so-tu-phap", ExtractedForms.eightyPercent(100), t.plusSeconds(120));
			send(again);

			assertThat(latest(consumer, scores, again).total()).as("the excluded agency is no longer the group's best")
				.isEqualByComparingTo(ExtractedForms.expectedTotal(1.0));
		}
	}

	private void publish(CampaignDefined definition) throws Exception {
		try (org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer = new org.apache.kafka.clients.producer.KafkaProducer<>(
				Map.of("bootstrap.servers", this.broker.getBrokersAsString()), new StringSerializer(),
				new org.apache.kafka.common.serialization.ByteArraySerializer())) {
			producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.CAMPAIGNS, definition.campaignId(), definition.toJson())).get();
		}
	}

	private Consumer<String, String> scoresConsumer(String group) {
		return consumer(group, Topics.SCORES);
	}

	private Consumer<String, String> consumer(String group, String topic) {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, group, false);
		props.put("auto.offset.reset", "earliest");
		Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new StringDeserializer())
			.createConsumer();
		consumer.subscribe(List.of(topic));
		return consumer;
	}

	private static long count(List<EventEnvelope> scores, EventEnvelope form) {
		return scores.stream().filter(s -> s.submissionId().equals(form.submissionId())).count();
	}

	/** The status code of scoring's readiness, as a probe sees it. */
	private int readiness() throws Exception {
		return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
				java.net.URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness")).build(),
				java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private void send(EventEnvelope event) throws Exception {
		this.kafka.send(Topics.FORMS, Topics.formsKey(event.campaignId(), AgencyGroup.DEPARTMENT), event).get();
	}

	private static SubmissionScored latest(Consumer<String, String> consumer, List<EventEnvelope> scores, EventEnvelope form) {
		return await().atMost(Duration.ofSeconds(20)).until(() -> {
			poll(consumer, scores);
			return latestOf(scores, form);
		}, Optional::isPresent).orElseThrow();
	}

	private static void poll(Consumer<String, String> consumer, List<EventEnvelope> into) {
		consumer.poll(Duration.ofMillis(200)).forEach(r -> into.add(EventCodec.read(r.value())));
	}

	private static Optional<SubmissionScored> latestOf(List<EventEnvelope> scores, EventEnvelope form) {
		return scores.stream().filter(e -> e.submissionId().equals(form.submissionId()))
			.map(e -> e.payloadAs(SubmissionScored.class))
			.reduce((a, b) -> b.revision() >= a.revision() ? b : a);
	}
}
