package vn.ictrank.report.submissions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Which of a campaign's submissions a list shows, and in which order. Every part is optional.
 *
 * @param status how far they got
 * @param group the agency group's name ({@code SO_NGANH}, …)
 * @param agencyId the agency they came from
 * @param bandCode the band of their total
 * @param from received at or after
 * @param until received before
 * @param late only those received after the deadline ({@code true}) or only those on time ({@code false})
 * @param lateFrom the first late instant of the campaign, for {@code late}
 * @param text words to find in the sender's address or the subject
 * @param textAgencies the agencies whose name holds {@code text}, whatever its diacritics and case: their
 *        submissions match it too
 * @param order the order of the list
 */
public record SubmissionFilter(SubmissionStatus status, String group, String agencyId, String bandCode, Instant from,
		Instant until, Boolean late, Instant lateFrom, String text, Set<String> textAgencies, Order order) {

	public static SubmissionFilter none() {
		return new SubmissionFilter(null, null, null, null, null, null, null, null, null, Set.of(), Order.NEWEST);
	}

	public enum Order {
		NEWEST("moi-nhat", "Mới nhận trước", Sort.by(Sort.Direction.DESC, "receivedAt")),
		OLDEST("cu-nhat", "Nhận sớm trước", Sort.by(Sort.Direction.ASC, "receivedAt")),
		HIGHEST("diem-cao", "Điểm cao trước", Sort.by(Sort.Direction.DESC, "score.total")),
		LOWEST("diem-thap", "Điểm thấp trước", Sort.by(Sort.Direction.ASC, "score.total"));

		private final String slug;

		private final String label;

		private final Sort sort;

		Order(String slug, String label, Sort sort) {
			this.slug = slug;
			this.label = label;
			// The id last, so that a page boundary falls at the same place on every request.
			this.sort = sort.and(Sort.by(Sort.Direction.DESC, "receivedAt")).and(Sort.by("_id"));
		}

		public String slug() {
			return this.slug;
		}

		public String label() {
			return this.label;
		}

		Sort sort() {
			return this.sort;
		}

		public static Order bySlug(String slug) {
			return java.util.Arrays.stream(values()).filter(o -> o.slug.equals(slug)).findFirst().orElse(NEWEST);
		}
	}

	Criteria criteria(String campaignId) {
		List<Criteria> all = new ArrayList<>();
		all.add(Criteria.where("campaignId").is(campaignId));
		if (this.status != null) {
			all.add(this.status.criteria());
		}
		if (this.group != null) {
			all.add(Criteria.where("group").is(this.group));
		}
		if (this.bandCode != null) {
			all.add(Criteria.where("score.bandCode").is(this.bandCode).and("rejection").exists(false));
		}
		if (this.from != null) {
			all.add(Criteria.where("receivedAt").gte(this.from));
		}
		if (this.until != null) {
			all.add(Criteria.where("receivedAt").lt(this.until));
		}
		if (this.late != null && this.lateFrom != null) {
			all.add(this.late ? Criteria.where("receivedAt").gte(this.lateFrom) : Criteria.where("receivedAt").lt(this.lateFrom));
		}
		if (this.agencyId != null) {
			all.add(Criteria.where("agencyId").is(this.agencyId));
		}
		if (this.text != null && !this.text.isBlank()) {
			Pattern words = Pattern.compile(Pattern.quote(this.text.trim()), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
			List<Criteria> any = new ArrayList<>(List.of(Criteria.where("sender").regex(words), Criteria.where("subject").regex(words)));
			if (this.textAgencies != null && !this.textAgencies.isEmpty()) {
				any.add(Criteria.where("agencyId").in(this.textAgencies));
			}
			all.add(new Criteria().orOperator(any));
		}
		return new Criteria().andOperator(all);
	}
}
