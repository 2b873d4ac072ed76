package vn.ictrank.report.submissions;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.Topics;

/**
 * Feeds every submission event into the read model. Spring Kafka decodes the events; what cannot
 * be decoded or applied is the dead-letter feature's ({@code vn.ictrank.report.deadletters}).
 */
@Component
class SubmissionEventsListener {

	private final SubmissionStore store;

	SubmissionEventsListener(SubmissionStore store) {
		this.store = store;
	}

	@KafkaListener(id = "reportSubmissions", idIsGroup = false, topics = { Topics.SUBMISSIONS, Topics.FORMS, Topics.SCORES })
	void onEvent(EventEnvelope event) {
		this.store.apply(event);
	}
}
