package vn.ictrank.report.submissions;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import vn.ictrank.model.event.EventDeserializer;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.EventSerializer;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static vn.ictrank.report.submissions.SubmissionEvents.ON_TIME;
import static vn.ictrank.report.submissions.SubmissionEvents.extracted;
import static vn.ictrank.report.submissions.SubmissionEvents.received;
import static vn.ictrank.report.submissions.SubmissionEvents.scored;

/**
 * Every kind of event goes through the official Kafka image that docker-compose runs, at the
 * version of the client, and comes back as it was sent. Skipped where there is no Docker engine.
 */
class EventRoundTripOnKafkaImageTest {

	@Test
	void eventsComeBackFromTheKafkaImageAsTheyWereSent() {
		assumeTrue(DockerClientFactory.instance().isDockerAvailable(), "no Docker engine: the Kafka image is not tried here");
		List<EventEnvelope> sent = List.of(received("so-noi-vu", ON_TIME), extracted("so-noi-vu", ON_TIME),
				scored("so-noi-vu", ON_TIME, "80.10", 1));
		try (KafkaContainer kafka = new KafkaContainer("apache/kafka:" + AppInfoParser.getVersion())) {
			kafka.start();
			try (KafkaProducer<String, EventEnvelope> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
					kafka.getBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new EventSerializer())) {
				for (EventEnvelope event : sent) {
					producer.send(new ProducerRecord<>(Topics.SUBMISSIONS, event.submissionId().value(), event));
				}
				producer.flush();
			}
			try (KafkaConsumer<String, EventEnvelope> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
					kafka.getBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "round-trip", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
					new StringDeserializer(), new EventDeserializer())) {
				consumer.subscribe(List.of(Topics.SUBMISSIONS));
				List<EventEnvelope> received = new java.util.ArrayList<>();
				await().atMost(Duration.ofSeconds(60)).until(() -> {
					for (ConsumerRecord<String, EventEnvelope> record : consumer.poll(Duration.ofMillis(500))) {
						received.add(record.value());
					}
					return received.size() >= sent.size();
				});
				// Compared as they are written on the wire, where a figure's scale (80.10) is part of the event.
				EventSerializer wire = new EventSerializer();
				assertThat(received).extracting(e -> new String(wire.serialize(Topics.SUBMISSIONS, e), java.nio.charset.StandardCharsets.UTF_8))
					.containsExactlyElementsOf(sent.stream()
						.map(e -> new String(wire.serialize(Topics.SUBMISSIONS, e), java.nio.charset.StandardCharsets.UTF_8)).toList());
			}
		}
	}
}
