package vn.ictrank.report.submissions;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.MDC;

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

	private final MeterRegistry meters;

	SubmissionEventsListener(SubmissionStore store, MeterRegistry meters) {
		this.store = store;
		this.meters = meters;
	}

	@KafkaListener(id = "reportSubmissions", idIsGroup = false, topics = { Topics.SUBMISSIONS, Topics.FORMS, Topics.SCORES })
	void onEvent(EventEnvelope event) {
		try (MDC.MDCCloseable submission = MDC.putCloseable("submission", event.submissionId().value())) {
			this.store.apply(event);
			this.meters.counter("ictrank.report.events", "type", event.type()).increment();
		}
	}
}
