package vn.ictrank.report;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readings made again on one background thread while the dashboard's requests are served the
 * last one: on deadline day the overview is asked for many times a second, and a request that
 * waited for thousands of documents to be read was what made it slow. At most one reading of a
 * key is under way at a time, however many requests find it stale; one that fails leaves what is
 * held to stand until the next request asks again.
 */
public final class BackgroundReads implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(BackgroundReads.class);

	private final ExecutorService thread;

	private final Set<String> underWay = ConcurrentHashMap.newKeySet();

	public BackgroundReads(String threadName) {
		this.thread = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, threadName);
			t.setDaemon(true);
			return t;
		});
	}

	/** Reads the key again in the background, unless a reading of it is already under way. */
	public void readAgain(String key, Runnable reading) {
		if (!this.underWay.add(key)) {
			return;
		}
		try {
			this.thread.execute(() -> {
				try {
					reading.run();
				}
				catch (RuntimeException ex) {
					log.debug("Reading {} again failed; the last reading stands: {}", key, ex.toString());
				}
				finally {
					this.underWay.remove(key);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// Stopping.
			this.underWay.remove(key);
		}
	}

	@Override
	public void close() {
		this.thread.shutdownNow();
	}
}
