package vn.ictrank.report.review;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.report.ReportProperties;
import vn.ictrank.report.ranking.LateExceptions;
import vn.ictrank.report.ranking.Standing;
import vn.ictrank.report.replies.Replies;
import vn.ictrank.report.submissions.SubmissionStore;

/**
 * Reminders to the agencies whose form has not arrived, or whose every mail failed: when staff
 * press the button, and by themselves on the days before the deadline that the settings name,
 * for the campaign the dashboard opens on. Never two to one agency on the same day.
 */
@Component
public class Reminders {

	private static final Logger log = LoggerFactory.getLogger(Reminders.class);

	/** Who the audit log names for the reminders sent by the schedule. */
	static final String SCHEDULE = "lịch nhắc tự động";

	private final CampaignCatalog catalog;

	private final SubmissionStore store;

	private final LateExceptions lateExceptions;

	private final Replies replies;

	private final AuditLog audit;

	private final ReportProperties properties;

	/** The campaign's calendar: which day it is and whether the deadline passed. */
	private final Clock clock;

	private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "reminders");
		thread.setDaemon(true);
		return thread;
	});

	/** @param clock the system's, unless a {@link Clock} bean is given (to rehearse a campaign on another day) */
	Reminders(CampaignCatalog catalog, SubmissionStore store, LateExceptions lateExceptions, Replies replies, AuditLog audit,
			ReportProperties properties, org.springframework.beans.factory.ObjectProvider<Clock> clock) {
		this.clock = clock.getIfAvailable(Clock::systemUTC);
		this.catalog = catalog;
		this.store = store;
		this.lateExceptions = lateExceptions;
		this.replies = replies;
		this.audit = audit;
		this.properties = properties;
	}

	/** The agencies a reminder is for: nothing valid of theirs arrived yet. */
	public List<Agency> due(Campaign campaign) {
		Standing standing = Standing.of(campaign, this.store.ofCampaign(campaign.id()), this.lateExceptions.of(campaign.id()));
		return standing.agencies().stream()
			.filter(a -> a.state() == Standing.State.MISSING || a.state() == Standing.State.FAILED)
			.map(Standing.AgencyState::agency)
			.filter(a -> !a.emails().isEmpty())
			.toList();
	}

	/**
	 * Queues a reminder to every agency due one that has not had one today.
	 * @return how many were queued
	 */
	/** Whether reminders may still go: not once the deadline has passed. */
	public boolean open(Campaign campaign) {
		return this.clock.instant().isBefore(campaign.lateFrom());
	}

	public int send(Campaign campaign, String by) {
		if (!open(campaign)) {
			this.audit.record(campaign.id(), by, "Gửi thư nhắc", null, null, "không gửi: đã hết hạn nộp phiếu (" + campaign.deadlineText() + ")");
			return 0;
		}
		int queued = 0;
		for (Agency agency : due(campaign)) {
			if (this.replies.queueReminder(campaign, agency, this.clock.instant().atZone(campaign.zone()).toLocalDate(), by)) {
				queued++;
			}
		}
		this.audit.record(campaign.id(), by, "Gửi thư nhắc", null, null, queued + " cơ quan chưa nộp được nhắc"
				+ (queued == 0 ? " (đã nhắc hôm nay, hoặc không còn cơ quan nào chưa nộp)" : ""));
		return queued;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (this.properties.reminders().daysBefore().isEmpty() || this.properties.campaign() == null) {
			return;
		}
		this.schedule.scheduleWithFixedDelay(this::onSchedule, 1, this.properties.reminders().checkEvery().toSeconds(), TimeUnit.SECONDS);
	}

	@PreDestroy
	void stop() {
		this.schedule.shutdownNow();
	}

	private void onSchedule() {
		try {
			Campaign campaign = this.catalog.find(this.properties.campaign()).orElse(null);
			if (campaign == null) {
				return;
			}
			ZonedDateTime now = this.clock.instant().atZone(campaign.zone());
			LocalDate today = now.toLocalDate();
			long daysLeft = ChronoUnit.DAYS.between(today, campaign.deadline());
			if (this.properties.reminders().daysBefore().contains((int) daysLeft) && !now.toLocalTime().isBefore(this.properties.reminders().at())
					&& this.replies.firstScheduledRun(campaign.id(), today)) {
				int queued = send(campaign, SCHEDULE);
				log.info("Reminders {} days before the deadline: {} agencies", daysLeft, queued);
			}
		}
		catch (RuntimeException ex) {
			log.warn("The reminders could not be checked this time: {}", ex.toString());
		}
	}
}
