package vn.ictrank.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may read metrics and the other actuator endpoints of a service without pages of its own;
 * health is open to probes.
 *
 * @param username login name
 * @param password no default: without one only health answers. Give it through the environment
 *        ({@code ICTRANK_OPERATOR_PASSWORD}), never in a file
 */
@ConfigurationProperties("ictrank.operator")
public record OperatorProperties(@DefaultValue("ops") String username, String password) {
}
