package vn.ictrank.model.event;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@link EventEnvelope}s as JSON. The payload's Java class never reaches the
 * wire: the envelope's {@code type} and {@code version} select it.
 */
public final class EventCodec {

	/** Fields a later version added read as absent in an earlier one: empty, {@code false} or zero. */
	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private EventCodec() {
	}

	public static String write(EventEnvelope envelope) {
		return MAPPER.writeValueAsString(envelope);
	}

	/**
	 * @throws EventType.UnknownEventTypeException for a type or version this build does not know
	 * @throws tools.jackson.core.JacksonException for text that is not an envelope
	 */
	public static EventEnvelope read(String json) {
		JsonNode tree = MAPPER.readTree(json);
		EventType type = EventType.of(tree.path("type").asString(), tree.path("version").asInt());
		ObjectNode envelope = ((ObjectNode) tree).deepCopy();
		SubmissionEvent payload = MAPPER.treeToValue(envelope.remove("payload"), type.payloadType());
		envelope.putNull("payload");
		return MAPPER.treeToValue(envelope, Shell.class).toEnvelope(payload);
	}

	/** The envelope's fields without the polymorphic payload. */
	private record Shell(UUID eventId, String type, int version, Instant occurredAt,
			String campaignId, String agencyId, SubmissionId submissionId, UUID causationId) {

		EventEnvelope toEnvelope(SubmissionEvent payload) {
			return new EventEnvelope(this.eventId, this.type, this.version, this.occurredAt, this.campaignId,
					this.agencyId, this.submissionId, this.causationId, payload);
		}
	}
}
