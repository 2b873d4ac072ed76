package vn.ictrank.support;

import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;

import vn.ictrank.model.event.WarmUpEvents;

/**
 * What the first event after a start would otherwise pay for, paid as the service starts. The
 * producer's connection is opened and where the service's topics live is learnt as soon as the
 * service is up, on a thread of its own, so that a broker that is down does not hold up the
 * start. Before that, the events' codec writes and reads a few submissions' events: its first
 * use in a new JVM costs tens of milliseconds per event type. Off with {@code ictrank.kafka.warm-up=false}.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnProperty(name = "ictrank.kafka.warm-up", havingValue = "true", matchIfMissing = true)
public class KafkaWarmUpAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(KafkaWarmUpAutoConfiguration.class);

	/** Enough for the codec's path to be compiled, a fraction of a second. */
	private static final int CODEC_ROUNDS = 40;

	@Bean
	SmartInitializingSingleton eventCodecWarmUp() {
		return () -> {
			long started = System.nanoTime();
			WarmUpEvents.roundTrip(CODEC_ROUNDS);
			log.debug("The event codec is warmed up ({} ms)", (System.nanoTime() - started) / 1_000_000);
		};
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> producerWarmUp(ObjectProvider<KafkaTemplate<?, ?>> templates, ObjectProvider<NewTopic> topics) {
		return event -> {
			List<String> names = topics.orderedStream().map(NewTopic::name).toList();
			Thread thread = new Thread(() -> templates.orderedStream().forEach(template -> names.forEach(name -> {
				try {
					template.partitionsFor(name);
				}
				catch (RuntimeException ex) {
					log.debug("No warm-up for topic {}: {}", name, ex.toString());
				}
			})), "kafka-producer-warm-up");
			thread.setDaemon(true);
			thread.start();
		};
	}
}
