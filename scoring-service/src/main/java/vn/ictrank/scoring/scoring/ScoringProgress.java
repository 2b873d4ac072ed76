package vn.ictrank.scoring.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.model.campaign.Expression;
import vn.ictrank.model.campaign.ExpressionParser;

/**
 * What scoring had published before it was last stopped. Every commit of the forms topic's
 * offsets carries what the results were worked out with: the version of the campaign files and
 * of the scoring code. When both are the same at the next start, the results of the forms before
 * the committed offset are the ones already published (scoring is deterministic), so rebuilding
 * the groups republishes nothing. When either changed (a corrected criteria set, a new release),
 * every current form is scored again and its result published; until every such partition has
 * caught up, commits say so, and a stop midway starts the rebuild again.
 */
@Configuration(proxyBeanMethods = false)
class ScoringProgress {

	private static final Logger log = LoggerFactory.getLogger(ScoringProgress.class);

	/** The code whose results a stored version stands for; their nested classes are included. */
	private static final List<Class<?>> SCORING_CODE = List.of(FormScoring.class, GroupScorer.class, Checks.class, Expression.class,
			ExpressionParser.class);

	private static final String REBUILDING = "rebuilding";

	private final CampaignCatalog catalog;

	/** Worked out on first use, once the campaigns defined on the dashboard have been read. */
	private volatile String version;

	/** The partitions whose committed results were worked out as they would be now. */
	private final Set<Integer> sameVersion = ConcurrentHashMap.newKeySet();

	/** The partitions rebuilt with another version whose results are not all published yet. */
	private final Set<Integer> rebuilding = ConcurrentHashMap.newKeySet();

	private final GroupsRebuilt readiness;

	ScoringProgress(CampaignCatalog catalog, GroupsRebuilt readiness) {
		this.catalog = catalog;
		this.readiness = readiness;
	}

	/** Whether the results of {@code partition}'s forms before its committed offset were published as they would be now. */
	boolean alreadyPublished(int partition) {
		return this.sameVersion.contains(partition);
	}

	/** Every result of {@code partition}'s forms before its committed offset is published now, or is being with this batch. */
	void caughtUp(int partition) {
		this.rebuilding.remove(partition);
	}

	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> scoringProgressRecorder() {
		return container -> {
			container.getContainerProperties().setOffsetAndMetadataProvider((listener, offset) -> new OffsetAndMetadata(offset,
					this.rebuilding.isEmpty() ? version() : REBUILDING));
			container.getContainerProperties().setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {

				@Override
				public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
					assigned(consumer, partitions);
				}

				@Override
				public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
					ScoringProgress.this.readiness.revoked(partitions);
					partitions.forEach(p -> {
						ScoringProgress.this.sameVersion.remove(p.partition());
						ScoringProgress.this.rebuilding.remove(p.partition());
					});
				}
			});
		};
	}

	private void assigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		for (TopicPartition partition : partitions) {
			try {
				// Read again from its beginning: when that is where it stood (nothing kept before it), there is nothing to rebuild.
				this.readiness.read(partition, consumer.position(partition));
			}
			catch (RuntimeException ex) {
				log.debug("Position of {} not known yet: the rebuild is followed by the records read", partition);
			}
		}
		Map<TopicPartition, OffsetAndMetadata> committed;
		try {
			committed = consumer.committed(new HashSet<>(partitions));
		}
		catch (RuntimeException ex) {
			// Not knowing what was published, publish it all again: duplicates, which consumers ignore, never a gap.
			log.warn("Committed offsets of {} could not be read; their forms are scored and published again: {}", partitions, ex.toString());
			committed = Map.of();
			partitions.forEach(p -> this.rebuilding.add(p.partition()));
		}
		for (TopicPartition partition : partitions) {
			OffsetAndMetadata at = committed.get(partition);
			if (at != null && version().equals(at.metadata())) {
				this.sameVersion.add(partition.partition());
				this.rebuilding.remove(partition.partition());
			}
			else {
				this.sameVersion.remove(partition.partition());
				if (at != null) {
					this.rebuilding.add(partition.partition());
					log.info("{} was committed by another version of the campaign files or scoring ({} -> {}): its forms are scored again",
							partition, at.metadata(), version());
				}
			}
		}
	}

	/**
	 * The campaign files, what in the campaigns defined on the dashboard changes a score (their
	 * criteria, and which agencies are left out of the ranking, since those are never a group's
	 * best), and the scoring code. A roster's addresses change no score and are left out.
	 */
	private String version() {
		String known = this.version;
		if (known == null) {
			StringBuilder scoring = new StringBuilder();
			this.catalog.campaigns().stream().sorted(java.util.Comparator.comparing(vn.ictrank.model.campaign.Campaign::id)).forEach(c -> {
				scoring.append(c.id()).append(':');
				c.forms().forEach((group, form) -> scoring.append(group).append('=').append(form.criteria().version()).append(','));
				c.agencies().stream().filter(a -> a.excludedBecause() != null).forEach(a -> scoring.append('-').append(a.id()));
				scoring.append('\n');
			});
			known = this.catalog.version() + "+" + digest(scoring.toString()) + "+" + codeVersion();
			this.version = known;
		}
		return known;
	}

	private static String digest(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
				.substring(0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The start of the SHA-256 of the scoring code's class files. */
	private static String codeVersion() {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (Class<?> type : SCORING_CODE) {
				addClass(digest, type);
			}
			return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void addClass(MessageDigest digest, Class<?> type) {
		String file = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
		try (InputStream in = type.getResourceAsStream(file)) {
			if (in != null) {
				digest.update(in.readAllBytes());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		for (Class<?> nested : type.getDeclaredClasses()) {
			addClass(digest, nested);
		}
	}
}
