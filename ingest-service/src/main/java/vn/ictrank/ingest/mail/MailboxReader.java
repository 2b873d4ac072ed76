package vn.ictrank.ingest.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.mail.Authenticator;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.NotTerm;
import jakarta.mail.search.SearchTerm;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.MessageSet;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.eclipse.angus.mail.util.MailConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.util.unit.DataSize;

import vn.ictrank.ingest.IngestProperties;

/**
 * The campaign mailbox as the start of the flow. One thread owns the IMAP connection: it searches
 * for unmarked messages, fetches them oldest first, a bounded number per round, hands each to the
 * flow and waits for the flow to finish it, then searches again; only when nothing is left does it
 * wait for new mail, with IDLE (never longer than the safety poll) or by polling.
 * <p>
 * Marking is by UID, never by a header search: IMAP matches headers by substring, so marking by
 * Message-ID once marked every message whose id contained another's. A message whose handling
 * fails is counted in the {@link AttemptLog} and the next one goes on; after
 * {@code maxAttempts} failures it is set aside, which the flow turns into an explained status.
 * Nothing a message contains can end the thread: it stops only with the service, and
 * {@link #health()} says DOWN when it has stopped or stalled.
 */
class MailboxReader extends MessageProducerSupport implements HealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(MailboxReader.class);

	/** How many bytes of mail one fetch command may bring at most, by the sizes the server gives. */
	private static final long FETCH_BATCH_BYTES = DataSize.ofMegabytes(8).toBytes();

	/** Header carrying the {@link MailboxRef} of the message being handled, through every stage. */
	static final String REF_HEADER = "ictrank_mailboxRef";

	private final IngestProperties.Mail settings;

	private final AttemptLog attempts;

	private final MailboxLease lease;

	private final Timer fetchTimer;

	/** Whether another instance holds the mailbox and this one waits to take over. */
	private volatile boolean standingBy;

	private final Clock clock = Clock.systemUTC();

	private final ScheduledExecutorService waker = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "mailbox-waker");
		thread.setDaemon(true);
		return thread;
	});

	private volatile Thread thread;

	private volatile ScheduledFuture<?> renewal;

	/** Cleared when the reader that holds it is told to stop; each start has its own. */
	private volatile AtomicBoolean run = new AtomicBoolean(false);

	/** Last time the thread showed it was alive: a round finished or a message was handled. */
	private volatile Instant heartbeat;

	private volatile String lastProblem;

	/** Set when the server announces new mail, so that a wait that has not begun yet is skipped. */
	private volatile boolean newMail;

	private volatile boolean idleSupported = true;

	/**
	 * Messages the flow finished (archived, events acknowledged) that are still to be marked in the
	 * mailbox: the reader marks them together, with one command per round.
	 */
	private final Set<MailboxRef> finished = ConcurrentHashMap.newKeySet();

	private final Timer markTimer;

	/** Fetches of several mails with one command, and those the server refused, which fell back to one at a time. */
	private final Counter batchesFetched;

	private final Counter batchesRefused;

	/** Where mails of a round are archived, read and published, {@code mail.workers} at a time. */
	private final ExecutorService workers;

	private final Semaphore inFlight;

	private Store store;

	private volatile IMAPFolder folder;

	private long uidValidity;

	private Flags marker;

	MailboxReader(IngestProperties.Mail settings, AttemptLog attempts, MailboxLease lease, MeterRegistry meters) {
		this.settings = settings;
		this.attempts = attempts;
		this.lease = lease;
		this.fetchTimer = meters.timer("ictrank.ingest.stage", "stage", "fetch");
		this.markTimer = meters.timer("ictrank.ingest.stage", "stage", "mark");
		this.batchesFetched = meters.counter("ictrank.ingest.fetch.batches", "outcome", "fetched");
		this.batchesRefused = meters.counter("ictrank.ingest.fetch.batches", "outcome", "refused");
		int count = Math.max(1, settings.workers());
		this.inFlight = new Semaphore(count);
		this.workers = Executors.newFixedThreadPool(count, r -> {
			Thread thread = new Thread(r, "mail-worker");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public String getComponentType() {
		return "mail:imap-reader";
	}

	@Override
	protected void doStart() {
		awaitEnd(this.thread);
		this.run = new AtomicBoolean(true);
		this.heartbeat = this.clock.instant();
		Thread reader = new Thread(this::readUntilStopped, "mailbox-reader");
		reader.setDaemon(true);
		this.thread = reader;
		reader.start();
		long every = Math.max(1000, this.settings.lease().toMillis() / 3);
		this.renewal = this.waker.scheduleAtFixedRate(this::renewLease, every, every, TimeUnit.MILLISECONDS);
	}

	/**
	 * Keeps the lease while the reader waits on a slow broker or database in the middle of a round,
	 * where it cannot renew it itself; a reader that has stopped showing signs of life loses it.
	 */
	private void renewLease() {
		if (this.run.get() && !this.standingBy && Duration.between(this.heartbeat, this.clock.instant()).compareTo(stallLimit()) < 0) {
			try {
				this.lease.renew();
			}
			catch (RuntimeException ex) {
				log.debug("Could not renew the lease on the mailbox: {}", ex.toString());
			}
		}
	}

	@Override
	protected void doStop() {
		ScheduledFuture<?> renewing = this.renewal;
		if (renewing != null) {
			renewing.cancel(false);
		}
		this.run.set(false);
		Thread reader = this.thread;
		if (reader != null) {
			wake();
			reader.interrupt();
			awaitEnd(reader);
		}
	}

	/** Waits for a stopped reader to let go of the connection and the lease, even on a thread already interrupted. */
	private static void awaitEnd(Thread reader) {
		if (reader == null) {
			return;
		}
		boolean interrupted = Thread.interrupted();
		try {
			reader.join(Duration.ofSeconds(30).toMillis());
		}
		catch (InterruptedException ex) {
			interrupted = true;
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Whether the calling thread is the reader and should go on; a reader replaced by a restart stops. */
	private boolean reading() {
		return this.run.get() && this.thread == Thread.currentThread();
	}

	@Override
	public void destroy() {
		super.destroy();
		this.waker.shutdownNow();
		this.workers.shutdown();
	}

	@Override
	public Health health() {
		Thread reader = this.thread;
		Health.Builder health = reader != null && reader.isAlive() ? Health.up() : Health.down().withDetail("reader", "stopped");
		Duration quiet = Duration.between(this.heartbeat == null ? this.clock.instant() : this.heartbeat, this.clock.instant());
		if (this.run.get() && quiet.compareTo(stallLimit()) > 0) {
			health = Health.down().withDetail("reader", "no round finished for " + quiet.toSeconds() + " s");
		}
		health.withDetail("mode", this.settings.mode().name().toLowerCase()).withDetail("lastRound", String.valueOf(this.heartbeat))
			.withDetail("role", this.standingBy ? "standby: another instance reads the mailbox" : "reader");
		if (this.lastProblem != null) {
			health.withDetail("lastProblem", this.lastProblem);
		}
		return health.build();
	}

	/** Long enough for a full round of slow messages and a reconnect; past it the reader is stuck. */
	private Duration stallLimit() {
		Duration wait = this.settings.mode() == IngestProperties.Mode.POLL ? this.settings.pollInterval() : this.settings.safetyPoll();
		return wait.plus(this.settings.reconnectDelay()).plus(this.settings.timeout().multipliedBy(4)).plusMinutes(2);
	}

	private void readUntilStopped() {
		int failures = 0;
		while (reading()) {
			try {
				if (!this.lease.hold()) {
					this.standingBy = true;
					disconnect();
					this.heartbeat = this.clock.instant();
					pause(this.settings.safetyPoll());
					continue;
				}
				this.standingBy = false;
				connect();
				this.newMail = false;
				boolean more = readRound();
				this.heartbeat = this.clock.instant();
				this.lastProblem = null;
				failures = 0;
				if (!more && !this.newMail) {
					waitForMail();
				}
			}
			catch (Throwable ex) {
				if (!reading()) {
					break;
				}
				this.lastProblem = ex.toString();
				Duration wait = retryDelay(++failures);
				log.warn("Reading the mailbox failed; trying again in {}: {}", wait, ex.toString());
				disconnect();
				pause(wait);
			}
		}
		disconnect();
		// Stopping interrupts this thread, and the database driver refuses work on an interrupted thread.
		Thread.interrupted();
		this.lease.release();
	}

	/**
	 * Most failures are a blip (a connection reset, a server restarting): try again after a second,
	 * then wait twice as long each time, up to {@code reconnect-delay}, so a longer outage is not hammered.
	 */
	private Duration retryDelay(int failures) {
		Duration wait = Duration.ofSeconds(1L << Math.min(failures - 1, 20));
		return wait.compareTo(this.settings.reconnectDelay()) < 0 ? wait : this.settings.reconnectDelay();
	}

	/** Handles the oldest unmarked messages; says whether more are waiting. */
	private boolean readRound() throws MessagingException {
		IMAPFolder open = this.folder;
		Message[] found = open.search(unmarked());
		if (found.length == 0) {
			return false;
		}
		// Sequence numbers follow arrival as UIDs do, so the oldest are known without asking the server;
		// only the round's own messages are fetched, not the whole backlog each round.
		Message[] oldestFirst = Arrays.stream(found).sorted(Comparator.comparingInt(Message::getMessageNumber))
			.limit(Math.max(1, this.settings.maxMessagesPerRound()))
			.toArray(Message[]::new);
		FetchProfile profile = new FetchProfile();
		profile.add(UIDFolder.FetchProfileItem.UID);
		profile.add(FetchProfile.Item.SIZE);
		// The arrival time alone: JavaMail's whole ENVELOPE fails to parse on a From that is no address.
		profile.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
		open.fetch(oldestFirst, profile);
		Round round = new Round();
		boolean completed = false;
		try {
			for (int next = 0; next < oldestFirst.length && round.goesOn();) {
				int end = batchEnd(oldestFirst, next);
				Bodies bodies = fetchBodies(open, Arrays.copyOfRange(oldestFirst, next, end));
				for (; next < end && round.goesOn(); next++) {
					Optional<Fetched> fetched = fetch(open, oldestFirst[next], bodies);
					if (fetched.isPresent()) {
						round.handle(fetched.get());
					}
				}
			}
			completed = true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			completed = true;
		}
		finally {
			// Every mail fetched is seen through before the connection may be dropped or IDLE begins,
			// and what was finished is marked even when the round broke off.
			awaitAll(round.handled);
			try {
				markFinished(open);
			}
			catch (MessagingException | RuntimeException ex) {
				if (completed) {
					throw ex;
				}
				log.debug("Could not mark the finished messages of a broken round: {}", ex.toString());
			}
		}
		boolean progress = false;
		for (Future<Boolean> one : round.handled) {
			progress |= outcome(one);
		}
		return progress && found.length > oldestFirst.length && reading();
	}

	/** The mails of one round handed to the workers, at most {@code mail.workers} at once. */
	private final class Round {

		final List<Future<Boolean>> handled = new ArrayList<>();

		/**
		 * Mails of one sender go through in the order they arrived: an agency's resubmission never
		 * overtakes its first form, and two copies of one mail are never archived at the same time.
		 */
		private final Map<String, Future<Boolean>> lastOfSender = new HashMap<>();

		private final AtomicReference<RuntimeException> retryLater = new AtomicReference<>();

		/** Whether to go on: not stopped, the lease still held, and no mail waits for an outage to end. */
		boolean goesOn() {
			return reading() && this.retryLater.get() == null && MailboxReader.this.lease.hold();
		}

		void handle(Fetched fetched) throws InterruptedException {
			String sender = senderOf(fetched.mail());
			Future<Boolean> earlier = this.lastOfSender.get(sender);
			MailboxReader.this.inFlight.acquire();
			Future<Boolean> submitted;
			try {
				submitted = MailboxReader.this.workers.submit(() -> {
					try {
						awaitAll(earlier == null ? List.of() : List.of(earlier));
						return MailboxReader.this.handle(fetched);
					}
					catch (RetryLaterException ex) {
						this.retryLater.compareAndSet(null, ex);
						throw ex;
					}
					finally {
						MailboxReader.this.heartbeat = MailboxReader.this.clock.instant();
						MailboxReader.this.inFlight.release();
					}
				});
			}
			catch (RuntimeException ex) {
				MailboxReader.this.inFlight.release();
				throw ex;
			}
			this.handled.add(submitted);
			this.lastOfSender.put(sender, submitted);
		}
	}

	/** The From address of a fetched mail, as written, or "" when it has none the headers show. */
	private static String senderOf(FetchedMail mail) {
		try {
			String[] from = new InternetHeaders(new java.io.ByteArrayInputStream(mail.raw())).getHeader("From");
			return from == null || from.length == 0 ? "" : from[0].trim().toLowerCase(java.util.Locale.ROOT);
		}
		catch (MessagingException | RuntimeException ex) {
			return "";
		}
	}

	/** A fetched message and its place in the mailbox, ready for a worker. */
	private record Fetched(MailboxRef ref, FetchedMail mail) {
	}

	private static void awaitAll(List<Future<Boolean>> handled) {
		boolean interrupted = Thread.interrupted();
		for (Future<Boolean> one : handled) {
			while (true) {
				try {
					one.get();
					break;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (ExecutionException ex) {
					break;
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/** Whether a worker finished its message; a failure the reader must wait out is thrown again here. */
	private static boolean outcome(Future<Boolean> one) throws MessagingException {
		try {
			return one.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RetryLaterException retry) {
				throw retry;
			}
			if (ex.getCause() instanceof MessagingException messaging) {
				throw messaging;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * Fetches one message, on the reader's thread, which owns the connection. A failure that says
	 * nothing about the message (the connection, the database) is thrown, to wait and try the round
	 * again; one that does is counted against it.
	 *
	 * @return the message to hand to the flow, or nothing when it could not be fetched this time
	 */
	private Optional<Fetched> fetch(IMAPFolder open, Message message, Bodies bodies) throws MessagingException {
		MailboxRef ref = new MailboxRef(open.getFullName(), this.uidValidity, uid(open, message));
		byte[] prefetched = bodies.byUid().remove(ref.uid());
		AttemptLog.Earlier earlier = this.attempts.begin(ref);
		String setAsideBecause = earlier.attempts() >= this.settings.maxAttempts()
				? "đã thử xử lý " + earlier.attempts() + " lần không thành công"
						+ (earlier.lastFailure() == null ? "" : " (" + earlier.lastFailure() + ")")
				: null;
		FetchedMail fetched;
		try {
			long started = System.nanoTime();
			fetched = fetch(message, ref, setAsideBecause, prefetched);
			this.fetchTimer.record(System.nanoTime() - started + (prefetched == null ? 0 : bodies.nanosEach()), TimeUnit.NANOSECONDS);
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			if (isTransient(ex)) {
				this.attempts.notCounted(ref);
				throw new MessagingException("Could not fetch " + ref, ex);
			}
			log.warn("Could not fetch {}: {}", ref, ex.toString());
			if (setAsideBecause == null) {
				this.attempts.failed(ref, "không tải được thư từ hộp thư: " + ex.getMessage());
				return Optional.empty();
			}
			fetched = unreadable(ref, setAsideBecause);
		}
		return Optional.of(new Fetched(ref, fetched));
	}

	/**
	 * Hands a fetched message to the flow, on a worker. A failure the reader must wait out is
	 * thrown; any other was counted by the error flow, and the next message goes on.
	 *
	 * @return whether the message was finished
	 */
	private boolean handle(Fetched fetched) {
		MailboxRef ref = fetched.ref();
		try {
			sendMessage(MessageBuilder.withPayload(fetched.mail()).setHeader(REF_HEADER, ref).build());
		}
		catch (RuntimeException ex) {
			// The error flow lets only a failure to wait out escape, perhaps wrapped by the messaging layer.
			if (isTransient(ex)) {
				this.attempts.notCounted(ref);
				throw ex instanceof RetryLaterException retry ? retry : new RetryLaterException(ex);
			}
			log.error("Handling {} failed", ref, ex);
			this.attempts.failed(ref, "lỗi hệ thống " + ex.getClass().getSimpleName());
			return false;
		}
		catch (Throwable ex) {
			// Only what escaped the error flow gets here: an Error such as running out of memory.
			log.error("Handling {} failed", ref, ex);
			this.attempts.failed(ref, "lỗi hệ thống " + ex.getClass().getSimpleName());
			return false;
		}
		finally {
			MDC.remove(MailFlows.SUBMISSION_MDC);
		}
		return this.finished.contains(ref);
	}

	/**
	 * Where the batch that starts at {@code from} ends: the messages fetched with one command, as
	 * many as fit in {@link #FETCH_BATCH_BYTES} by the sizes the server gave; a larger one goes alone.
	 */
	private int batchEnd(Message[] messages, int from) {
		long bytes = 0;
		int end = from;
		while (end < messages.length) {
			long size;
			try {
				size = Math.max(0, messages[end].getSize());
			}
			catch (MessagingException ex) {
				size = FETCH_BATCH_BYTES;
			}
			if (end > from && bytes + size > FETCH_BATCH_BYTES) {
				break;
			}
			bytes += size;
			end++;
		}
		return end;
	}

	/**
	 * Fetches the whole of several messages with one command: every IMAP command costs a round trip,
	 * and on some servers a walk through the mailbox, so one per message made fetching the slowest
	 * stage. The bodies come back by UID; a message missing from the answer, or a batch the server
	 * refuses, is fetched on its own, where a failure is told apart per message.
	 */
	private Bodies fetchBodies(IMAPFolder open, Message[] batch) throws MessagingException {
		Map<Long, byte[]> bodies = new HashMap<>();
		long limit = this.settings.maxMessageSize().toBytes();
		int[] numbers = Arrays.stream(batch).filter(m -> size(m) <= limit).mapToInt(Message::getMessageNumber).toArray();
		if (numbers.length < 2) {
			return new Bodies(bodies, 0);
		}
		long started = System.nanoTime();
		try {
			open.doCommand(protocol -> {
				Response[] responses = protocol.fetch(MessageSet.createMessageSets(numbers), "UID BODY.PEEK[]");
				List<Response> others = new ArrayList<>();
				for (Response response : responses) {
					if (response instanceof FetchResponse answer) {
						UID uid = answer.getItem(UID.class);
						BODY body = answer.getItem(BODY.class);
						if (uid != null && body != null && body.getByteArray() != null) {
							bodies.put(uid.uid, body.getByteArray().getNewBytes());
						}
						if (answer.getItem(FLAGS.class) != null) {
							// Flags another client changed, which the folder keeps track of.
							others.add(answer);
						}
					}
					else if (response != null) {
						others.add(response);
					}
				}
				// New mail and expunges announced on the way keep the folder's view of the mailbox right.
				protocol.notifyResponseHandlers(others.toArray(Response[]::new));
				protocol.handleResult(responses[responses.length - 1]);
				return null;
			});
		}
		catch (MessagingException ex) {
			if (isTransient(ex)) {
				throw ex;
			}
			log.warn("The server refused to fetch {} messages with one command; they are fetched one at a time: {}", numbers.length,
					ex.toString());
			this.batchesRefused.increment();
			return new Bodies(new HashMap<>(), 0);
		}
		this.batchesFetched.increment();
		return new Bodies(bodies, (System.nanoTime() - started) / numbers.length);
	}

	/** Whole messages fetched together, by UID, and each one's share of the time it took. */
	private record Bodies(Map<Long, byte[]> byUid, long nanosEach) {
	}

	private static long size(Message message) {
		try {
			return message.getSize();
		}
		catch (MessagingException ex) {
			return Long.MAX_VALUE;
		}
	}

	/**
	 * Marks what the flow finished, with one command, so that it is not fetched again; then forgets
	 * how often each was attempted. When the mailbox cannot be reached the messages stay unmarked and
	 * are taken up again, which their idempotent archive and events allow; the attempt is not counted.
	 */
	private void markFinished(IMAPFolder open) throws MessagingException {
		List<MailboxRef> refs = this.finished.stream().filter(r -> r.uidValidity() == this.uidValidity).toList();
		this.finished.clear();
		if (refs.isEmpty()) {
			return;
		}
		long started = System.nanoTime();
		try {
			if (open == null || !open.isOpen()) {
				throw new FolderClosedException(open, "The mailbox closed before " + refs.size() + " messages could be marked");
			}
			Message[] messages = Arrays.stream(open.getMessagesByUID(refs.stream().mapToLong(MailboxRef::uid).toArray()))
				.filter(java.util.Objects::nonNull).toArray(Message[]::new);
			if (messages.length < refs.size()) {
				log.info("{} of {} messages left the mailbox before they were marked", refs.size() - messages.length, refs.size());
			}
			if (messages.length > 0 && byKeyword()) {
				Flags flags = new Flags(this.marker);
				flags.add(Flags.Flag.SEEN);
				open.setFlags(messages, flags, true);
			}
			else if (messages.length > 0) {
				moveToProcessed(open, messages);
			}
		}
		catch (MessagingException | RuntimeException ex) {
			quietly(() -> this.attempts.notCounted(refs));
			throw ex;
		}
		long each = (System.nanoTime() - started) / refs.size();
		refs.forEach(ref -> this.markTimer.record(each, TimeUnit.NANOSECONDS));
		quietly(() -> this.attempts.finished(refs));
	}

	/** Keeping the attempt counts is worth a try but no reason to fail the round; a database that is away fails the next round anyway. */
	private static void quietly(Runnable countKeeping) {
		try {
			countKeeping.run();
		}
		catch (RuntimeException ex) {
			log.debug("The attempt counts stay as they were: {}", ex.toString());
		}
	}

	private FetchedMail fetch(Message message, MailboxRef ref, String setAsideBecause, byte[] prefetched)
			throws MessagingException, IOException {
		long limit = this.settings.maxMessageSize().toBytes();
		long size = message.getSize();
		Instant receivedAt = receivedAt(message);
		if (prefetched != null && prefetched.length <= limit) {
			return new FetchedMail(ref, prefetched, true, size, receivedAt, setAsideBecause);
		}
		if (size <= limit) {
			CappedOutputStream out = new CappedOutputStream(limit);
			try {
				message.writeTo(out);
				return new FetchedMail(ref, out.toByteArray(), true, size, receivedAt, setAsideBecause);
			}
			catch (CappedOutputStream.LimitReached ex) {
				// The server understated the size; the header is all that is taken.
			}
		}
		return new FetchedMail(ref, header(message), false, Math.max(size, limit + 1), receivedAt, setAsideBecause);
	}

	/**
	 * A stand-in for a message the server will not hand over, so that it can still be set aside
	 * with a status staff see; the message itself stays in the mailbox for them to open.
	 */
	private FetchedMail unreadable(MailboxRef ref, String setAsideBecause) {
		String subject;
		try {
			subject = jakarta.mail.internet.MimeUtility.encodeText("(thư không tải được từ hộp thư, " + ref + ")", "UTF-8", "B");
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
		String header = "Subject: " + subject + "\r\nX-Ictrank-Mailbox-Ref: " + ref.key() + "\r\n\r\n";
		return new FetchedMail(ref, header.getBytes(java.nio.charset.StandardCharsets.UTF_8), false, -1, this.clock.instant(),
				setAsideBecause);
	}

	private static byte[] header(Message message) throws MessagingException {
		StringBuilder header = new StringBuilder();
		for (Enumeration<Header> all = message.getAllHeaders(); all.hasMoreElements();) {
			Header line = all.nextElement();
			header.append(line.getName()).append(": ").append(line.getValue()).append("\r\n");
		}
		return header.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	private Instant receivedAt(Message message) {
		try {
			return message.getReceivedDate() == null ? this.clock.instant() : message.getReceivedDate().toInstant();
		}
		catch (MessagingException | RuntimeException ex) {
			return this.clock.instant();
		}
	}

	/**
	 * Records that the flow finished a message: archived, its events acknowledged. Called on a
	 * worker; the reader marks it in the mailbox with the rest of its round, since the IMAP
	 * connection takes one command at a time.
	 */
	void mark(MailboxRef ref) throws MessagingException {
		IMAPFolder open = this.folder;
		if (open == null || !open.isOpen() || ref.uidValidity() != this.uidValidity) {
			// The next round finds it unmarked and takes it again; its archive and events are idempotent.
			throw new FolderClosedException(open, "The mailbox changed before " + ref + " could be marked");
		}
		this.finished.add(ref);
	}

	private void moveToProcessed(IMAPFolder open, Message[] messages) throws MessagingException {
		Folder processed = this.store.getFolder(this.settings.processedFolder());
		open.setFlags(messages, new Flags(Flags.Flag.SEEN), true);
		if (open.getStore() instanceof org.eclipse.angus.mail.imap.IMAPStore imap && imap.hasCapability("MOVE")) {
			open.moveMessages(messages, processed);
			return;
		}
		open.copyMessages(messages, processed);
		open.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
		if (open.getStore() instanceof org.eclipse.angus.mail.imap.IMAPStore imap && imap.hasCapability("UIDPLUS")) {
			open.expunge(messages);
		}
	}

	/** Whether processed mail is marked with a keyword rather than moved to a folder. */
	private boolean byKeyword() {
		return this.marker.getUserFlags().length > 0;
	}

	/** Messages still to handle: not deleted, and without the keyword where marking is by keyword. */
	private SearchTerm unmarked() {
		SearchTerm present = new NotTerm(new FlagTerm(new Flags(Flags.Flag.DELETED), true));
		return byKeyword() ? new AndTerm(new NotTerm(new FlagTerm(this.marker, true)), present) : present;
	}

	private void connect() throws MessagingException {
		if (this.folder != null && this.folder.isOpen()) {
			return;
		}
		disconnect();
		IngestProperties.Mail mail = this.settings;
		Session session = Session.getInstance(javaMailProperties(), new Authenticator() {
			@Override
			protected PasswordAuthentication getPasswordAuthentication() {
				return new PasswordAuthentication(mail.username(), mail.password());
			}
		});
		Store connected = session.getStore(mail.protocol());
		connected.connect(mail.host(), mail.port(), mail.username(), mail.password());
		this.store = connected;
		IMAPFolder opened = (IMAPFolder) connected.getFolder(mail.folder());
		opened.open(Folder.READ_WRITE);
		this.uidValidity = opened.getUIDValidity();
		this.marker = marker(opened);
		if (!byKeyword()) {
			Folder processed = connected.getFolder(mail.processedFolder());
			if (!processed.exists()) {
				processed.create(Folder.HOLDS_MESSAGES);
			}
		}
		opened.addMessageCountListener(new MessageCountAdapter() {
			@Override
			public void messagesAdded(MessageCountEvent event) {
				MailboxReader.this.newMail = true;
			}
		});
		this.folder = opened;
		log.info("Reading {} at {}:{} ({}, marking {})", mail.folder(), mail.host(), mail.port(), mail.mode(),
				byKeyword() ? "with keyword " + mail.archivedFlag() : "by moving to " + mail.processedFolder());
	}

	private Flags marker(IMAPFolder opened) {
		IngestProperties.Marking marking = this.settings.marking();
		Flags permanent = opened.getPermanentFlags();
		boolean keywords = permanent != null && permanent.contains(Flags.Flag.USER);
		if (marking == IngestProperties.Marking.KEYWORD || (marking == IngestProperties.Marking.AUTO && keywords)) {
			Flags flags = new Flags();
			flags.add(this.settings.archivedFlag());
			return flags;
		}
		return new Flags();
	}

	private Properties javaMailProperties() {
		Properties props = new Properties();
		String timeout = String.valueOf(this.settings.timeout().toMillis());
		for (String protocol : List.of("imap", "imaps")) {
			props.setProperty("mail." + protocol + ".connectiontimeout", timeout);
			props.setProperty("mail." + protocol + ".timeout", timeout);
			props.setProperty("mail." + protocol + ".writetimeout", timeout);
			props.setProperty("mail." + protocol + ".fetchsize", String.valueOf(DataSize.ofMegabytes(1).toBytes()));
			// Reading a message must not set \Seen: staff see in their mail client what is still to be done.
			props.setProperty("mail." + protocol + ".peek", "true");
		}
		return props;
	}

	private void disconnect() {
		IMAPFolder open = this.folder;
		this.folder = null;
		try {
			if (open != null && open.isOpen()) {
				open.close(false);
			}
		}
		catch (MessagingException | RuntimeException ex) {
			log.debug("Closing the folder: {}", ex.toString());
		}
		try {
			if (this.store != null) {
				this.store.close();
			}
		}
		catch (MessagingException | RuntimeException ex) {
			log.debug("Closing the store: {}", ex.toString());
		}
		this.store = null;
	}

	/**
	 * Waits for the server to announce new mail, at most the safety poll. The IDLE is ended from
	 * another thread: when new mail was announced while it began, and at the safety poll.
	 */
	private void waitForMail() throws MessagingException {
		if (this.settings.mode() == IngestProperties.Mode.POLL) {
			pause(this.settings.pollInterval());
			return;
		}
		if (!this.idleSupported) {
			pause(this.settings.safetyPoll());
			return;
		}
		IMAPFolder open = this.folder;
		AtomicBoolean token = this.run;
		AtomicBoolean idling = new AtomicBoolean(true);
		long deadline = System.nanoTime() + this.settings.safetyPoll().toNanos();
		ScheduledFuture<?> watch = this.waker.scheduleWithFixedDelay(() -> {
			if (idling.get() && (this.newMail || System.nanoTime() >= deadline || !token.get())) {
				endIdle(open);
			}
		}, 50, 50, TimeUnit.MILLISECONDS);
		try {
			open.idle(true);
		}
		catch (MessagingException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("IDLE not supported")) {
				log.warn("The mail server does not support IDLE; the mailbox is searched every {}", this.settings.safetyPoll());
				this.idleSupported = false;
				return;
			}
			throw ex;
		}
		finally {
			idling.set(false);
			watch.cancel(false);
		}
	}

	/** Any command on the folder from another thread ends its IDLE first. */
	private static void endIdle(IMAPFolder open) {
		try {
			open.doCommand(protocol -> {
				protocol.simpleCommand("NOOP", null);
				return null;
			});
		}
		catch (MessagingException | RuntimeException ex) {
			log.debug("Ending IDLE: {}", ex.toString());
		}
	}

	private void wake() {
		IMAPFolder open = this.folder;
		if (open != null) {
			this.waker.execute(() -> endIdle(open));
		}
	}

	private void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			if (reading()) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static long uid(IMAPFolder folder, Message message) {
		try {
			return folder.getUID(message);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("The server gave no UID for message " + message.getMessageNumber(), ex);
		}
	}

	/** A failure of the connection, the database or the broker, which says nothing about the message. */
	static boolean isTransient(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof RetryLaterException || t instanceof FolderClosedException || t instanceof StoreClosedException
					|| t instanceof MailConnectException || t instanceof SocketException
					|| t instanceof java.net.SocketTimeoutException || t instanceof org.eclipse.angus.mail.iap.ConnectionException
					|| t instanceof com.mongodb.MongoSocketException || t instanceof com.mongodb.MongoTimeoutException
					|| t instanceof org.apache.kafka.common.errors.RetriableException
					|| t instanceof java.util.concurrent.TimeoutException || t instanceof InterruptedException) {
				return true;
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return false;
	}

	/** Thrown by the error flow for a failure that says nothing about the message: the round is tried again later. */
	static final class RetryLaterException extends RuntimeException {

		RetryLaterException(Throwable cause) {
			super("Processing failed; the message stays in the mailbox for the next attempt", cause);
		}
	}

	/** Collects a message's bytes up to a limit, and no further. */
	private static final class CappedOutputStream extends OutputStream {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private final long limit;

		CappedOutputStream(long limit) {
			this.limit = limit;
		}

		@Override
		public void write(int b) throws IOException {
			check(1);
			this.bytes.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			check(len);
			this.bytes.write(b, off, len);
		}

		private void check(int more) throws LimitReached {
			if (this.bytes.size() + (long) more > this.limit) {
				throw new LimitReached();
			}
		}

		byte[] toByteArray() {
			return this.bytes.toByteArray();
		}

		static final class LimitReached extends IOException {

			LimitReached() {
				super("message larger than the limit");
			}
		}
	}
}
