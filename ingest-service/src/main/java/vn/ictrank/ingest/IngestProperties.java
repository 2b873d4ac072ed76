package vn.ictrank.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the ingest service, under {@code ictrank.ingest}.
 *
 * @param campaignsDir folder holding one sub-folder per campaign
 * @param campaign id of the campaign whose mailbox is watched
 * @param maxAttachmentSize larger attachments are rejected without being opened
 * @param mail the mailbox
 */
@ConfigurationProperties("ictrank.ingest")
public record IngestProperties(@DefaultValue("campaigns") String campaignsDir, String campaign,
		@DefaultValue("10MB") DataSize maxAttachmentSize, @DefaultValue Mail mail) {

	/**
	 * @param protocol {@code imap} or {@code imaps}
	 * @param host mail server host
	 * @param port mail server port
	 * @param username mailbox login
	 * @param password mailbox password; give it through the environment, never in a file
	 * @param folder folder that receives the forms
	 * @param mode {@code idle} to be told of new mail at once, {@code poll} to look every {@code pollInterval}
	 * @param pollInterval how often to look for mail in {@code poll} mode
	 * @param idleRestart how often an IDLE wait is restarted, so that a connection the server
	 *        dropped silently is noticed
	 * @param reconnectDelay wait after a failure before trying again
	 * @param timeout connect and read timeout of the IMAP connection
	 * @param archivedFlag IMAP keyword set on a message once it is archived; messages with it are not fetched again
	 */
	public record Mail(@DefaultValue("imap") String protocol, @DefaultValue("localhost") String host,
			@DefaultValue("3143") int port, String username, String password, @DefaultValue("INBOX") String folder,
			@DefaultValue("idle") Mode mode, @DefaultValue("30s") Duration pollInterval,
			@DefaultValue("120s") Duration idleRestart, @DefaultValue("10s") Duration reconnectDelay,
			@DefaultValue("30s") Duration timeout, @DefaultValue("ictrank-archived") String archivedFlag) {
	}

	public enum Mode {
		IDLE, POLL
	}
}
