package vn.ictrank.scoring.scoring;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.Topics;

/**
 * What happens to a batch of forms that fails. A record that cannot be read goes to
 * {@code ictrank.forms-dlt} at once, where staff see it; anything else (the broker unreachable
 * while results are published) is tried again until it succeeds, never skipped: scoring is
 * idempotent, and skipping would leave the group's scores unpublished until another form arrives.
 */
@Configuration(proxyBeanMethods = false)
class ScoringErrors {

	private static final Logger log = LoggerFactory.getLogger(ScoringErrors.class);

	@Bean
	NewTopic formsDeadLetters() {
		return TopicBuilder.name(Topics.deadLetters(Topics.FORMS)).partitions(1).build();
	}

	@Bean
	DefaultErrorHandler scoringErrorHandler(KafkaTemplate<String, EventEnvelope> events, KafkaProperties kafka) {
		// A record that could not be read is dead-lettered as the bytes it came as.
		KafkaTemplate<String, byte[]> raw = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(),
				new StringSerializer(), new ByteArraySerializer()));
		Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
		templates.put(byte[].class, raw);
		templates.put(EventEnvelope.class, events);
		DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(templates, (record, ex) -> {
			log.error("Record {}-{}@{} moved to the dead-letter topic: {}", record.topic(), record.partition(), record.offset(), ex.toString());
			return new TopicPartition(Topics.deadLetters(record.topic()), -1);
		});
		return new DefaultErrorHandler(deadLetters, new FixedBackOff(2000, FixedBackOff.UNLIMITED_ATTEMPTS));
	}
}
