package vn.ictrank.ingest.mail;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import vn.ictrank.ingest.extraction.Attachment;
import vn.ictrank.ingest.extraction.Extraction;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.event.EventCodec;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.FormExtracted;
import vn.ictrank.model.event.SubmissionReceived;
import vn.ictrank.model.event.SubmissionRejected;
import vn.ictrank.model.event.Topics;

/** Turns a read message into its events and publishes them, waiting for the broker's acknowledgement. */
@Component
class SubmissionEvents {

	private final KafkaTemplate<String, String> kafka;

	private final Clock clock;

	SubmissionEvents(KafkaTemplate<String, String> kafka) {
		this.kafka = kafka;
		this.clock = Clock.systemUTC();
	}

	List<EventEnvelope> of(Campaign campaign, ReceivedMail mail, List<Attachment> files, String archiveRef, Extraction extraction) {
		String agencyId = extraction.agency() == null ? null : extraction.agency().id();
		List<SubmissionReceived.Attachment> attachments = files.stream()
			.map(a -> new SubmissionReceived.Attachment(a.fileName(), a.contentType(), a.bytes().length))
			.toList();
		EventEnvelope received = EventEnvelope.wrap(new SubmissionReceived(mail.messageId(), mail.sender(), mail.subject(),
				mail.receivedAt(), attachments, archiveRef), campaign.id(), agencyId, mail.submissionId(), null, "", this.clock.instant());
		List<EventEnvelope> events = new ArrayList<>(List.of(received));
		if (extraction instanceof Extraction.Extracted form) {
			events.add(EventEnvelope.wrap(new FormExtracted(form.group(), form.criteriaSetId(), form.formName(),
					form.attachmentName(), mail.receivedAt(), form.values()), campaign.id(), agencyId, mail.submissionId(),
					received.eventId(), "", this.clock.instant()));
		}
		else if (extraction instanceof Extraction.Rejected rejected) {
			events.add(EventEnvelope.wrap(new SubmissionRejected(rejected.reason(), rejected.message()), campaign.id(),
					agencyId, mail.submissionId(), received.eventId(), "", this.clock.instant()));
		}
		return events;
	}

	void publish(List<EventEnvelope> events) throws InterruptedException, ExecutionException, TimeoutException {
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
			this.kafka.send(topic, key, EventCodec.write(event)).get(30, TimeUnit.SECONDS);
		}
	}
}
