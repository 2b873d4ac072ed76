package vn.ictrank.scoring.scoring;


import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.Topics;
import vn.ictrank.support.DeadLetterPublishing;

/**
 * What happens to a batch of forms that fails. A record that cannot be read goes to
 * {@code ictrank.forms-dlt} at once, where staff see it; anything else (the broker unreachable
 * while results are published) is tried again until it succeeds, never skipped: scoring is
 * idempotent, and skipping would leave the group's scores unpublished until another form arrives.
 */
@Configuration(proxyBeanMethods = false)
class ScoringErrors {

	@Bean
	NewTopic formsDeadLetters() {
		return TopicBuilder.name(Topics.deadLetters(Topics.FORMS)).partitions(1).build();
	}

	@Bean
	DefaultErrorHandler scoringErrorHandler(KafkaTemplate<String, EventEnvelope> events, KafkaProperties kafka) {
		return new DefaultErrorHandler(DeadLetterPublishing.recoverer(events, DeadLetterPublishing.rawTemplate(kafka)),
				new FixedBackOff(2000, FixedBackOff.UNLIMITED_ATTEMPTS));
	}
}
