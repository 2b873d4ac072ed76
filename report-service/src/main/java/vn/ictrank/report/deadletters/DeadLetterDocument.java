package vn.ictrank.report.deadletters;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A record some consumer could never process, as it came to the dead-letter topic.
 *
 * @param id where it is on the dead-letter topic, so that reading it again changes nothing
 * @param topic the topic it was read from
 * @param reason why it failed, as the consumer's error said
 * @param consumer the consumer group that gave up on it, which says which service failed
 * @param value the record's value as text, as far as it is text, for staff to read
 * @param raw the record's value exactly, for a replay
 * @param replayedAt when staff last sent it back to its topic, if they did
 */
@Document("dead-letters")
public record DeadLetterDocument(@Id String id, String topic, int partition, long offset, String key, String consumer,
		String reason, String value, byte[] raw, Instant deadAt, Instant replayedAt) {
}
