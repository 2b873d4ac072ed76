package vn.ictrank.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;

import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.model.campaign.CampaignDefined;
import vn.ictrank.model.event.Topics;

/**
 * Keeps the service's {@link CampaignCatalog} up to date with the campaigns staff define on the
 * dashboard: it reads {@link Topics#CAMPAIGNS} from the start with a consumer of its own, outside
 * any group, since every instance of every service needs every definition, and goes on reading
 * while the service runs. The start waits for what the topic held, up to
 * {@code ictrank.campaigns.startup-wait}, so that a service does not take mail or score forms on a
 * roster older than the one staff see; a broker that does not answer ends the wait at once.
 */
public class CampaignStore implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CampaignStore.class);

	private final CampaignCatalog catalog;

	private final KafkaProperties kafka;

	private final CampaignStoreProperties properties;

	private final TopicReader<byte[]> reader;

	private KafkaProducer<String, byte[]> producer;

	public CampaignStore(CampaignCatalog catalog, KafkaProperties kafka, CampaignStoreProperties properties) {
		this.catalog = catalog;
		this.kafka = kafka;
		this.properties = properties;
		this.reader = new TopicReader<>(Topics.CAMPAIGNS, this::consumer, this::apply, Duration.ofSeconds(3));
	}

	/**
	 * Stores a definition staff made, once the broker has it on every replica, and applies it here at
	 * once; every other instance applies it as it reads it.
	 * @return the problems found in it, by file and line; nothing was stored when there are any
	 * @throws IllegalStateException when the broker did not take it within the wait: nothing changed
	 */
	public List<String> define(CampaignDefined definition) {
		List<String> problems = this.catalog.problems(definition);
		if (!problems.isEmpty()) {
			return problems;
		}
		try {
			producer().send(new ProducerRecord<>(Topics.CAMPAIGNS, definition.campaignId(), definition.toJson()))
				.get(this.properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while storing campaign " + definition.campaignId(), ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The broker did not take campaign " + definition.campaignId() + ": " + ex, ex);
		}
		return this.catalog.define(definition);
	}

	private synchronized KafkaProducer<String, byte[]> producer() {
		if (this.producer == null) {
			Map<String, Object> config = new HashMap<>(this.kafka.buildProducerProperties());
			config.put(ProducerConfig.ACKS_CONFIG, "all");
			config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
			config.put(ProducerConfig.CLIENT_ID_CONFIG, "ictrank-campaigns-" + ProcessHandle.current().pid());
			this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
		}
		return this.producer;
	}

	@Override
	public void start() {
		this.reader.start();
		try {
			if (!this.reader.awaitCaughtUpUnlessUnreachable(this.properties.startupWait())) {
				log.warn("Campaigns defined on the dashboard not read from {} within {}: going on with the campaign folders, and reading on",
						Topics.CAMPAIGNS, this.properties.startupWait());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Whether everything the topic held at the start has been read. */
	public boolean caughtUp() {
		return this.reader.caughtUp();
	}

	/**
	 * Waits until everything the topic held at the start has been read, through a broker's outage.
	 * @return whether it was within {@code timeout}
	 */
	public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
		return this.reader.awaitCaughtUp(timeout);
	}

	@Override
	public void stop() {
		this.reader.stop();
		synchronized (this) {
			if (this.producer != null) {
				this.producer.close(Duration.ofSeconds(5));
				this.producer = null;
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.reader.isRunning();
	}

	/** Before the listeners start, so that no mail or form is taken on a roster older than the stored one. */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 1000;
	}

	private KafkaConsumer<String, byte[]> consumer() {
		Map<String, Object> config = new HashMap<>(this.kafka.buildConsumerProperties());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		// A consumer must not create the topic: it would not be compacted.
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ictrank-campaigns-reader-" + ProcessHandle.current().pid());
		return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
	}

	private void apply(ConsumerRecord<String, byte[]> record) {
		if (record.value() == null) {
			return;
		}
		try {
			CampaignDefined definition = CampaignDefined.fromJson(record.value());
			List<String> problems = this.catalog.define(definition);
			if (problems.isEmpty()) {
				log.info("Campaign {} as {} defined it on {}: {}", definition.campaignId(), definition.definedBy(), definition.definedAt(),
						definition.change());
			}
			else {
				log.warn("Campaign {} at offset {} of {} not taken: {}", definition.campaignId(), record.offset(), Topics.CAMPAIGNS, problems);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Record at offset {} of {} is not a campaign definition this build reads: {}", record.offset(), Topics.CAMPAIGNS,
					ex.toString());
		}
	}
}
