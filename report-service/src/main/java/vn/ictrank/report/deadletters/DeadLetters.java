package vn.ictrank.report.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

import vn.ictrank.model.event.Topics;

/**
 * Records no consumer could ever process ({@link DeadLetterConfiguration} says which). Every dead-letter topic is
 * read into {@code dead-letters}, which staff see on the "Lỗi" page and can send back to the
 * original topic once the cause is fixed; consumers are idempotent, so a replay of a record that
 * was already applied changes nothing.
 */
@Component
public class DeadLetters {

	private static final int MAX_VALUE_TEXT = 100_000;

	private final MongoTemplate mongo;

	private final KafkaTemplate<String, byte[]> raw;

	private final MeterRegistry meters;

	DeadLetters(MongoTemplate mongo, DeadLetterConfiguration.RawRecords raw, MeterRegistry meters) {
		this.mongo = mongo;
		this.raw = raw.template();
		this.meters = meters;
		// At zero from the start, so that a graph of them shows the first one arrive.
		for (String topic : List.of(Topics.SUBMISSIONS, Topics.FORMS, Topics.SCORES, Topics.REQUESTS)) {
			meters.counter("ictrank.report.dead-letters", "topic", topic);
		}
	}

	@KafkaListener(id = "reportDeadLetters", idIsGroup = false, containerFactory = "deadLetterListenerFactory",
			topics = { Topics.SUBMISSIONS_DEAD_LETTERS, Topics.FORMS_DEAD_LETTERS, Topics.SCORES_DEAD_LETTERS, Topics.REQUESTS_DEAD_LETTERS })
	void onDeadLetter(ConsumerRecord<String, byte[]> record) {
		String topic = header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC, record.topic());
		String reason = reason(record);
		String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
		DeadLetterDocument letter = new DeadLetterDocument(record.topic() + "-" + record.partition() + "@" + record.offset(), topic,
				record.partition(), record.offset(), record.key(), header(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, ""), reason,
				value.length() > MAX_VALUE_TEXT ? value.substring(0, MAX_VALUE_TEXT) : value, record.value(),
				Instant.ofEpochMilli(record.timestamp()), null);
		Update update = new Update().setOnInsert("topic", letter.topic()).setOnInsert("partition", letter.partition())
			.setOnInsert("offset", letter.offset()).setOnInsert("key", letter.key()).setOnInsert("consumer", letter.consumer())
			.setOnInsert("reason", letter.reason()).setOnInsert("value", letter.value()).setOnInsert("raw", letter.raw())
			.setOnInsert("deadAt", letter.deadAt());
		this.mongo.upsert(Query.query(org.springframework.data.mongodb.core.query.Criteria.where("_id").is(letter.id())), update,
				DeadLetterDocument.class);
		this.meters.counter("ictrank.report.dead-letters", "topic", topic).increment();
	}

	public List<DeadLetterDocument> all() {
		return this.mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "deadAt")), DeadLetterDocument.class);
	}

	/**
	 * Sends a dead letter back to the topic it came from, byte for byte as it was.
	 */
	public boolean replay(String id) throws Exception {
		DeadLetterDocument letter = this.mongo.findById(id, DeadLetterDocument.class);
		if (letter == null) {
			return false;
		}
		this.raw.send(letter.topic(), letter.key(), letter.raw()).get();
		this.mongo.updateFirst(Query.query(org.springframework.data.mongodb.core.query.Criteria.where("_id").is(id)),
				new Update().set("replayedAt", Instant.now()), DeadLetterDocument.class);
		return true;
	}

	/** Why the record died, in words for staff: the deepest cause is the one that names the problem. */
	private static String reason(ConsumerRecord<?, ?> record) {
		String message = header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE, "");
		String trace = header(record, KafkaHeaders.DLT_EXCEPTION_STACKTRACE, "");
		int cause = trace.lastIndexOf("Caused by: ");
		if (cause >= 0) {
			String line = trace.substring(cause + "Caused by: ".length()).lines().findFirst().orElse("");
			int colon = line.indexOf(": ");
			message = colon > 0 ? line.substring(colon + 2) : line;
		}
		boolean unreadable = header(record, KafkaHeaders.DLT_EXCEPTION_FQCN, "").endsWith("DeserializationException");
		return (unreadable ? "Không đọc được sự kiện: " : "Xử lý sự kiện thất bại: ") + message;
	}

	private static String header(ConsumerRecord<?, ?> record, String name, String fallback) {
		Header header = record.headers().lastHeader(name);
		return header == null ? fallback : new String(header.value(), StandardCharsets.UTF_8);
	}
}
