package vn.ictrank.support;

import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Whether every running Kafka listener's consumers have joined their group, as the
 * {@code listeners} health component, for readiness. Until then a record waits for the group to
 * settle (a few heartbeats when a service's listeners share a group and join one after another),
 * so a service that has just started says it is not ready yet rather than be slow with the first
 * mail. A consumer that joined and was given no partition (more instances than partitions) has joined.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnBean(KafkaListenerEndpointRegistry.class)
public class ListenersJoinedAutoConfiguration {

	/** The consumer's own measure: -1 until its first rebalance has completed. */
	private static final String LAST_REBALANCE = "last-rebalance-seconds-ago";

	private static final String COORDINATOR_METRICS = "consumer-coordinator-metrics";

	@Bean
	HealthIndicator listenersHealthIndicator(KafkaListenerEndpointRegistry registry) {
		return () -> {
			Map<String, String> waiting = new TreeMap<>();
			for (MessageListenerContainer container : registry.getAllListenerContainers()) {
				if (!container.isRunning()) {
					continue;
				}
				Map<String, Map<MetricName, ? extends Metric>> consumers = container.metrics();
				if (consumers.isEmpty()) {
					waiting.put(container.getListenerId(), "consumer not created yet");
				}
				consumers.forEach((client, metrics) -> metrics.forEach((name, metric) -> {
					if (name.name().equals(LAST_REBALANCE) && name.group().equals(COORDINATOR_METRICS)
							&& metric.metricValue() instanceof Double seconds && seconds < 0) {
						waiting.put(container.getListenerId() + " (" + client + ")", "joining group " + container.getGroupId());
					}
				}));
			}
			return waiting.isEmpty() ? Health.up().build() : Health.outOfService().withDetails(Map.copyOf(waiting)).build();
		};
	}
}
