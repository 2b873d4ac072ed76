package vn.ictrank.ingest.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The right to read one mailbox, held by one ingest instance at a time: two readers would each
 * fetch the same unmarked mail. The lease is a ShedLock lock in MongoDB that lapses after
 * {@code hold} unless renewed, so an instance that dies hands the mailbox on; one that stops
 * gives it back at once.
 */
class MailboxLease {

	private static final Logger log = LoggerFactory.getLogger(MailboxLease.class);

	private final LockProvider locks;

	private final String name;

	private final Duration hold;

	private SimpleLock lock;

	private Instant renewed = Instant.EPOCH;

	MailboxLease(LockProvider locks, String name, Duration hold) {
		this.locks = locks;
		this.name = name;
		this.hold = hold;
	}

	/**
	 * Takes the lease, or renews it once a third of it has passed.
	 * @return whether this instance may read the mailbox now
	 */
	synchronized boolean hold() {
		Instant now = Instant.now();
		if (this.lock == null) {
			Optional<SimpleLock> taken = this.locks.lock(new LockConfiguration(now, this.name, this.hold, Duration.ZERO));
			taken.ifPresent(l -> log.info("This instance now reads the mailbox ({})", this.name));
			this.lock = taken.orElse(null);
			this.renewed = now;
		}
		else {
			renew();
		}
		return this.lock != null;
	}

	/** Renews the lease once a third of it has passed, if this instance holds it; never takes it. */
	synchronized void renew() {
		Instant now = Instant.now();
		if (this.lock != null && Duration.between(this.renewed, now).compareTo(this.hold.dividedBy(3)) > 0) {
			Optional<SimpleLock> extended = this.lock.extend(this.hold, Duration.ZERO);
			if (extended.isEmpty()) {
				log.warn("The lease on the mailbox lapsed; another instance may read it now ({})", this.name);
			}
			this.lock = extended.orElse(null);
			this.renewed = now;
		}
	}

	synchronized void release() {
		if (this.lock != null) {
			try {
				this.lock.unlock();
				log.info("This instance gave back the mailbox ({})", this.name);
			}
			catch (RuntimeException ex) {
				log.warn("Could not give back the mailbox; another instance takes it when the lease lapses: {}", ex.toString());
			}
			this.lock = null;
		}
	}
}
