package vn.ictrank.scoring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the scoring service, under {@code ictrank.scoring}.
 *
 * @param campaignsDir folder holding one sub-folder per campaign
 * @param partitions partitions of the scores topic when this service creates it: the most report
 *        instances that share its events
 */
@ConfigurationProperties("ictrank.scoring")
public record ScoringProperties(@DefaultValue("campaigns") String campaignsDir, @DefaultValue("3") int partitions) {
}
