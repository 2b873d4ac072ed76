package vn.ictrank.report.submissions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.function.Predicate;

import vn.ictrank.model.text.VietnameseText;

/**
 * Which of a campaign's submissions a list shows, and in which order. Every part is optional.
 *
 * @param status how far they got
 * @param group the agency group's name ({@code DEPARTMENT}, …)
 * @param agencyId the agency they came from
 * @param bandCode the band of their total
 * @param from received at or after
 * @param until received before
 * @param late only those received after the deadline ({@code true}) or only those on time ({@code false})
 * @param lateFrom the first late instant of the campaign, for {@code late}
 * @param text words to find in the sender's address or the subject, whatever their diacritics and case
 * @param textAgencies the agencies whose name holds {@code text}: their submissions match it too
 * @param order the order of the list
 */
public record SubmissionFilter(SubmissionStatus status, String group, String agencyId, String bandCode, Instant from,
		Instant until, Boolean late, Instant lateFrom, String text, Set<String> textAgencies, Order order) {

	public static SubmissionFilter none() {
		return new SubmissionFilter(null, null, null, null, null, null, null, null, null, Set.of(), Order.NEWEST);
	}

	public enum Order {
		NEWEST("moi-nhat", "Mới nhận trước", Comparator.comparing(SubmissionFilter::receivedAt).reversed()),
		OLDEST("cu-nhat", "Nhận sớm trước", Comparator.comparing(SubmissionFilter::receivedAt)),
		HIGHEST("diem-cao", "Điểm cao trước", Comparator.comparing(SubmissionFilter::total, Comparator.nullsFirst(Comparator.naturalOrder())).reversed()),
		LOWEST("diem-thap", "Điểm thấp trước", Comparator.comparing(SubmissionFilter::total, Comparator.nullsLast(Comparator.naturalOrder())));

		private final String slug;

		private final String label;

		private final Comparator<SubmissionDocument> comparator;

		Order(String slug, String label, Comparator<SubmissionDocument> comparator) {
			this.slug = slug;
			this.label = label;
			// The newest first among equals, and the id last, so that a page boundary falls at the same place on every request.
			this.comparator = comparator.thenComparing(Comparator.comparing(SubmissionFilter::receivedAt).reversed())
				.thenComparing(SubmissionDocument::id);
		}

		public String slug() {
			return this.slug;
		}

		public String label() {
			return this.label;
		}

		public Comparator<SubmissionDocument> comparator() {
			return this.comparator;
		}

		public static Order bySlug(String slug) {
			return java.util.Arrays.stream(values()).filter(o -> o.slug.equals(slug)).findFirst().orElse(NEWEST);
		}
	}

	/** Whether a submission is one the list shows. */
	public boolean matches(SubmissionDocument s) {
		return all(this.status == null || SubmissionStatus.of(s) == this.status, this.group == null || this.group.equals(s.group()),
				this.agencyId == null || this.agencyId.equals(s.agencyId()),
				this.bandCode == null || (s.rejection() == null && s.score() != null && this.bandCode.equals(s.score().bandCode())),
				this.from == null || !receivedAt(s).isBefore(this.from), this.until == null || receivedAt(s).isBefore(this.until),
				this.late == null || this.lateFrom == null || this.late == !receivedAt(s).isBefore(this.lateFrom), textMatch().test(s));
	}

	private Predicate<SubmissionDocument> textMatch() {
		String wanted = VietnameseText.matchKey(this.text);
		if (wanted.isEmpty()) {
			return s -> true;
		}
		return s -> (s.agencyId() != null && this.textAgencies != null && this.textAgencies.contains(s.agencyId()))
				|| VietnameseText.matchKey(s.subject()).contains(wanted) || VietnameseText.matchKey(s.sender()).contains(wanted);
	}

	private static boolean all(boolean... conditions) {
		for (boolean condition : conditions) {
			if (!condition) {
				return false;
			}
		}
		return true;
	}

	private static Instant receivedAt(SubmissionDocument s) {
		return s.receivedAt() == null ? Instant.EPOCH : s.receivedAt();
	}

	private static BigDecimal total(SubmissionDocument s) {
		return s.score() == null || s.rejection() != null ? null : s.score().total();
	}
}
