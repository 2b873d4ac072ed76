package vn.ictrank.report.submissions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.WarmUpEvents;

/**
 * Runs the read model's write path as the service starts, on a submission of its own in a
 * collection of its own, dropped after: in a JVM that has just started, the first events applied
 * took 200 ms each, ten times the usual, because every class and mapping they need was loaded and
 * compiled then, and the first form after a restart was that much later on the dashboard. Until
 * it is done the {@code storeWarmedUp} health component keeps the service out of readiness; a
 * database that cannot be reached ends it too (the first form is slower then, nothing more).
 */
@Component("storeWarmedUp")
class StoreWarmUp implements HealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(StoreWarmUp.class);

	private static final String COLLECTION = "warm-up-submissions";

	/** Enough rounds for the write path to be compiled, few enough to take well under a second. */
	private static final int ROUNDS = 40;

	private final SubmissionStore store;

	private volatile boolean done;

	StoreWarmUp(SubmissionStore store) {
		this.store = store;
	}

	@EventListener(ApplicationReadyEvent.class)
	void warmUp() {
		Thread thread = new Thread(this::run, "store-warm-up");
		thread.setDaemon(true);
		thread.start();
	}

	private void run() {
		long started = System.nanoTime();
		try {
			for (int round = 0; round < ROUNDS; round++) {
				for (EventEnvelope event : WarmUpEvents.submission(round)) {
					this.store.apply(event, COLLECTION);
				}
			}
			this.store.drop(COLLECTION);
			log.info("The read model's writes are warmed up ({} ms)", (System.nanoTime() - started) / 1_000_000);
		}
		catch (RuntimeException ex) {
			log.warn("Could not warm up the read model's writes: {}", ex.toString());
		}
		finally {
			this.done = true;
		}
	}

	@Override
	public Health health() {
		return this.done ? Health.up().build() : Health.outOfService().withDetail("reason", "warming up the read model's writes").build();
	}
}
