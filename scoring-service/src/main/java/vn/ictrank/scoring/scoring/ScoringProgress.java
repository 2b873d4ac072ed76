package vn.ictrank.scoring.scoring;

import java.util.Collection;
import java.util.HashSet;
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

/**
 * What scoring had published before it was last stopped. Every commit of the forms topic's
 * offsets carries the version of the campaign files the results were worked out with; when the
 * files are the same at the next start, the results of the forms before the committed offset are
 * the ones already published (scoring is deterministic), so rebuilding the groups republishes
 * nothing. When the files changed (a corrected criteria set), every current form is scored again
 * and its result published.
 */
@Configuration(proxyBeanMethods = false)
class ScoringProgress {

	private static final Logger log = LoggerFactory.getLogger(ScoringProgress.class);

	private final String catalogVersion;

	/** The partitions whose committed results were worked out with the campaign files as they are now. */
	private final Set<Integer> sameFiles = ConcurrentHashMap.newKeySet();

	ScoringProgress(CampaignCatalog catalog) {
		this.catalogVersion = catalog.version();
	}

	/** Whether the results of {@code partition}'s forms before its committed offset were published with today's files. */
	boolean publishedWithTheseFiles(int partition) {
		return this.sameFiles.contains(partition);
	}

	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> scoringProgressRecorder() {
		return container -> {
			container.getContainerProperties().setOffsetAndMetadataProvider((listener, offset) -> new OffsetAndMetadata(offset, this.catalogVersion));
			container.getContainerProperties().setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {

				@Override
				public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
					Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
					for (TopicPartition partition : partitions) {
						OffsetAndMetadata at = committed.get(partition);
						if (at != null && ScoringProgress.this.catalogVersion.equals(at.metadata())) {
							ScoringProgress.this.sameFiles.add(partition.partition());
						}
						else {
							ScoringProgress.this.sameFiles.remove(partition.partition());
							if (at != null) {
								log.info("Campaign files changed since {} was last committed ({} -> {}): its forms are scored again",
										partition, at.metadata(), ScoringProgress.this.catalogVersion);
							}
						}
					}
				}
			});
		};
	}
}
