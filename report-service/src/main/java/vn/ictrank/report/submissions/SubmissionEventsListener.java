package vn.ictrank.report.submissions;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import vn.ictrank.model.event.EventCodec;
import vn.ictrank.model.event.EventType;
import vn.ictrank.model.event.Topics;

/** Feeds every submission event into the read model. */
@Configuration(proxyBeanMethods = false)
class SubmissionEventsListener {

	private static final Logger log = LoggerFactory.getLogger(SubmissionEventsListener.class);

	private final SubmissionStore store;

	SubmissionEventsListener(SubmissionStore store) {
		this.store = store;
	}

	@KafkaListener(id = "reportSubmissions", idIsGroup = false, topics = { Topics.SUBMISSIONS, Topics.FORMS, Topics.SCORES })
	void onEvent(ConsumerRecord<String, String> record) {
		this.store.apply(EventCodec.read(record.value()));
	}

	/**
	 * A record that keeps failing (database down for longer than the retries, say) goes to
	 * {@code <topic>-dlt} instead of being dropped; one that cannot be read at all goes there at once.
	 */
	@Bean
	DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> template) {
		DefaultErrorHandler handler = new DefaultErrorHandler(new DeadLetterPublishingRecoverer(template, (record, ex) -> {
			log.error("Event {}-{}@{} moved to the dead-letter topic: {}", record.topic(), record.partition(), record.offset(), ex.toString());
			return new org.apache.kafka.common.TopicPartition(record.topic() + "-dlt", -1);
		}), new FixedBackOff(1000, 9));
		handler.addNotRetryableExceptions(EventType.UnknownEventTypeException.class, tools.jackson.core.JacksonException.class);
		return handler;
	}
}
