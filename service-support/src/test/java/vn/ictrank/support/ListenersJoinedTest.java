package vn.ictrank.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EmbeddedKafka(partitions = 1, topics = ListenersJoinedTest.TOPIC)
class ListenersJoinedTest {

	static final String TOPIC = "ictrank.listeners-joined-test";

	static final String GROUP = "held-group";

	@Test
	void isNotReadyWhileAListenerWaitsToJoinItsGroupAndIsOnceItHasJoined(EmbeddedKafkaBroker broker) {
		// A member that joined and then stopped polling holds the group's next rebalance for its whole poll interval.
		try (KafkaConsumer<String, String> holder = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
				ConsumerConfig.GROUP_ID_CONFIG, GROUP, ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 120_000,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class))) {
			holder.subscribe(List.of(TOPIC));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				holder.poll(Duration.ofMillis(100));
				return !holder.assignment().isEmpty();
			});

			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, ListenersJoinedAutoConfiguration.class))
				.withUserConfiguration(Listening.class)
				.withPropertyValues("spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "spring.kafka.consumer.group-id=" + GROUP)
				.run(context -> {
					HealthIndicator listeners = context.getBean("listenersHealthIndicator", HealthIndicator.class);
					await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
						Health health = listeners.health();
						assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
						assertThat(health.getDetails().values()).contains("joining group " + GROUP);
					});

					holder.close();
					await().atMost(Duration.ofSeconds(30)).until(() -> listeners.health().getStatus().equals(Status.UP));
				});
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Listening {

		@KafkaListener(id = "held-listener", idIsGroup = false, topics = TOPIC)
		void on(String record) {
		}
	}
}
