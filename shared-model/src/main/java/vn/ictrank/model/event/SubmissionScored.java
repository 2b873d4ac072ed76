package vn.ictrank.model.event;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import vn.ictrank.model.campaign.AgencyGroup;

/**
 * A submission was scored against its criteria set. Indicators normalised against the best
 * agency of the group change when another agency's form arrives, so a submission can be scored
 * again; {@code revision} orders these results and a consumer keeps the highest.
 *
 * @param revision grows with every form of the group that the result takes into account
 * @param total sum of the indicator scores, rounded half-up to two decimals
 * @param findings the criteria set's data checks the figures failed (v2; none in v1)
 * @param awaitingConfirmation a failed check of severity error that staff have not confirmed:
 *        the points are for information, the form is not ranked and its figures do not count
 *        towards the group's best values until it is corrected or confirmed (v2)
 * @param criteriaVersion the version of the criteria file the score used (v2)
 */
public record SubmissionScored(AgencyGroup group, String criteriaSetId, long revision, BigDecimal total,
		BigDecimal maxTotal, Band band, List<IndicatorScore> indicators, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Finding> findings,
		@JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean awaitingConfirmation,
		@JsonInclude(JsonInclude.Include.NON_NULL) String criteriaVersion) implements SubmissionEvent {

	public SubmissionScored {
		indicators = List.copyOf(indicators);
		findings = findings == null ? List.of() : List.copyOf(findings);
	}

	public SubmissionScored(AgencyGroup group, String criteriaSetId, long revision, BigDecimal total, BigDecimal maxTotal,
			Band band, List<IndicatorScore> indicators) {
		this(group, criteriaSetId, revision, total, maxTotal, band, indicators, List.of(), false, null);
	}

	/**
	 * A data check the figures failed.
	 *
	 * @param message in Vietnamese, with the figures it read
	 * @param indicators the indicators whose points depend on those figures
	 * @param confirmed staff confirmed the figures with the agency; a confirmed error no longer holds the form
	 */
	public record Finding(String checkId, Severity severity, String message, List<String> indicators, boolean confirmed) {

		public Finding {
			indicators = indicators == null ? List.of() : List.copyOf(indicators);
		}

		/** An error staff have not confirmed: the form waits, out of the ranking and the group's best. */
		public boolean holdsTheForm() {
			return this.severity == Severity.ERROR && !this.confirmed;
		}

		public enum Severity {
			ERROR("Lỗi"), WARNING("Lưu ý");

			private final String label;

			Severity(String label) {
				this.label = label;
			}

			/** How pages and letters name it. */
			public String label() {
				return this.label;
			}
		}
	}

	/** The grade band the total falls in ("Tốt", "Khá", ...). */
	public record Band(String code, String label) {
	}

	/** One indicator's points, unrounded beyond four decimals. */
	public record IndicatorScore(String id, String label, String groupId, BigDecimal score, BigDecimal max) {
	}
}
