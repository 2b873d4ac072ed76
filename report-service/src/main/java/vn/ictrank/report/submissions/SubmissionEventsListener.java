package vn.ictrank.report.submissions;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.MDC;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.FiguresConfirmed;
import vn.ictrank.model.event.Topics;

/**
 * Feeds every submission event into the read model, and times each submission from the mail
 * server's receipt to its first score in the read model ({@code ictrank.report.receipt.to.score}).
 * Every event applied is announced as a {@link SubmissionApplied} (replies to agencies), each change as a
 * {@link SubmissionChanged} for the pages open at that moment. Spring Kafka decodes the events; what cannot
 * be decoded or applied is the dead-letter feature's ({@code vn.ictrank.report.deadletters}).
 */
@Component
class SubmissionEventsListener {

	private final SubmissionStore store;

	private final MeterRegistry meters;

	private final Clock clock = Clock.systemUTC();

	private final ApplicationEventPublisher events;

	SubmissionEventsListener(SubmissionStore store, MeterRegistry meters, ApplicationEventPublisher events) {
		this.store = store;
		this.meters = meters;
		this.events = events;
	}

	@KafkaListener(id = "reportSubmissions", idIsGroup = false, topics = { Topics.SUBMISSIONS, Topics.FORMS, Topics.SCORES })
	void onEvent(EventEnvelope event) {
		if (event.payload() instanceof FiguresConfirmed) {
			// Staff's own decision, already in the log; the score it leads to is what changes the submission.
			return;
		}
		try (MDC.MDCCloseable submission = MDC.putCloseable("submission", event.submissionId().value())) {
			Timer.Sample write = Timer.start(this.meters);
			SubmissionStore.Applied applied = this.store.apply(event);
			write.stop(this.meters.timer("ictrank.report.stage", "stage", "write"));
			applied.firstScoreOf().ifPresent(receivedAt -> this.meters.timer("ictrank.report.receipt.to.score")
				.record(Duration.between(receivedAt, this.clock.instant())));
			// The change first: if what follows fails and the event comes again, it changes nothing the second time.
			if (applied.changed()) {
				this.events.publishEvent(new SubmissionChanged(applied.before(), applied.after(), false));
			}
			this.events.publishEvent(new SubmissionApplied(applied.before(), applied.after()));
			this.meters.counter("ictrank.report.events", "type", event.type()).increment();
		}
	}
}
