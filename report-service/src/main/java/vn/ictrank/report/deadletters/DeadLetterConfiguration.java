package vn.ictrank.report.deadletters;

import java.util.List;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.Topics;
import vn.ictrank.support.DeadLetterPublishing;

/**
 * The error policy of the read model's listener: a failure of the database is retried for as long
 * as it lasts; a record that cannot be decoded goes to the dead-letter topic of its topic at once,
 * and any other failure after two more tries.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

	static final List<String> SOURCES = List.of(Topics.SUBMISSIONS, Topics.FORMS, Topics.SCORES);

	/** Dead letters travel as the bytes they came as: they are exactly what could not be read. */
	@Bean
	RawRecords rawRecords(KafkaProperties kafka) {
		return new RawRecords(DeadLetterPublishing.rawTemplate(kafka));
	}

	/** Sends records whose value is bytes as they are. */
	record RawRecords(KafkaTemplate<String, byte[]> template) {
	}

	@Bean
	DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, EventEnvelope> events, RawRecords raw) {
		DefaultErrorHandler handler = new DefaultErrorHandler(DeadLetterPublishing.recoverer(events, raw.template()), new FixedBackOff(1000, 2));
		ExponentialBackOff untilTheDatabaseIsBack = new ExponentialBackOff(500, 2);
		untilTheDatabaseIsBack.setMaxInterval(30_000);
		handler.setBackOffFunction((record, ex) -> isTransient(ex) ? untilTheDatabaseIsBack : null);
		return handler;
	}

	/** A failure of the database, which passes: retried for as long as it lasts, never dead-lettered. */
	static boolean isTransient(Throwable failure) {
		for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
			if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
					|| t instanceof MongoSocketException || t instanceof MongoTimeoutException) {
				return true;
			}
		}
		return false;
	}

	@Bean
	KafkaAdmin.NewTopics deadLetterTopics() {
		List<NewTopic> topics = new java.util.ArrayList<>();
		SOURCES.forEach(t -> topics.add(TopicBuilder.name(Topics.deadLetters(t)).partitions(1).build()));
		// Staff's requests, which ingest reads, are sent from here and their failures listed here: the topics exist whichever starts first.
		topics.add(TopicBuilder.name(Topics.REQUESTS).partitions(Topics.REQUESTS_PARTITIONS).build());
		topics.add(TopicBuilder.name(Topics.REQUESTS_DEAD_LETTERS).partitions(1).build());
		return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
	}

	/** Dead letters are kept as the bytes they came as: they are exactly what could not be read. */
	@Bean
	ConcurrentKafkaListenerContainerFactory<String, byte[]> deadLetterListenerFactory(KafkaProperties kafka) {
		ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(kafka.buildConsumerProperties(), new StringDeserializer(),
				new ByteArrayDeserializer()));
		return factory;
	}
}
