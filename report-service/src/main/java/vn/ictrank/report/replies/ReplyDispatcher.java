package vn.ictrank.report.replies;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.report.ReportProperties;

/**
 * Sends the queued replies through the SMTP server of {@code spring.mail.*}; without one they
 * wait, listed on each submission's page. Each reply is claimed before it is handed to the
 * server and recorded as sent after, so that instances never send the same reply; a reply whose
 * sender stopped in between is left for staff to check rather than sent a second time.
 */
@Component
class ReplyDispatcher {

	private static final Logger log = LoggerFactory.getLogger(ReplyDispatcher.class);

	private final Replies replies;

	private final ObjectProvider<JavaMailSender> mailSender;

	private final CampaignCatalog catalog;

	private final ReportProperties.Replies settings;

	private final MeterRegistry meters;

	private final String instance = UUID.randomUUID().toString();

	private final Clock clock = Clock.systemUTC();

	private final AtomicBoolean woken = new AtomicBoolean();

	/** How many letters one search of the outbox takes up. */
	private static final int BATCH = 50;

	/** How long a newly queued letter waits for others before the outbox is searched. */
	private static final Duration GATHER = Duration.ofMillis(250);

	/** Only the worker thread reads and writes it. */
	private Instant lastInterruptedCheck = Instant.EPOCH;

	private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "replies");
		thread.setDaemon(true);
		return thread;
	});

	ReplyDispatcher(Replies replies, ObjectProvider<JavaMailSender> mailSender, CampaignCatalog catalog, ReportProperties properties,
			MeterRegistry meters) {
		this.replies = replies;
		this.mailSender = mailSender;
		this.catalog = catalog;
		this.settings = properties.replies();
		this.meters = meters;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (this.mailSender.getIfAvailable() == null) {
			log.info("No SMTP server is set (spring.mail.host): replies to agencies are kept and wait until one is");
			return;
		}
		this.replies.whenQueued(this::wake);
		long every = this.settings.pollInterval().toMillis();
		this.worker.scheduleWithFixedDelay(this::round, 0, every, TimeUnit.MILLISECONDS);
	}

	/** Lets the letter being handed to the server finish, so that a deploy leaves none uncertain. */
	@PreDestroy
	void stop() throws InterruptedException {
		this.worker.shutdown();
		if (!this.worker.awaitTermination(20, TimeUnit.SECONDS)) {
			this.worker.shutdownNow();
		}
	}

	private void wake() {
		if (this.woken.compareAndSet(false, true)) {
			try {
				// A moment's wait gathers the letters of a burst into one search of the outbox; nobody waits for a receipt to the millisecond.
				this.worker.schedule(this::round, GATHER.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (java.util.concurrent.RejectedExecutionException ex) {
				// Stopping: the letter is queued, and the next instance to start sends it.
			}
		}
	}

	/** Sends every reply due; a failure of the database or the server ends the round, never the worker. */
	private void round() {
		this.woken.set(false);
		try {
			Instant now = this.clock.instant();
			// A search of every letter being sent: once in a while is enough for something that takes minutes to matter.
			if (this.lastInterruptedCheck.plus(this.settings.claimTimeout().dividedBy(4)).isBefore(now)) {
				this.lastInterruptedCheck = now;
				long interrupted = this.replies.interruptedBefore(now.minus(this.settings.claimTimeout()));
				if (interrupted > 0) {
					log.warn("{} replies were being sent by an instance that stopped; left for staff to check", interrupted);
					this.meters.counter("ictrank.report.replies", "outcome", "uncertain").increment(interrupted);
				}
			}
			List<String> due;
			while (!this.worker.isShutdown() && !(due = this.replies.due(BATCH)).isEmpty()) {
				for (String id : due) {
					if (this.worker.isShutdown()) {
						return;
					}
					this.replies.claim(id, this.instance).ifPresent(this::send);
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Replies could not be sent this round: {}", ex.toString());
		}
	}

	private void send(ReplyDocument reply) {
		JavaMailSender sender = this.mailSender.getObject();
		try {
			sender.send(message(sender, reply));
		}
		catch (MailSendException ex) {
			if (refusedForGood(ex)) {
				failed(reply, ex);
			}
			else {
				retry(reply, ex);
			}
			return;
		}
		catch (MailPreparationException ex) {
			failed(reply, ex);
			return;
		}
		catch (MailException ex) {
			retry(reply, ex);
			return;
		}
		this.replies.sent(reply);
		this.meters.counter("ictrank.report.replies", "outcome", "sent").increment();
		log.info("Sent {} to {} ({})", reply.kind(), reply.to(), reply.id());
	}

	private MimeMessage message(JavaMailSender sender, ReplyDocument reply) {
		String from = this.catalog.find(reply.campaignId()).map(Campaign::mailbox)
			.orElseThrow(() -> new MailPreparationException("Campaign " + reply.campaignId() + " is not loaded"));
		MimeMessage message = sender.createMimeMessage();
		try {
			MimeMessageHelper letter = new MimeMessageHelper(message, false, "UTF-8");
			letter.setFrom(from);
			letter.setTo(jakarta.mail.internet.InternetAddress.parse(reply.to()));
			letter.setSubject(reply.subject());
			letter.setText(reply.body(), false);
			// Kept by JavaMailSenderImpl when it saves the message: the same id on every attempt.
			message.setHeader("Message-ID", reply.messageId());
			if (reply.inReplyTo() != null) {
				message.setHeader("In-Reply-To", reply.inReplyTo());
				message.setHeader("References", reply.inReplyTo());
			}
			// RFC 3834: the agency's out-of-office answer must not answer us, and ours never answers it.
			message.setHeader("Auto-Submitted", "auto-replied");
			message.setHeader("X-Auto-Response-Suppress", "All");
		}
		catch (MessagingException ex) {
			throw new MailPreparationException("The reply to " + reply.to() + " cannot be written", ex);
		}
		return message;
	}

	/** Whether the server refused the recipient itself, which no later attempt changes. */
	private static boolean refusedForGood(MailSendException ex) {
		return ex.getFailedMessages().values().stream()
			.anyMatch(cause -> cause instanceof SendFailedException failed && failed.getInvalidAddresses() != null
					&& failed.getInvalidAddresses().length > 0);
	}

	private void retry(ReplyDocument reply, MailException ex) {
		long factor = 1L << Math.min(reply.attempts(), 10);
		Duration wait = this.settings.pollInterval().multipliedBy(factor);
		if (wait.compareTo(this.settings.maxBackoff()) > 0) {
			wait = this.settings.maxBackoff();
		}
		this.replies.retryLater(reply, "Máy chủ gửi thư chưa nhận thư (" + ex.getMostSpecificCause().getMessage() + "); sẽ thử lại.",
				this.clock.instant().plus(wait));
		this.meters.counter("ictrank.report.replies", "outcome", "retry").increment();
		log.warn("The reply to {} will be tried again in {}: {}", reply.to(), wait, ex.getMostSpecificCause().toString());
	}

	private void failed(ReplyDocument reply, MailException ex) {
		this.replies.failed(reply, "Máy chủ gửi thư từ chối: " + ex.getMostSpecificCause().getMessage());
		this.meters.counter("ictrank.report.replies", "outcome", "failed").increment();
		log.warn("The reply to {} was refused: {}", reply.to(), ex.getMostSpecificCause().toString());
	}
}
