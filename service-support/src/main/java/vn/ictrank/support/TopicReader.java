package vn.ictrank.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of a topic from its beginning with a consumer of its own, outside any
 * consumer group, and goes on reading while the service runs: for state every instance needs
 * whole, whichever partitions its group gives it. It counts as caught up once it has read up to
 * where the topic ended when reading began. After a failure it connects again and goes on from
 * where it was, so that nothing is applied twice out of order.
 *
 * @param <V> the record values, as the consumer gives them
 */
public final class TopicReader<V> {

	private static final Logger log = LoggerFactory.getLogger(TopicReader.class);

	private static final Duration RETRY = Duration.ofSeconds(2);

	private final String topic;

	private final Supplier<Consumer<String, V>> consumers;

	private final java.util.function.Consumer<ConsumerRecord<String, V>> onRecord;

	private final Duration metadataWait;

	/** The next offset to read of each partition; also the monitor waiting is done on. */
	private final Map<Integer, Long> next = new HashMap<>();

	/** Guarded by {@link #next}. */
	private boolean caughtUp;

	/** Whether a reading failed before it caught up; guarded by {@link #next}. */
	private boolean failedBeforeCaughtUp;

	private volatile boolean running;

	private volatile Consumer<String, V> consumer;

	private Thread thread;

	/**
	 * @param consumers makes the consumer, once per connection; it must not commit nor create the topic
	 * @param onRecord applies a record, on the reader's thread, in each partition's order
	 * @param metadataWait how long to wait for the topic's partitions before trying again
	 */
	public TopicReader(String topic, Supplier<Consumer<String, V>> consumers, java.util.function.Consumer<ConsumerRecord<String, V>> onRecord,
			Duration metadataWait) {
		this.topic = topic;
		this.consumers = consumers;
		this.onRecord = onRecord;
		this.metadataWait = metadataWait;
	}

	public void start() {
		this.running = true;
		this.thread = new Thread(this::read, "topic-reader-" + this.topic);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	public void stop() {
		this.running = false;
		Consumer<String, V> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
		if (this.thread != null) {
			try {
				this.thread.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	public boolean isRunning() {
		return this.running;
	}

	/** Whether everything the topic held when reading began has been read. */
	public boolean caughtUp() {
		synchronized (this.next) {
			return this.caughtUp;
		}
	}

	/**
	 * Waits until caught up, through failed readings.
	 * @return whether it caught up within {@code timeout}
	 */
	public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
		return await(timeout, false, Map.of());
	}

	/**
	 * Waits until caught up, or until a reading failed first (the broker does not answer: waiting
	 * would hold up a start that can go on without it).
	 * @return whether it caught up
	 */
	public boolean awaitCaughtUpUnlessUnreachable(Duration timeout) throws InterruptedException {
		return await(timeout, true, Map.of());
	}

	/**
	 * Waits until caught up and each partition of {@code upTo} has been read up to the offset given.
	 * @throws IllegalStateException when it has not within {@code timeout}
	 */
	public void awaitRead(Map<Integer, Long> upTo, Duration timeout) throws InterruptedException {
		if (!await(timeout, false, upTo)) {
			throw new IllegalStateException(this.topic + " is still being read");
		}
	}

	private boolean await(Duration timeout, boolean unlessUnreachable, Map<Integer, Long> upTo) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.next) {
			while (!this.caughtUp || !upTo.entrySet().stream().allMatch(e -> this.next.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
				long left = deadline - System.nanoTime();
				if (left <= 0 || (unlessUnreachable && this.failedBeforeCaughtUp)) {
					return false;
				}
				this.next.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
			}
			return true;
		}
	}

	private void advanced(Map<Integer, Long> positions, boolean atEnd) {
		synchronized (this.next) {
			this.next.putAll(positions);
			this.caughtUp |= atEnd;
			this.next.notifyAll();
		}
	}

	private void failed() {
		synchronized (this.next) {
			this.failedBeforeCaughtUp |= !this.caughtUp;
			this.next.notifyAll();
		}
	}

	private Map<Integer, Long> positions() {
		synchronized (this.next) {
			return new HashMap<>(this.next);
		}
	}

	private void read() {
		while (this.running) {
			try (Consumer<String, V> reading = this.consumers.get()) {
				this.consumer = reading;
				List<PartitionInfo> infos = reading.partitionsFor(this.topic, this.metadataWait);
				if (infos == null || infos.isEmpty()) {
					// Nothing was ever written to it: there is nothing to catch up with yet.
					advanced(Map.of(), true);
					TimeUnit.MILLISECONDS.sleep(RETRY.toMillis());
					continue;
				}
				List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
				reading.assign(partitions);
				Map<Integer, Long> from = positions();
				for (TopicPartition partition : partitions) {
					Long position = from.get(partition.partition());
					if (position == null) {
						reading.seekToBeginning(List.of(partition));
					}
					else {
						reading.seek(partition, position);
					}
				}
				Map<TopicPartition, Long> end = new HashMap<>(reading.endOffsets(partitions, this.metadataWait));
				while (this.running) {
					for (ConsumerRecord<String, V> record : reading.poll(Duration.ofSeconds(1))) {
						this.onRecord.accept(record);
					}
					Map<Integer, Long> now = new HashMap<>();
					partitions.forEach(tp -> now.put(tp.partition(), reading.position(tp)));
					end.keySet().removeIf(tp -> now.get(tp.partition()) >= end.get(tp));
					advanced(now, end.isEmpty());
				}
			}
			catch (WakeupException ex) {
				// Stopping.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				failed();
				log.warn("Reading {} failed, trying again in {}: {}", this.topic, RETRY, ex.toString());
				try {
					TimeUnit.MILLISECONDS.sleep(RETRY.toMillis());
				}
				catch (InterruptedException stop) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			finally {
				this.consumer = null;
			}
		}
	}
}
