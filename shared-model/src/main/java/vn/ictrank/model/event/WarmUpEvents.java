package vn.ictrank.model.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import vn.ictrank.model.campaign.AgencyGroup;

/**
 * The events of a submission that never was, for a service to run its own path on as it starts:
 * in a JVM just started, the first real event paid for loading and compiling all that path, ten
 * times its usual cost. Their campaign, agency and ids are {@value #CAMPAIGN}, and none of them
 * ever goes to a topic.
 */
public final class WarmUpEvents {

	public static final String CAMPAIGN = "warm-up";

	private WarmUpEvents() {
	}

	/** What one form's submission brings, the {@code round}th of its kind: it arrived, its form was read, it was scored. */
	public static List<EventEnvelope> submission(int round) {
		Instant at = Instant.EPOCH.plusSeconds(round);
		String messageId = "<warm-up-" + round + "@ictrank>";
		SubmissionId id = SubmissionId.forMessage(CAMPAIGN, messageId);
		return List.of(
				EventEnvelope.wrap(new SubmissionReceived(messageId, "warm-up@ictrank", "Phiếu tự đánh giá", at,
						List.of(new SubmissionReceived.Attachment("Mẫu 01.xlsx", "application/octet-stream", 9000, "0".repeat(64))), CAMPAIGN),
						CAMPAIGN, CAMPAIGN, id, null, "", at),
				EventEnvelope.wrap(new FormExtracted(AgencyGroup.DEPARTMENT, CAMPAIGN, "Mẫu 01", "Mẫu 01.xlsx", at,
						Map.of("tong_cbccvc", new FormExtracted.ExtractedValue(BigDecimal.TEN, "10", "Mẫu 01", "D9", false))),
						CAMPAIGN, CAMPAIGN, id, null, "", at),
				EventEnvelope.wrap(new SubmissionScored(AgencyGroup.DEPARTMENT, CAMPAIGN, 1, BigDecimal.ONE, BigDecimal.TEN,
						new SubmissionScored.Band("KEM", "Kém"),
						List.of(new SubmissionScored.IndicatorScore("HT1", "Tỷ lệ CBCCVC được trang bị máy tính", "HT", BigDecimal.ONE, BigDecimal.TEN))),
						CAMPAIGN, CAMPAIGN, id, null, "1", at));
	}

	/** Each event of {@code rounds} submissions written to the wire and read back, as every service sends and receives them. */
	public static void roundTrip(int rounds) {
		for (int round = 0; round < rounds; round++) {
			for (EventEnvelope event : submission(round)) {
				EventCodec.read(EventCodec.write(event));
			}
		}
	}
}
