package vn.ictrank.support;

import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Opens the producer's connection and learns where the service's topics live as soon as the
 * service is up, on a thread of its own: otherwise the first event after a start waits for both,
 * and a broker that is down does not hold up the start. Off with {@code ictrank.kafka.warm-up=false}.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnProperty(name = "ictrank.kafka.warm-up", havingValue = "true", matchIfMissing = true)
public class ProducerWarmUpAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ProducerWarmUpAutoConfiguration.class);

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
