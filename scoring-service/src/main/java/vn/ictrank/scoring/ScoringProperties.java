package vn.ictrank.scoring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the scoring service, under {@code ictrank.scoring}.
 *
 * @param campaignsDir folder holding one sub-folder per campaign
 */
@ConfigurationProperties("ictrank.scoring")
public record ScoringProperties(@DefaultValue("campaigns") String campaignsDir) {
}
