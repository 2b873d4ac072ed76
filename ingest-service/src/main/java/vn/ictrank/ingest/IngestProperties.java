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
 * @param limits what one attachment may cost to read
 * @param trustedAuthservId the authserv-id with which the Department's own mail server writes its
 *        Authentication-Results header; a mail whose DMARC check failed there is quarantined. No
 *        default: without it no such header is trusted, since a sender can write one of their own
 * @param partitions partitions of the submissions and forms topics when this service creates them:
 *        the most report and scoring instances that share their events
 */
@ConfigurationProperties("ictrank.ingest")
public record IngestProperties(@DefaultValue("campaigns") String campaignsDir, String campaign,
		@DefaultValue("10MB") DataSize maxAttachmentSize, @DefaultValue Mail mail, @DefaultValue Limits limits,
		String trustedAuthservId, @DefaultValue("3") int partitions) {

	/**
	 * What reading one attachment may cost. A file beyond any of them is refused with the reason,
	 * before it can take the memory or the time that every other mail needs.
	 *
	 * @param maxInflatedSize the most a compressed file (a workbook, a .zip) may unpack to, all its parts together
	 * @param maxXmlPartSize the most one XML part of a workbook or document may unpack to; a form's sheet is a few
	 *        dozen kilobytes, and an XML tree in memory is ten times its text
	 * @param maxEntries the most parts a compressed file may hold
	 * @param maxCells the most cells read from one workbook
	 * @param maxFiles the most files read from one mail, containers unpacked
	 * @param maxNesting how deep archives inside archives and mail inside mail are opened
	 * @param parseTimeout the longest one attachment may take to read
	 */
	public record Limits(@DefaultValue("48MB") DataSize maxInflatedSize, @DefaultValue("4MB") DataSize maxXmlPartSize,
			@DefaultValue("1000") int maxEntries, @DefaultValue("200000") int maxCells, @DefaultValue("100") int maxFiles,
			@DefaultValue("4") int maxNesting, @DefaultValue("10s") Duration parseTimeout) {
	}

	/**
	 * @param protocol {@code imap} or {@code imaps}
	 * @param host mail server host
	 * @param port mail server port
	 * @param username mailbox login
	 * @param password mailbox password; give it through the environment, never in a file
	 * @param folder folder that receives the forms
	 * @param mode {@code idle} to be told of new mail at once, {@code poll} to look every {@code pollInterval}
	 * @param pollInterval how often to look for mail in {@code poll} mode
	 * @param safetyPoll in {@code idle} mode, the longest wait before the mailbox is searched again even
	 *        though the server announced nothing; it also restarts an IDLE that a server or a network
	 *        dropped without a word
	 * @param reconnectDelay longest wait after a failure before trying again (the first wait is a second, then each doubles)
	 * @param timeout connect and read timeout of the IMAP connection
	 * @param maxMessagesPerRound how many unmarked messages are fetched in one round, oldest first
	 * @param maxMessageSize a larger message is not downloaded: its headers are archived and the sender
	 *        is told it was too large
	 * @param maxAttempts how many times a message that fails the same way is tried before it is set
	 *        aside with an explanation, so that it cannot hold up the mail behind it
	 * @param marking how a processed message is marked: {@code keyword} sets {@code archivedFlag},
	 *        {@code folder} moves it to {@code processedFolder}, {@code auto} uses the keyword where the
	 *        server keeps keywords (Exchange and Office 365 do not) and the folder elsewhere
	 * @param archivedFlag IMAP keyword set on a message once it is archived; messages with it are not fetched again
	 * @param processedFolder folder processed messages are moved to when they are marked by folder
	 * @param lease how long the right to read the mailbox lasts without renewal: with several ingest
	 *        instances one reads and the others stand by, and one of them takes over this long after
	 *        the reader died (at once when it stopped)
	 * @param workers how many mails are archived, read and published at once while the reader fetches
	 *        the next; each holds one fetched mail in memory. The connection itself stays one.
	 */
	public record Mail(@DefaultValue("imap") String protocol, @DefaultValue("localhost") String host,
			@DefaultValue("3143") int port, String username, String password, @DefaultValue("INBOX") String folder,
			@DefaultValue("idle") Mode mode, @DefaultValue("30s") Duration pollInterval,
			@DefaultValue("5s") Duration safetyPoll, @DefaultValue("10s") Duration reconnectDelay,
			@DefaultValue("30s") Duration timeout, @DefaultValue("50") int maxMessagesPerRound,
			@DefaultValue("40MB") DataSize maxMessageSize, @DefaultValue("3") int maxAttempts,
			@DefaultValue("auto") Marking marking, @DefaultValue("ictrank-archived") String archivedFlag,
			@DefaultValue("Đã xử lý") String processedFolder, @DefaultValue("20s") Duration lease,
			@DefaultValue("2") int workers) {
	}

	public enum Mode {
		IDLE, POLL
	}

	public enum Marking {
		AUTO, KEYWORD, FOLDER
	}
}
