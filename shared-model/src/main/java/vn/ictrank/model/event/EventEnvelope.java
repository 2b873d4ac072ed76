package vn.ictrank.model.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What travels on every topic: the event and what it is about.
 *
 * @param eventId derived from the submission and what happened to it, so that a redelivered or
 *        re-published event keeps its id
 * @param type the wire name of the payload type
 * @param version the payload's schema version
 * @param occurredAt when the producing service recorded the event
 * @param campaignId the campaign the submission belongs to
 * @param agencyId the roster id of the sending agency, {@code null} while it is not known
 * @param submissionId the submission the event belongs to
 * @param causationId the event this one was produced in response to, if any
 * @param payload the event itself
 */
public record EventEnvelope(UUID eventId, String type, int version, Instant occurredAt, String campaignId,
		String agencyId, SubmissionId submissionId, UUID causationId, SubmissionEvent payload) {

	public EventEnvelope {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(campaignId, "campaignId");
		Objects.requireNonNull(submissionId, "submissionId");
		Objects.requireNonNull(payload, "payload");
	}

	/**
	 * Wraps an event. {@code discriminator} distinguishes events of one type for one submission
	 * (the scoring revision, say); it is empty when there is only ever one.
	 */
	public static EventEnvelope wrap(SubmissionEvent payload, String campaignId, String agencyId,
			SubmissionId submissionId, UUID causationId, String discriminator, Instant occurredAt) {
		EventType type = EventType.of(payload);
		String key = submissionId.value() + "\n" + type.wireName() + "\n" + type.version() + "\n" + discriminator;
		UUID eventId = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
		return new EventEnvelope(eventId, type.wireName(), type.version(), occurredAt, campaignId, agencyId,
				submissionId, causationId, payload);
	}

	public <T extends SubmissionEvent> T payloadAs(Class<T> type) {
		return type.cast(this.payload);
	}
}
