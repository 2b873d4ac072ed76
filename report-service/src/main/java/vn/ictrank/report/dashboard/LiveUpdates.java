package vn.ictrank.report.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;

import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import vn.ictrank.report.submissions.SubmissionChanged;
import vn.ictrank.report.submissions.SubmissionDocument;
import vn.ictrank.report.submissions.SubmissionStatus;

/**
 * Pushes every change of a submission to the dashboard pages open now, as server-sent events, so
 * that no page has to ask again and again whether anything changed. Sending happens on a thread of
 * its own: a slow browser never holds up the consumer that applies events.
 */
@Component
class LiveUpdates {

	/** A browser reconnects by itself (EventSource) once this has passed. */
	private static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

	private final Set<SseEmitter> pages = ConcurrentHashMap.newKeySet();

	/** A comment this often keeps proxies from closing a quiet stream and shows the server a page that went away. */
	private static final Duration HEARTBEAT = Duration.ofSeconds(20);

	private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "dashboard-live-updates");
		thread.setDaemon(true);
		return thread;
	});

	private final MeterRegistry meters;

	LiveUpdates(MeterRegistry meters) {
		this.meters = meters;
		this.sender.scheduleAtFixedRate(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void heartbeat() {
		for (SseEmitter page : this.pages) {
			try {
				page.send(SseEmitter.event().comment(""));
			}
			catch (IOException | IllegalStateException ex) {
				this.pages.remove(page);
			}
		}
	}

	SseEmitter subscribe() {
		SseEmitter page = new SseEmitter(STREAM_LIFETIME.toMillis());
		page.onCompletion(() -> this.pages.remove(page));
		page.onTimeout(() -> {
			this.pages.remove(page);
			page.complete();
		});
		page.onError(ex -> this.pages.remove(page));
		this.pages.add(page);
		try {
			// Sent at once so that the browser and any proxy between see the stream is open.
			page.send(SseEmitter.event().comment("ictrank"));
		}
		catch (IOException ex) {
			this.pages.remove(page);
		}
		return page;
	}

	@EventListener
	void on(SubmissionChanged change) {
		SubmissionDocument now = change.now();
		if (this.pages.isEmpty()) {
			return;
		}
		SubmissionStatus status = SubmissionStatus.of(now);
		Change data = new Change(now.id(), now.campaignId(), change.before() == null ? null : SubmissionStatus.of(change.before()).name(),
				status.name(), status.label(), status.css(), now.subject(),
				now.score() == null ? null : DashboardController.twoDecimals(now.score().total()),
				now.score() == null ? null : now.score().bandLabel(), now.rejection() == null ? null : now.rejection().message());
		this.sender.execute(() -> {
			Timer.Sample push = Timer.start(this.meters);
			for (SseEmitter page : this.pages) {
				try {
					page.send(SseEmitter.event().name("ho-so").data(data, MediaType.APPLICATION_JSON));
				}
				catch (IOException | IllegalStateException ex) {
					// The page was closed; it reconnects if it was not.
					this.pages.remove(page);
				}
			}
			push.stop(this.meters.timer("ictrank.report.stage", "stage", "push"));
		});
	}

	@PreDestroy
	void close() {
		this.pages.forEach(SseEmitter::complete);
		this.sender.shutdownNow();
	}

	/**
	 * What a page is told of a changed submission: enough to redraw its row and the counters in
	 * place ({@code was} is its status before, {@code null} for a submission new to the page).
	 */
	record Change(String id, String campaign, String was, String status, String label, String css, String subject, String total,
			String band, String reason) {
	}
}
