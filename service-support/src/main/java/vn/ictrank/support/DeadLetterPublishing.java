package vn.ictrank.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

import vn.ictrank.model.event.Topics;

/**
 * How every consumer gives up on a record: to the dead-letter topic of the record's topic
 * ({@link Topics#deadLetters}), a record that could not be decoded as the bytes it came as.
 */
public final class DeadLetterPublishing {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterPublishing.class);

	private DeadLetterPublishing() {
	}

	/**
	 * Sends values that are bytes as they are. Not to be a bean of type {@link KafkaTemplate},
	 * which would stand in for the one Spring Boot configures.
	 */
	public static KafkaTemplate<String, byte[]> rawTemplate(KafkaProperties kafka) {
		return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(), new StringSerializer(),
				new ByteArraySerializer()));
	}

	/** Publishes decoded records with {@code events} and undecodable ones with {@code raw}. */
	public static DeadLetterPublishingRecoverer recoverer(KafkaOperations<?, ?> events, KafkaOperations<String, byte[]> raw) {
		Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
		templates.put(byte[].class, raw);
		templates.put(Object.class, events);
		return new DeadLetterPublishingRecoverer(templates, (record, ex) -> {
			log.error("Record {}-{}@{} moved to the dead-letter topic: {}", record.topic(), record.partition(), record.offset(), ex.toString());
			return new TopicPartition(Topics.deadLetters(record.topic()), -1);
		});
	}
}
