package vn.ictrank.scoring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the scoring service, under {@code ictrank.scoring}.
 *
 * @param campaignsDir folder holding one sub-folder per campaign
 * @param operator the login for the actuator endpoints other than health
 */
@ConfigurationProperties("ictrank.scoring")
public record ScoringProperties(@DefaultValue("campaigns") String campaignsDir, @DefaultValue Operator operator) {

	/**
	 * Who may read metrics and the other actuator endpoints; health is open to probes.
	 *
	 * @param username login name
	 * @param password no default: without one only health answers. Give it through the environment
	 *        ({@code ICTRANK_SCORING_OPERATOR_PASSWORD})
	 */
	public record Operator(@DefaultValue("ops") String username, String password) {
	}
}
