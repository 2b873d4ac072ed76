package vn.ictrank.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import vn.ictrank.forms.DemoFigures;
import vn.ictrank.forms.FormWorkbook;
import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "If you sent it, we have it", proven the way Jepsen proves a database: mail is sent over SMTP
 * while a seeded schedule breaks the broker, the database, the mailbox, the services and the
 * links between them; then every distinct mail in the mailbox must be on the dashboard exactly
 * once, scored or failed with its reason, and the figures are printed. Run by the {@code faults}
 * profile; {@code -Dictrank.faults.mails}, {@code .count} and {@code .seed} size it.
 */
class DeliveryUnderFaultsIT {

	private static final Pattern TOKEN = Pattern.compile("\\[(f-\\d+)]");

	private final int mails = Integer.getInteger("ictrank.faults.mails", 200);

	private final int faultCount = Integer.getInteger("ictrank.faults.count", 40);

	private final long seed = Long.getLong("ictrank.faults.seed", 20261123L);

	@Test
	void everyMailSentWhileTheSystemKeepsBreakingIsOnTheDashboardExactlyOnce() throws Exception {
		Path campaigns = Path.of(System.getProperty("ictrank.campaigns-dir", "../../campaigns"));
		Campaign campaign = CampaignCatalog.load(campaigns).require("thanh-hoa-2026");
		Path dir = Path.of("target", "faults", "seed-" + this.seed);
		ProcessStack.freshDirectory(dir);
		try (ProcessStack stack = new ProcessStack(dir, campaigns, campaign).start()) {
			await("every service ready").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(stack::ready);
			List<Fault> faults = Fault.schedule(this.seed, this.faultCount, stack.serviceNames(),
					stack.proxies().stream().map(TcpProxy::name).toList());
			Map<String, Expected> sent = new TreeMap<>();
			Sender sender = new Sender(campaign, stack.smtpPort(), sent, Fault.length(faults).dividedBy(this.mails));
			Thread sending = new Thread(sender, "faults-sender");
			java.util.concurrent.atomic.AtomicReference<Throwable> senderFailed = new java.util.concurrent.atomic.AtomicReference<>();
			sending.setUncaughtExceptionHandler((thread, ex) -> senderFailed.set(ex));
			long started = System.nanoTime();
			sending.start();

			Map<Fault.Kind, Integer> injected = new EnumMap<>(Fault.Kind.class);
			for (Fault fault : faults) {
				System.out.printf("fault %3d/%d at %5.1f s: %s%n", injected.values().stream().mapToInt(i -> i).sum() + 1, faults.size(),
						seconds(System.nanoTime() - started), fault);
				fault.inject(stack);
				// The schedule is the experiment: a fault lasts this long whatever the system does meanwhile.
				TimeUnit.MILLISECONDS.sleep(fault.hold().toMillis());
				fault.heal(stack);
				injected.merge(fault.kind(), 1, Integer::sum);
				TimeUnit.MILLISECONDS.sleep(fault.gap().toMillis());
			}
			long lastFault = System.nanoTime();
			sending.join();
			int backlog = backlog(stack, sent.keySet());

			Map<String, Expected> expected = new TreeMap<>();
			for (MimeMessage message : stack.mailbox()) {
				Matcher token = TOKEN.matcher(message.getSubject());
				if (token.find()) {
					expected.put(token.group(1), sent.get(token.group(1)));
				}
			}
			Map<String, List<String>> shown = new HashMap<>();
			boolean drained = true;
			try {
				await("every mail on the dashboard").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
					.ignoreExceptions().until(() -> {
						shown.clear();
						shown.putAll(rowsByToken(stack.dashboard()));
						return expected.keySet().stream().allMatch(t -> shown.containsKey(t) && shown.get(t).stream().allMatch(Expected::isFinal));
					});
			}
			catch (ConditionTimeoutException ex) {
				drained = false;
			}
			long drainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastFault);
			Replies replies = Replies.of(stack);

			List<String> lost = expected.keySet().stream().filter(t -> !shown.containsKey(t)).toList();
			List<String> duplicated = expected.keySet().stream().filter(t -> shown.getOrDefault(t, List.of()).size() > 1).toList();
			List<String> wrong = expected.entrySet().stream().filter(e -> shown.containsKey(e.getKey()))
				.filter(e -> !shown.get(e.getKey()).stream().allMatch(e.getValue()::matches)).map(Map.Entry::getKey).toList();
			List<String> unexpected = shown.keySet().stream().filter(t -> !expected.containsKey(t)).toList();
			Figures figures = new Figures(this.seed, sent.size(), expected.size(), lost.size(), duplicated.size(), wrong.size(),
					injected, sender.refused.get(), backlog, drained ? drainMillis : -1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
			figures.print();
			replies.print();
			Files.writeString(dir.getParent().resolve("figures-seed-" + this.seed + ".json"), figures.json(), StandardCharsets.UTF_8);

			assertThat(senderFailed.get()).as("the sender's own failure").isNull();
			assertThat(sent).as("mails sent").hasSize(this.mails);
			assertThat(expected).as("mails the mail server accepted").hasSize(sent.size());
			assertThat(lost).as("sent, in the mailbox, not on the dashboard").isEmpty();
			assertThat(duplicated).as("on the dashboard more than once").isEmpty();
			assertThat(unexpected).as("on the dashboard but never sent").isEmpty();
			assertThat(wrong).as("shown with another outcome than the mail calls for: %s",
					wrong.stream().limit(5).map(t -> t + " " + shown.get(t)).toList()).isEmpty();
			assertThat(drained).as("every mail reached its final status within 5 minutes of the last fault").isTrue();
			assertThat(replies.doubled()).as("replies in an agency's inbox more than once").isEmpty();
			assertThat(replies.unqueued()).as("submissions with an outcome and no reply queued").isZero();
			assertThat(replies.notDelivered()).as("replies recorded as sent and in no inbox").isEmpty();
			assertThat(replies.waiting()).as("replies still waiting to be sent").isZero();
			assertThat(injected.values().stream().mapToInt(i -> i).sum()).isEqualTo(this.faultCount);
		}
	}

	/** How many sent mails the dashboard did not yet show as final when the faults ended (-1: it did not answer). */
	private static int backlog(ProcessStack stack, java.util.Set<String> sent) {
		try {
			Map<String, List<String>> shown = rowsByToken(stack.dashboard());
			return (int) sent.stream().filter(t -> !shown.containsKey(t) || !shown.get(t).stream().allMatch(Expected::isFinal)).count();
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static Map<String, List<String>> rowsByToken(String pages) {
		return ProcessStack.rowsByToken(pages, TOKEN);
	}

	/** What a mail should end as: a scored form, or a failure whose reason names the mistake. */
	enum Expected {
		SCORED("Đã chấm điểm"), NO_ATTACHMENT("Thư không có tệp đính kèm"), BROKEN_FILE("bị hỏng");

		private final String shows;

		Expected(String shows) {
			this.shows = shows;
		}

		boolean matches(String row) {
			return row.contains(this.shows) && (this == SCORED || row.contains("Lỗi"));
		}

		static boolean isFinal(String row) {
			return row.contains("Đã chấm điểm") || row.contains("Lỗi") || row.contains("Cách ly");
		}
	}

	/**
	 * Sends the mails at an even pace through the whole schedule, from roster addresses, one in ten
	 * with a typical mistake; a mail the server refuses (it may be down) is sent again, as a mail
	 * server queues and retries.
	 */
	private final class Sender implements Runnable {

		private final Campaign campaign;

		private final DemoMailer mailer;

		private final Map<String, Expected> sent;

		private final Duration pace;

		final AtomicInteger refused = new AtomicInteger();

		Sender(Campaign campaign, int smtpPort, Map<String, Expected> sent, Duration pace) {
			this.campaign = campaign;
			this.mailer = new DemoMailer(campaign, smtpPort);
			this.sent = sent;
			this.pace = pace;
		}

		@Override
		public void run() {
			List<Agency> agencies = this.campaign.agencies();
			long next = System.nanoTime();
			try {
				for (int i = 0; i < DeliveryUnderFaultsIT.this.mails; i++) {
					Agency agency = agencies.get(i % agencies.size());
					String token = "f-%04d".formatted(i);
					Expected outcome = i % 10 == 3 ? Expected.BROKEN_FILE : i % 10 == 7 ? Expected.NO_ATTACHMENT : Expected.SCORED;
					MimeMessage message = switch (outcome) {
						case SCORED -> this.mailer.message(agency, "faults-" + token, "Phiếu tự đánh giá [" + token + "]",
								FormWorkbook.fileName(this.campaign, agency.group(), agency), FormWorkbook.filled(this.campaign, agency.group(),
										agency, DemoFigures.forAgency(this.campaign.form(agency.group()).criteria(), i)));
						case BROKEN_FILE -> this.mailer.message(agency, "faults-" + token, "Phiếu tự đánh giá [" + token + "]",
								"Phiếu.xlsx", "PK\u0003\u0004 tệp bị cắt cụt".getBytes(StandardCharsets.UTF_8));
						case NO_ATTACHMENT -> this.mailer.message(agency, "faults-" + token, "Gửi phiếu [" + token + "]", null, null);
					};
					while (true) {
						try {
							this.mailer.send(message);
							break;
						}
						catch (MessagingException ex) {
							this.refused.incrementAndGet();
							TimeUnit.MILLISECONDS.sleep(250);
						}
					}
					synchronized (this.sent) {
						this.sent.put(token, outcome);
					}
					next += this.pace.toNanos();
					TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
				}
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * The replies to agencies once the faults are over: each submission's reply must be in its
	 * agency's inbox once, or, when the instance sending it was killed midway, left for staff.
	 *
	 * @param byState how many replies stand in each state, from the report service's database
	 * @param doubled the Message-IDs found more than once in the inboxes
	 * @param notDelivered the Message-IDs recorded as sent that no inbox holds
	 */
	record Replies(Map<String, Integer> byState, long submissions, long unqueued, List<String> doubled, List<String> notDelivered,
			int inInboxes) {

		/** Reads them once nothing is waiting any more, or after two minutes. */
		static Replies of(ProcessStack stack) throws Exception {
			try (com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients.create(stack.reportDatabaseUri())) {
				com.mongodb.client.MongoDatabase database = client.getDatabase("ictrank-report");
				com.mongodb.client.MongoCollection<org.bson.Document> replies = database.getCollection("replies");
				try {
					await("every reply sent").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
						.until(() -> replies.countDocuments(new org.bson.Document("state",
								new org.bson.Document("$in", List.of("PENDING", "SENDING")))) == 0);
				}
				catch (ConditionTimeoutException ex) {
					// reported below as replies still waiting
				}
				Map<String, Integer> byState = new TreeMap<>();
				java.util.Set<String> sentIds = new java.util.HashSet<>();
				for (org.bson.Document reply : replies.find()) {
					byState.merge(reply.getString("state"), 1, Integer::sum);
					if ("SENT".equals(reply.getString("state"))) {
						sentIds.add(reply.getString("messageId"));
					}
				}
				long withOutcome = database.getCollection("submissions").countDocuments(new org.bson.Document("$or",
						List.of(new org.bson.Document("score", new org.bson.Document("$exists", true)),
								new org.bson.Document("rejection", new org.bson.Document("$exists", true)))));
				Map<String, Integer> inboxes = new HashMap<>();
				List<MimeMessage> delivered = stack.replies();
				for (MimeMessage message : delivered) {
					inboxes.merge(message.getMessageID(), 1, Integer::sum);
				}
				List<String> doubled = inboxes.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
				List<String> notDelivered = sentIds.stream().filter(id -> !inboxes.containsKey(id)).toList();
				long queued = byState.values().stream().mapToInt(i -> i).sum();
				return new Replies(byState, withOutcome, Math.max(0, withOutcome - queued), doubled, notDelivered, delivered.size());
			}
		}

		int waiting() {
			return this.byState.getOrDefault("PENDING", 0) + this.byState.getOrDefault("SENDING", 0);
		}

		void print() {
			System.out.printf("Replies to agencies: %d in inboxes for %d submissions; states %s%n", this.inInboxes, this.submissions, this.byState);
			System.out.printf("  doubled %d, not queued %d, recorded as sent but in no inbox %d, left for staff (sender killed midway) %d%n%n",
					this.doubled.size(), this.unqueued, this.notDelivered.size(), this.byState.getOrDefault("UNCERTAIN", 0));
		}
	}

	record Figures(long seed, int sent, int inMailbox, int lost, int duplicated, int wrongOutcome, Map<Fault.Kind, Integer> faults,
			int smtpRefusals, int backlog, long drainMillis, long totalMillis) {

		int faultTotal() {
			return this.faults.values().stream().mapToInt(i -> i).sum();
		}

		void print() {
			System.out.println();
			System.out.println("Delivery under faults, seed " + this.seed);
			System.out.printf("  lost            %d / %d%n", this.lost, this.inMailbox);
			System.out.printf("  duplicated      %d / %d%n", this.duplicated, this.inMailbox);
			System.out.printf("  wrong outcome   %d / %d%n", this.wrongOutcome, this.inMailbox);
			System.out.printf("  faults injected %d: %s%n", faultTotal(), this.faults);
			System.out.printf("  SMTP refusals   %d (mail server down; the sender tried again)%n", this.smtpRefusals);
			System.out.printf("  backlog         %d mails not yet shown when the faults ended%n", this.backlog);
			System.out.printf("  drained         %s after the last fault (target 30 s)%n",
					this.drainMillis < 0 ? "NOT within 5 min" : "%.1f s".formatted(this.drainMillis / 1000.0));
			System.out.printf("  whole run       %.0f s%n", this.totalMillis / 1000.0);
			System.out.println();
		}

		String json() {
			StringBuilder kinds = new StringBuilder();
			this.faults.forEach((kind, n) -> kinds.append(kinds.isEmpty() ? "" : ",").append('"').append(kind).append("\":").append(n));
			return """
					{"seed":%d,"sent":%d,"inMailbox":%d,"lost":%d,"duplicated":%d,"wrongOutcome":%d,"faults":%d,"faultsByKind":{%s},\
					"smtpRefusals":%d,"backlog":%d,"drainMillis":%d,"totalMillis":%d}
					""".formatted(this.seed, this.sent, this.inMailbox, this.lost, this.duplicated, this.wrongOutcome, faultTotal(), kinds,
					this.smtpRefusals, this.backlog, this.drainMillis, this.totalMillis);
		}
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}
}
