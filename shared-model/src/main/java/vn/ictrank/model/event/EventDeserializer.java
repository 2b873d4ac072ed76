package vn.ictrank.model.event;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads an {@link EventEnvelope} for Kafka consumers. A record it cannot read (not JSON, an unknown
 * type or version) throws; behind Spring Kafka's {@code ErrorHandlingDeserializer} that makes the
 * record a dead letter instead of stopping the consumer.
 */
public class EventDeserializer implements Deserializer<EventEnvelope> {

	@Override
	public EventEnvelope deserialize(String topic, byte[] data) {
		return data == null ? null : EventCodec.read(new String(data, StandardCharsets.UTF_8));
	}
}
