package vn.ictrank.report.replies;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.report.BackgroundReads;
import vn.ictrank.report.ReportProperties;
import vn.ictrank.report.submissions.SubmissionApplied;
import vn.ictrank.report.submissions.SubmissionDocument;

/**
 * The letters to agencies, kept in MongoDB as an outbox and sent from there by
 * {@link ReplyDispatcher}: a receipt written once, when a submission's outcome is first known,
 * a return for correction when staff send a form back, reminders to those who have not sent.
 * A slow mail server never holds up the events, and nothing that comes twice writes a second letter.
 */
@Component
public class Replies {

	private final MongoTemplate mongo;

	private final CampaignCatalog catalog;

	private final ReportProperties.Replies settings;

	private final Clock clock = Clock.systemUTC();

	private volatile Runnable queued = () -> {
	};

	private static final java.time.Duration REMINDERS_KEPT_FOR = java.time.Duration.ofSeconds(5);

	private final Map<String, CachedReminders> reminders = new java.util.concurrent.ConcurrentHashMap<>();

	/** Counts the changes made here that the letters kept in {@link #reminders} must show at once. */
	private final java.util.concurrent.atomic.AtomicLong lettersChanged = new java.util.concurrent.atomic.AtomicLong();

	private final BackgroundReads rereader = new BackgroundReads("overview-letters");

	Replies(MongoTemplate mongo, CampaignCatalog catalog, ReportProperties properties) {
		this.mongo = mongo;
		this.catalog = catalog;
		this.settings = properties.replies();
	}

	/**
	 * Queues the reply of a submission whose outcome (a score or a rejection) and sender are both
	 * known, whichever event brought the last of them. Runs for every event applied, not only for
	 * changes: an event delivered again after a stop between the read model's write and this one
	 * must still queue its reply.
	 */
	@EventListener
	void on(SubmissionApplied applied) {
		SubmissionDocument submission = applied.after();
		if (submission == null || submission.sender() == null || (submission.score() == null && submission.rejection() == null)) {
			return;
		}
		if (submission.firstSeenAt() == null) {
			// Known before replies existed: its agency heard nothing then, and a letter now, weeks
			// later, after a restart republished its score, would only confuse it.
			return;
		}
		SubmissionDocument before = applied.before();
		boolean wasReady = before != null && before.sender() != null && (before.score() != null || before.rejection() != null);
		Optional<Campaign> campaign = this.catalog.find(submission.campaignId());
		if (campaign.isEmpty()) {
			return;
		}
		if (submission.score() != null && (before == null || before.score() == null || before.equals(submission))) {
			// The event that scored it, or one delivered again: a receipt that said "not taken" (the mail was read
			// again, or scoring taken up again after a fix) is corrected, whichever of these events gets here.
			ReplyDocument receipt = this.mongo.findById(submission.id(), ReplyDocument.class);
			if (receipt == null) {
				queue(campaign.get(), submission);
			}
			else if (Boolean.FALSE.equals(receipt.taken())) {
				takenAfterAll(campaign.get(), submission);
			}
			return;
		}
		if (wasReady && !before.equals(submission)) {
			// A later change of a submission already answered: the reply was queued by the event that made it ready.
			return;
		}
		queue(campaign.get(), submission);
	}

	/**
	 * A submission first answered as not taken is now scored. A receipt not sent yet is written
	 * again with the outcome as it now stands; one already sent is followed by a second letter
	 * saying the form was taken after all, once.
	 */
	private void takenAfterAll(Campaign campaign, SubmissionDocument submission) {
		Composed receipt = compose(campaign, submission, false);
		Query unsent = Query.query(Criteria.where("_id").is(submission.id()).and("state").in(ReplyDocument.State.HELD, ReplyDocument.State.PENDING));
		Update rewritten = new Update().set("subject", receipt.letter().subject()).set("body", receipt.letter().body())
			.set("state", receipt.held().isPresent() ? ReplyDocument.State.HELD : ReplyDocument.State.PENDING)
			.set("heldBecause", receipt.held().orElse(null)).set("agencyId", submission.agencyId()).set("taken", true);
		if (this.mongo.updateFirst(unsent, rewritten, ReplyDocument.class).getModifiedCount() > 0) {
			if (receipt.held().isEmpty()) {
				this.queued.run();
			}
			return;
		}
		Composed followUp = compose(campaign, submission, true);
		queue(campaign, ReplyDocument.Kind.RECEIPT, submission.id() + ":tiep-nhan", submission, submission.agencyId(), submission.sender(),
				followUp.letter(), followUp.held(), null);
		// Queued (now or before a restart): the receipt is answered, and later events need not look again.
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(submission.id())), new Update().set("taken", true), ReplyDocument.class);
	}

	private void queue(Campaign campaign, SubmissionDocument submission) {
		Composed receipt = compose(campaign, submission, false);
		queue(campaign, ReplyDocument.Kind.RECEIPT, submission.id(), submission, submission.agencyId(), submission.sender(), receipt.letter(),
				receipt.held(), null);
	}

	private record Composed(ReplyLetters.Letter letter, Optional<String> held) {
	}

	private Composed compose(Campaign campaign, SubmissionDocument submission, boolean afterAll) {
		ReplyLetters.Letter letter;
		Optional<String> held;
		try {
			letter = ReplyLetters.of(campaign, submission, this.settings.signature(), afterAll);
			held = ReplyLetters.heldBecause(submission);
		}
		catch (RuntimeException ex) {
			// Never a reason to stop the events: the letter waits for staff with what went wrong.
			org.slf4j.LoggerFactory.getLogger(Replies.class).error("The reply to submission {} could not be written", submission.id(), ex);
			letter = new ReplyLetters.Letter("Đã nhận thư của Quý cơ quan", "(Hệ thống không soạn được thư trả lời: " + ex + ")");
			held = Optional.of("Hệ thống không soạn được thư trả lời; cán bộ Sở kiểm tra trước khi gửi.");
		}
		return new Composed(letter, held);
	}

	/**
	 * Queues the letter sending a submission back to its sender for correction, with what staff
	 * ask for and the figures as read; one per submission, however often the button is pressed.
	 * @return whether it was queued now, {@code false} when the submission was returned before
	 */
	public boolean queueReturn(Campaign campaign, SubmissionDocument submission, String request, String staff) {
		ReplyLetters.Letter letter = ReplyLetters.returned(campaign, submission, request, this.settings.signature());
		return queue(campaign, ReplyDocument.Kind.RETURN, submission.id() + ":tra-lai", submission, submission.agencyId(),
				submission.sender(), letter, Optional.empty(), staff);
	}

	/**
	 * Queues a reminder to an agency that has not sent its form, one letter to each address the
	 * roster gives (an address that no longer exists must not stop the others); never a second
	 * one to the same address on the same day.
	 * @return whether any was queued now
	 */
	public boolean queueReminder(Campaign campaign, Agency agency, java.time.LocalDate today, String staff) {
		ReplyLetters.Letter letter = ReplyLetters.reminder(campaign, agency, today, this.settings.signature());
		boolean queued = false;
		for (String address : agency.emails()) {
			queued |= queue(campaign, ReplyDocument.Kind.REMINDER, "nhac:" + campaign.id() + ":" + agency.id() + ":" + today + ":" + address,
					null, agency.id(), address, letter, Optional.empty(), staff);
		}
		return queued;
	}

	/**
	 * Records that the reminder schedule ran for a campaign on a day.
	 * @return {@code false} when it had run that day already (on this or another instance)
	 */
	public boolean firstScheduledRun(String campaignId, java.time.LocalDate day) {
		try {
			this.mongo.insert(new org.bson.Document("_id", "lich-nhac:" + campaignId + ":" + day).append("at", java.util.Date.from(this.clock.instant())),
					"reminder-runs");
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	private boolean queue(Campaign campaign, ReplyDocument.Kind kind, String id, SubmissionDocument submission, String agencyId,
			String to, ReplyLetters.Letter letter, Optional<String> held, String staff) {
		Instant now = this.clock.instant();
		String domain = campaign.mailbox().substring(campaign.mailbox().indexOf('@') + 1);
		String messageId = "<" + id.replace(':', '.') + ".ictrank@" + domain + ">";
		ReplyDocument reply = new ReplyDocument(id, kind, submission == null ? null : submission.id(), campaign.id(), agencyId, to,
				letter.subject(), letter.body(), messageId, submission == null ? null : submission.messageId(),
				held.isPresent() ? ReplyDocument.State.HELD : ReplyDocument.State.PENDING, held.orElse(null), now, 0, now, null, null, null,
				null, staff, kind == ReplyDocument.Kind.RECEIPT && submission != null ? submission.score() != null : null);
		try {
			this.mongo.insert(reply);
		}
		catch (DuplicateKeyException ex) {
			// Queued before: one letter of each kind, whatever comes again.
			return false;
		}
		if (kind == ReplyDocument.Kind.REMINDER) {
			this.lettersChanged.incrementAndGet();
			this.reminders.remove(campaign.id() + "/nhac");
		}
		if (held.isEmpty()) {
			this.queued.run();
		}
		return true;
	}

	public Optional<ReplyDocument> find(String id) {
		return Optional.ofNullable(this.mongo.findById(id, ReplyDocument.class));
	}

	/** The letters about a submission, oldest first. */
	public List<ReplyDocument> of(String submissionId) {
		return this.mongo.find(Query.query(Criteria.where("submissionId").is(submissionId)).with(Sort.by("createdAt")), ReplyDocument.class);
	}

	/**
	 * The last reminder to each agency of a campaign, by agency id. The overview shows them on
	 * every request, so they are kept for a few seconds: on deadline day the overview is asked
	 * for many times a second while the reminders change once a day.
	 */
	public Map<String, ReplyDocument> lastReminders(String campaignId) {
		return lastByAgency(campaignId, true);
	}

	/** The last reply (receipt or return) to each agency of a campaign, by agency id, kept as {@link #lastReminders} are. */
	public Map<String, ReplyDocument> lastReplies(String campaignId) {
		return lastByAgency(campaignId, false);
	}

	/**
	 * Served from what was read within the last few seconds; past that, the last reading is still
	 * served while the next is made in the background, so that no request of the overview waits for
	 * the letters to be read (on deadline day they are thousands). Only a campaign not read yet, or
	 * whose reminders just changed here, is read while the request waits.
	 */
	private Map<String, ReplyDocument> lastByAgency(String campaignId, boolean reminders) {
		String key = campaignId + (reminders ? "/nhac" : "/tra-loi");
		CachedReminders cached = this.reminders.get(key);
		if (cached == null) {
			return readLastByAgency(campaignId, reminders, key);
		}
		if (!cached.at().plus(REMINDERS_KEPT_FOR).isAfter(this.clock.instant())) {
			this.rereader.readAgain(key, () -> readLastByAgency(campaignId, reminders, key));
		}
		return cached.byAgency();
	}

	private Map<String, ReplyDocument> readLastByAgency(String campaignId, boolean reminders, String key) {
		Instant now = this.clock.instant();
		long generation = this.lettersChanged.get();
		Criteria kind = reminders ? Criteria.where("kind").is(ReplyDocument.Kind.REMINDER) : Criteria.where("kind").ne(ReplyDocument.Kind.REMINDER);
		Query query = Query.query(Criteria.where("campaignId").is(campaignId).andOperator(kind)).with(Sort.by("createdAt"));
		// Letters' bodies are long and the overview shows none of them.
		query.fields().exclude("body");
		Map<String, ReplyDocument> last = new java.util.HashMap<>();
		for (ReplyDocument letter : this.mongo.find(query, ReplyDocument.class)) {
			if (letter.agencyId() != null) {
				last.put(letter.agencyId(), letter);
			}
		}
		if (this.lettersChanged.get() == generation) {
			// A reading begun before a change here would bring back what the change just made stale.
			this.reminders.put(key, new CachedReminders(now, Map.copyOf(last)));
		}
		return last;
	}

	@jakarta.annotation.PreDestroy
	void close() {
		this.rereader.close();
	}

	private record CachedReminders(Instant at, Map<String, ReplyDocument> byAgency) {
	}

	/**
	 * The indexes the submission page and the overview read letters by. Made once the service is
	 * up, so that a database still starting delays them only.
	 */
	@org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
	void ensureIndexes() {
		try {
			var indexes = this.mongo.indexOps(ReplyDocument.class);
			indexes.createIndex(new org.springframework.data.mongodb.core.index.Index().named("submission").on("submissionId", Sort.Direction.ASC));
			indexes.createIndex(new org.springframework.data.mongodb.core.index.Index().named("campaign-kind").on("campaignId", Sort.Direction.ASC)
				.on("kind", Sort.Direction.ASC));
			indexes.createIndex(new org.springframework.data.mongodb.core.index.Index().named("due").on("state", Sort.Direction.ASC)
				.on("nextAttemptAt", Sort.Direction.ASC));
		}
		catch (RuntimeException ex) {
			org.slf4j.LoggerFactory.getLogger(Replies.class).warn("The replies' indexes could not be made; read without them until the next start: {}", ex.toString());
		}
	}

	/**
	 * Sends a reply staff chose to send: one held back, one whose sending was interrupted, one the
	 * server refused. Nothing happens to a reply that is already on its way or sent.
	 * @return whether the reply was queued again
	 */
	public boolean release(String replyId, String staff) {
		Query releasable = Query.query(Criteria.where("_id").is(replyId)
			.and("state").in(ReplyDocument.State.HELD, ReplyDocument.State.UNCERTAIN, ReplyDocument.State.FAILED));
		Update update = new Update().set("state", ReplyDocument.State.PENDING).set("releasedBy", staff)
			.set("nextAttemptAt", this.clock.instant()).set("attempts", 0);
		boolean released = this.mongo.updateFirst(releasable, update, ReplyDocument.class).getModifiedCount() > 0;
		if (released) {
			// A reminder's row on the roster must not offer to send it again meanwhile.
			this.lettersChanged.incrementAndGet();
			this.reminders.clear();
			this.queued.run();
		}
		return released;
	}

	/** Tells the dispatcher that a reply is waiting, so that it does not wait for its next round. */
	void whenQueued(Runnable wake) {
		this.queued = wake;
	}

	/**
	 * The ids of the letters due, oldest first, at most {@code limit}: one search for a batch, then
	 * each is claimed by its id, so that a deadline-day burst of a thousand letters costs a few
	 * searches of the outbox instead of one per letter.
	 */
	List<String> due(int limit) {
		Query due = Query.query(Criteria.where("state").is(ReplyDocument.State.PENDING).and("nextAttemptAt").lte(this.clock.instant()))
			.with(Sort.by("nextAttemptAt")).limit(limit);
		due.fields().include("_id");
		return this.mongo.find(due, org.bson.Document.class, "replies").stream().map(d -> d.getString("_id")).toList();
	}

	/** Takes a letter that is due, for {@code instance} to send; empty when another instance took it first. */
	Optional<ReplyDocument> claim(String id, String instance) {
		Instant now = this.clock.instant();
		Query due = Query.query(Criteria.where("_id").is(id).and("state").is(ReplyDocument.State.PENDING));
		Update claim = new Update().set("state", ReplyDocument.State.SENDING).set("claimedAt", now).set("claimedBy", instance);
		return Optional.ofNullable(this.mongo.findAndModify(due, claim, FindAndModifyOptions.options().returnNew(true), ReplyDocument.class));
	}

	void sent(ReplyDocument reply) {
		// Also over UNCERTAIN: a send that outlasted the claim timeout did go out, and staff must not send it again.
		Query stillOurs = Query.query(Criteria.where("_id").is(reply.id()).and("claimedBy").is(reply.claimedBy())
			.and("state").in(ReplyDocument.State.SENDING, ReplyDocument.State.UNCERTAIN));
		this.mongo.updateFirst(stillOurs, new Update().set("state", ReplyDocument.State.SENT).set("sentAt", this.clock.instant())
			.inc("attempts", 1).unset("lastError"), ReplyDocument.class);
	}

	/** The server did not take it this time (down, busy): it is tried again later. */
	void retryLater(ReplyDocument reply, String error, Instant next) {
		this.mongo.updateFirst(claimed(reply), new Update().set("state", ReplyDocument.State.PENDING).set("nextAttemptAt", next)
			.inc("attempts", 1).set("lastError", error), ReplyDocument.class);
	}

	/** The server refused it for good. */
	void failed(ReplyDocument reply, String error) {
		this.mongo.updateFirst(claimed(reply), new Update().set("state", ReplyDocument.State.FAILED).inc("attempts", 1)
			.set("lastError", error), ReplyDocument.class);
	}

	/**
	 * Replies whose sender stopped while sending, claimed longer ago than any send can take,
	 * become {@code UNCERTAIN} for staff to check, instead of going out a second time.
	 * @return how many
	 */
	long interruptedBefore(Instant claimedBefore) {
		Query stale = Query.query(Criteria.where("state").is(ReplyDocument.State.SENDING).and("claimedAt").lt(claimedBefore));
		return this.mongo.updateMulti(stale, new Update().set("state", ReplyDocument.State.UNCERTAIN)
			.set("lastError", "Dịch vụ dừng khi đang gửi thư này; hãy xem hộp thư đã gửi trước khi gửi lại."), ReplyDocument.class)
			.getModifiedCount();
	}

	private static Query claimed(ReplyDocument reply) {
		return Query.query(Criteria.where("_id").is(reply.id()).and("state").is(ReplyDocument.State.SENDING)
			.and("claimedBy").is(reply.claimedBy()));
	}
}
