package vn.ictrank.report.dashboard;

import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import vn.ictrank.model.event.Topics;
import vn.ictrank.report.submissions.SubmissionChanged;
import vn.ictrank.report.submissions.SubmissionDocument;

/**
 * Tells the other report instances of every change this one applied, and this one of theirs, so
 * that a dashboard open on any instance is pushed every change and every instance's overview
 * counts it at once, whichever instance's partitions the event was on. Each instance reads the
 * topic in a consumer group of its own, from its own start, and skips what it sent itself.
 */
@Configuration(proxyBeanMethods = false)
class ChangeBroadcast {

	private static final Logger log = LoggerFactory.getLogger(ChangeBroadcast.class);

	private final String instance = UUID.randomUUID().toString();

	/** The record header naming the instance that applied a change. */
	private static final String INSTANCE_HEADER = "ictrank-instance";

	/** Changes applied before this instance started are in the read model it reads; the rest it is told. */
	private final long startedAt = System.currentTimeMillis();

	private final KafkaTemplate<String, String> producer;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	ChangeBroadcast(KafkaProperties kafka, JsonMapper json, ApplicationEventPublisher events) {
		this.producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(), new StringSerializer(),
				new StringSerializer()));
		this.json = json;
		this.events = events;
	}

	/** Changes are of use for a few minutes at most: a page that missed them reloads. */
	@Bean
	static NewTopic dashboardChangesTopic() {
		return TopicBuilder.name(Topics.DASHBOARD_CHANGES).partitions(1).config(TopicConfig.RETENTION_MS_CONFIG, "3600000").build();
	}

	/** Static, so that the factory does not need this class, whose listener needs the factory. */
	@Bean
	static ConcurrentKafkaListenerContainerFactory<String, String> dashboardChangesListenerFactory(KafkaProperties kafka) {
		Map<String, Object> consumer = kafka.buildConsumerProperties();
		// From the start of the short-lived topic, so that nothing sent while the group was still joining is missed.
		consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(), new StringDeserializer()));
		return factory;
	}

	@EventListener
	void tellOthers(SubmissionChanged change) {
		if (change.elsewhere()) {
			return;
		}
		try {
			org.apache.kafka.clients.producer.ProducerRecord<String, String> record = new org.apache.kafka.clients.producer.ProducerRecord<>(
					Topics.DASHBOARD_CHANGES, change.now().campaignId(), this.json.writeValueAsString(
							new Told(this.instance, change.before() == null ? null : change.before().listing(), change.now().listing())));
			record.headers().add(INSTANCE_HEADER, this.instance.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			this.producer.send(record);
		}
		catch (RuntimeException ex) {
			// The read model holds the change; the other instances' pages learn of it when they reload.
			log.debug("Could not tell the other instances of a change: {}", ex.toString());
		}
	}

	/** In a consumer group of this instance's own, so that every instance reads every change. */
	@KafkaListener(id = "dashboardChanges", topics = Topics.DASHBOARD_CHANGES, containerFactory = "dashboardChangesListenerFactory",
			groupId = "ictrank-report-live-#{T(java.util.UUID).randomUUID()}")
	void toldByOthers(ConsumerRecord<String, String> message) {
		org.apache.kafka.common.header.Header sender = message.headers().lastHeader(INSTANCE_HEADER);
		// Its own changes, which it applied already, are skipped unread: parsing them cost a busy instance nearly a tenth of its CPU.
		if (message.timestamp() < this.startedAt
				|| (sender != null && this.instance.equals(new String(sender.value(), java.nio.charset.StandardCharsets.UTF_8)))) {
			return;
		}
		Told told;
		try {
			told = this.json.readValue(message.value(), Told.class);
		}
		catch (JacksonException ex) {
			log.warn("A change from another instance could not be read: {}", ex.getOriginalMessage());
			return;
		}
		// Also by the body, for changes told by instances from before the header.
		if (!this.instance.equals(told.instance())) {
			this.events.publishEvent(new SubmissionChanged(told.before(), told.now(), true));
		}
	}

	/** A change as one instance tells the others: who tells, and the submission before and after. */
	record Told(String instance, SubmissionDocument before, SubmissionDocument now) {
	}
}
