package vn.ictrank.model.event;

import java.math.BigDecimal;
import java.util.List;

import vn.ictrank.model.campaign.AgencyGroup;

/**
 * A submission was scored against its criteria set. Indicators normalised against the best
 * agency of the group change when another agency's form arrives, so a submission can be scored
 * again; {@code revision} orders these results and a consumer keeps the highest.
 *
 * @param revision grows with every form of the group that the result takes into account
 * @param total sum of the indicator scores, rounded half-up to two decimals
 */
public record SubmissionScored(AgencyGroup group, String criteriaSetId, long revision, BigDecimal total,
		BigDecimal maxTotal, Band band, List<IndicatorScore> indicators) implements SubmissionEvent {

	public SubmissionScored {
		indicators = List.copyOf(indicators);
	}

	/** The grade band the total falls in ("Tốt", "Khá", ...). */
	public record Band(String code, String label) {
	}

	/** One indicator's points, unrounded beyond four decimals. */
	public record IndicatorScore(String id, String label, String groupId, BigDecimal score, BigDecimal max) {
	}
}
