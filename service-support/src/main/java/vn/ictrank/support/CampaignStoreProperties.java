package vn.ictrank.support;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service reads the campaigns staff define on the dashboard.
 *
 * @param startupWait how long the start waits to have read them all; after that the service goes
 *        on with its campaign folders and takes the definitions as they come
 * @param sendTimeout how long the dashboard waits for the broker to take a definition before it
 *        tells staff nothing was changed
 */
@ConfigurationProperties("ictrank.campaigns")
public record CampaignStoreProperties(@DefaultValue("15s") Duration startupWait, @DefaultValue("15s") Duration sendTimeout) {
}
