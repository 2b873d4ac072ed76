package vn.ictrank.scoring.scoring;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A batch of forms whose results could not be published (broker unreachable) is processed again
 * until it succeeds, never skipped: scoring is idempotent, and skipping would leave the group's
 * scores unpublished until another form arrives.
 */
@Configuration(proxyBeanMethods = false)
class ScoringErrors {

	@Bean
	DefaultErrorHandler scoringErrorHandler() {
		return new DefaultErrorHandler(new FixedBackOff(2000, FixedBackOff.UNLIMITED_ATTEMPTS));
	}
}
