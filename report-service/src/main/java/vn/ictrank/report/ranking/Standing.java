package vn.ictrank.report.ranking;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.report.submissions.SubmissionDocument;

/**
 * Where each roster agency stands in a campaign: its current submission (the latest one scored
 * on time, else the latest scored, else the latest it sent), and the ranking of each group. Late
 * and missing forms are not ranked, but a late correction does not unrank a form sent on time;
 * equal totals share a rank and the next rank is skipped (1, 2, 2, 4).
 */
public record Standing(Map<AgencyGroup, List<Ranked>> ranking, List<AgencyState> agencies) {

	private static final Collator VIETNAMESE = Collator.getInstance(Locale.forLanguageTag("vi"));

	public enum State {
		RANKED("Đã xếp hạng"),
		LATE("Nộp muộn, không xếp hạng"),
		/** Its figures failed a data check of severity error: not ranked until corrected or confirmed. */
		AWAITING_CONFIRMATION("Số liệu chờ xác nhận, chưa xếp hạng"),
		/** Every mail it sent failed: it has not submitted until it sends again. */
		FAILED("Cần gửi lại"),
		/** The campaign leaves it out (security bodies, for example): never ranked. */
		EXCLUDED("Miễn đánh giá"),
		PENDING("Đang xử lý"),
		MISSING("Chưa nộp");

		private final String label;

		State(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}
	}

	/**
	 * @param lateAccepted why staff accepted this late form, {@code null} for a form on time
	 */
	public record Ranked(int rank, Agency agency, SubmissionDocument submission, LateExceptions.Accepted lateAccepted) {
	}

	public record AgencyState(Agency agency, State state, SubmissionDocument current, int submissions) {
	}

	public static Standing of(Campaign campaign, List<SubmissionDocument> submissions) {
		return of(campaign, submissions, Map.of());
	}

	/**
	 * @param acceptedLate late submissions staff accepted, by id: these are ranked as if on time
	 */
	public static Standing of(Campaign campaign, List<SubmissionDocument> submissions, Map<String, LateExceptions.Accepted> acceptedLate) {
		java.util.function.Predicate<SubmissionDocument> late = s -> isLate(campaign, s) && !acceptedLate.containsKey(s.id());
		Map<String, List<SubmissionDocument>> byAgency = new HashMap<>();
		for (SubmissionDocument s : submissions) {
			if (s.agencyId() != null) {
				byAgency.computeIfAbsent(s.agencyId(), k -> new ArrayList<>()).add(s);
			}
		}
		List<AgencyState> states = new ArrayList<>();
		Map<AgencyGroup, List<SubmissionDocument>> rankable = new EnumMap<>(AgencyGroup.class);
		for (Agency agency : campaign.agencies()) {
			List<SubmissionDocument> own = byAgency.getOrDefault(agency.id(), List.of());
			List<SubmissionDocument> scored = own.stream().filter(s -> s.score() != null && s.rejection() == null).toList();
			SubmissionDocument current = latest(scored.stream().filter(late.negate()).toList())
				.or(() -> latest(scored))
				.or(() -> latest(own))
				.orElse(null);
			State state;
			if (agency.excludedBecause() != null) {
				state = State.EXCLUDED;
			}
			else if (current == null) {
				state = State.MISSING;
			}
			else if (current.score() != null && current.rejection() == null) {
				state = late.test(current) ? State.LATE : current.score().awaitingConfirmation() ? State.AWAITING_CONFIRMATION : State.RANKED;
			}
			else {
				state = current.rejection() != null ? State.FAILED : State.PENDING;
			}
			if (state == State.RANKED) {
				rankable.computeIfAbsent(agency.group(), g -> new ArrayList<>()).add(current);
			}
			states.add(new AgencyState(agency, state, current, own.size()));
		}
		Map<AgencyGroup, List<Ranked>> ranking = new EnumMap<>(AgencyGroup.class);
		for (AgencyGroup group : campaign.forms().keySet()) {
			ranking.put(group, rank(campaign, rankable.getOrDefault(group, List.of()), acceptedLate));
		}
		return new Standing(ranking, states);
	}

	private static List<Ranked> rank(Campaign campaign, List<SubmissionDocument> scored, Map<String, LateExceptions.Accepted> acceptedLate) {
		List<SubmissionDocument> ordered = new ArrayList<>(scored);
		ordered.sort(Comparator.comparing((SubmissionDocument s) -> s.score().total()).reversed()
			.thenComparing(s -> campaign.agency(s.agencyId()).map(Agency::name).orElse(""), VIETNAMESE));
		List<Ranked> ranked = new ArrayList<>();
		for (int i = 0; i < ordered.size(); i++) {
			SubmissionDocument s = ordered.get(i);
			boolean tied = i > 0 && ordered.get(i - 1).score().total().compareTo(s.score().total()) == 0;
			int rank = tied ? ranked.get(i - 1).rank() : i + 1;
			ranked.add(new Ranked(rank, campaign.agency(s.agencyId()).orElseThrow(), s, acceptedLate.get(s.id())));
		}
		return ranked;
	}

	private static boolean isLate(Campaign campaign, SubmissionDocument submission) {
		return submission.receivedAt() != null && campaign.isLate(submission.receivedAt());
	}

	private static Optional<SubmissionDocument> latest(List<SubmissionDocument> submissions) {
		return submissions.stream()
			.max(Comparator.comparing((SubmissionDocument s) -> s.receivedAt() == null ? java.time.Instant.MIN : s.receivedAt())
				.thenComparing(SubmissionDocument::id));
	}

	/** The submission of the same agency that counts instead of this one, if another does. */
	public Optional<SubmissionDocument> replacementOf(SubmissionDocument submission) {
		return this.agencies.stream()
			.filter(a -> submission.agencyId() != null && a.agency().id().equals(submission.agencyId()) && a.current() != null
					&& !a.current().id().equals(submission.id()))
			.map(AgencyState::current)
			.findFirst();
	}

	public long count(State state) {
		return this.agencies.stream().filter(a -> a.state() == state).count();
	}
}
