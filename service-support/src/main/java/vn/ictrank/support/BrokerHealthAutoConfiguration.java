package vn.ictrank.support;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Whether the Kafka broker answers, as the {@code broker} health component: a service that cannot
 * reach it is not ready, and says so, instead of queueing work it cannot deliver.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
public class BrokerHealthAutoConfiguration {

	@Bean
	HealthIndicator brokerHealthIndicator(KafkaAdmin kafka) {
		return new BrokerHealth(kafka);
	}

	static final class BrokerHealth implements HealthIndicator {

		private static final int TIMEOUT_MS = 3000;

		private final KafkaAdmin kafka;

		private Admin admin;

		BrokerHealth(KafkaAdmin kafka) {
			this.kafka = kafka;
		}

		@Override
		public synchronized Health health() {
			try {
				if (this.admin == null) {
					this.admin = Admin.create(this.kafka.getConfigurationProperties());
				}
				int nodes = this.admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).nodes()
					.get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
				return Health.up().withDetail("nodes", nodes).build();
			}
			catch (Exception ex) {
				if (ex instanceof InterruptedException) {
					Thread.currentThread().interrupt();
				}
				return Health.down().withDetail("broker", "unreachable: " + ex.getClass().getSimpleName()).build();
			}
		}
	}
}
