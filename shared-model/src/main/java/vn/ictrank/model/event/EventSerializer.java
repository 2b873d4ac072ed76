package vn.ictrank.model.event;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.serialization.Serializer;

/** Writes an {@link EventEnvelope} as the JSON of {@link EventCodec}, for Kafka producers. */
public class EventSerializer implements Serializer<EventEnvelope> {

	@Override
	public byte[] serialize(String topic, EventEnvelope event) {
		return event == null ? null : EventCodec.write(event).getBytes(StandardCharsets.UTF_8);
	}
}
