package vn.ictrank.ingest.mail;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import vn.ictrank.ingest.extraction.Attachment;
import vn.ictrank.ingest.extraction.Extraction;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.FormExtracted;
import vn.ictrank.model.event.FormExtracted.ExtractedValue;
import vn.ictrank.model.event.SubmissionReceived;
import vn.ictrank.model.event.SubmissionRejected;
import vn.ictrank.model.event.Topics;

/**
 * Turns a read message into its events and publishes them, waiting for the broker's
 * acknowledgement. Everything a sender writes is cut to a length, so that no mail can make an
 * event the broker refuses.
 */
@Component
class SubmissionEvents {

	static final int MAX_SUBJECT = 500;

	static final int MAX_FILE_NAME = 255;

	static final int MAX_LISTED_ATTACHMENTS = 100;

	static final int MAX_MESSAGE = 4000;

	static final int MAX_RAW_CELL = 200;

	private final KafkaTemplate<String, EventEnvelope> kafka;

	private final Clock clock;

	SubmissionEvents(KafkaTemplate<String, EventEnvelope> kafka) {
		this.kafka = kafka;
		this.clock = Clock.systemUTC();
	}

	List<EventEnvelope> of(Campaign campaign, ReceivedMail mail, List<Attachment> files, String archiveRef, Extraction extraction,
			List<SubmissionReceived.Flag> flags, String discriminator) {
		String agencyId = extraction.agency() == null ? null : extraction.agency().id();
		List<SubmissionReceived.Attachment> attachments = files.stream()
			.limit(MAX_LISTED_ATTACHMENTS)
			.map(a -> new SubmissionReceived.Attachment(cap(a.fileName(), MAX_FILE_NAME), cap(a.contentType(), MAX_FILE_NAME), a.size(),
					a.oversized() ? null : a.sha256()))
			.toList();
		EventEnvelope received = EventEnvelope.wrap(new SubmissionReceived(cap(mail.messageId(), MAX_FILE_NAME),
				cap(mail.sender(), MAX_FILE_NAME), cap(mail.subject(), MAX_SUBJECT),
				mail.receivedAt(), attachments, archiveRef, flags), campaign.id(), agencyId, mail.submissionId(), null, discriminator,
				this.clock.instant());
		List<EventEnvelope> events = new ArrayList<>(List.of(received));
		if (extraction instanceof Extraction.Extracted form) {
			Map<String, ExtractedValue> values = new LinkedHashMap<>();
			form.values().forEach((id, v) -> values.put(id,
					new ExtractedValue(v.value(), cap(v.raw(), MAX_RAW_CELL), cap(v.sheet(), MAX_FILE_NAME), v.cell(), v.formula())));
			events.add(EventEnvelope.wrap(new FormExtracted(form.group(), form.criteriaSetId(), form.formName(),
					cap(form.attachmentName(), MAX_FILE_NAME), mail.receivedAt(), values), campaign.id(), agencyId, mail.submissionId(),
					received.eventId(), discriminator, this.clock.instant()));
		}
		else if (extraction instanceof Extraction.Rejected rejected) {
			events.add(EventEnvelope.wrap(new SubmissionRejected(rejected.reason(), cap(rejected.message(), MAX_MESSAGE)), campaign.id(),
					agencyId, mail.submissionId(), received.eventId(), discriminator, this.clock.instant()));
		}
		return events;
	}

	/** {@code text} cut to {@code max} characters, marked with an ellipsis where it was cut. */
	static String cap(String text, int max) {
		if (text == null || text.length() <= max) {
			return text;
		}
		int end = max - 1;
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end) + "…";
	}

	/**
	 * Sends every event of a mail, then waits until the broker has them all: one wait for the
	 * acknowledgements instead of one per event. Events of one key keep their order (the producer
	 * is idempotent).
	 */
	void publish(List<EventEnvelope> events) throws InterruptedException, ExecutionException, TimeoutException {
		List<CompletableFuture<?>> sent = new ArrayList<>();
		for (EventEnvelope event : events) {
			String topic;
			String key;
			if (event.payload() instanceof FormExtracted form) {
				topic = Topics.FORMS;
				key = Topics.formsKey(event.campaignId(), form.group());
			}
			else {
				topic = Topics.SUBMISSIONS;
				key = event.submissionId().value();
			}
			sent.add(this.kafka.send(topic, key, event));
		}
		CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
	}
}
