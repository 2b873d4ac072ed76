package vn.ictrank.report.submissions;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.FormExtracted;
import vn.ictrank.model.event.SubmissionId;
import vn.ictrank.model.event.SubmissionReceived;
import vn.ictrank.model.event.SubmissionRejected;
import vn.ictrank.model.event.SubmissionScored;

/** The events of one submission, in the states the report tests need. */
public final class SubmissionEvents {

	public static final Campaign CAMPAIGN = CampaignCatalog.load(Path.of(System.getProperty("ictrank.campaigns-dir", "../campaigns")))
		.require("thanh-hoa-2016");

	public static final Instant ON_TIME = Instant.parse("2016-11-20T02:00:00Z");

	/** The SHA-256 ingest gave the form attached to {@link #received}. */
	public static final String FORM_SHA256 = "5d41402abc4b2a76b9719d911017c592aa4b2a76b9719d911017c5925d41402a";

	private SubmissionEvents() {
	}

	public static SubmissionId id(String agencyId, Instant at) {
		return SubmissionId.forMessage(CAMPAIGN.id(), "<" + agencyId + "-" + at + "@test>");
	}

	public static EventEnvelope received(String agencyId, Instant at) {
		String sender = CAMPAIGN.agency(agencyId).map(a -> a.emails().get(0)).orElse("la@example.com");
		return EventEnvelope.wrap(new SubmissionReceived("<" + agencyId + "@test>", sender, "Phiếu tự đánh giá", at,
				List.of(new SubmissionReceived.Attachment("Mẫu 01.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 9000,
						FORM_SHA256)),
				"gridfs:mail-archive/x"), CAMPAIGN.id(), agencyId, id(agencyId, at), null, "", at);
	}

	/** A mail sent from an address the roster does not list for the agency. */
	public static EventEnvelope receivedFromElsewhere(String agencyId, Instant at, String sender) {
		return EventEnvelope.wrap(new SubmissionReceived("<" + agencyId + "@test>", sender, "Phiếu tự đánh giá", at, List.of(),
				"gridfs:mail-archive/x", List.of(new SubmissionReceived.Flag(SubmissionReceived.Flag.Code.SENDER_NOT_ON_ROSTER,
						"Địa chỉ gửi " + sender + " không có trong danh sách địa chỉ; cán bộ Sở cần xác nhận."))),
				CAMPAIGN.id(), agencyId, id(agencyId, at), null, "", at);
	}

	public static EventEnvelope quarantined(String agencyId, Instant at) {
		return EventEnvelope.wrap(new SubmissionRejected(SubmissionRejected.Reason.QUARANTINED,
				"Thư không qua được kiểm tra xác thực người gửi; thư được cách ly."), CAMPAIGN.id(), agencyId, id(agencyId, at), null, "", at);
	}

	public static EventEnvelope extracted(String agencyId, Instant at) {
		return extracted(agencyId, at, 85);
	}

	/** A form whose staff count ({@code tong_cbccvc}, cell D9) is {@code staff}. */
	public static EventEnvelope extracted(String agencyId, Instant at, int staff) {
		return EventEnvelope.wrap(new FormExtracted(AgencyGroup.DEPARTMENT, "so-ban-nganh-draft", "Mẫu 01", "Mẫu 01.xlsx", at,
				Map.of("tong_cbccvc", new FormExtracted.ExtractedValue(BigDecimal.valueOf(staff), String.valueOf(staff), "Mẫu 01", "D9", false))),
				CAMPAIGN.id(), agencyId, id(agencyId, at), null, "", at);
	}

	public static EventEnvelope scored(String agencyId, Instant at, String total, long revision) {
		return EventEnvelope.wrap(new SubmissionScored(AgencyGroup.DEPARTMENT, "so-ban-nganh-draft", revision, new BigDecimal(total),
				BigDecimal.valueOf(100), new SubmissionScored.Band("KHA", "Khá"),
				List.of(new SubmissionScored.IndicatorScore("HT1", "Tỷ lệ CBCCVC được trang bị máy tính", "HT", BigDecimal.valueOf(5), BigDecimal.valueOf(6)))),
				CAMPAIGN.id(), agencyId, id(agencyId, at), null, String.valueOf(revision), at);
	}

	/**
	 * A score whose figures failed check C01 (staff with a computer above all staff), an error:
	 * held out of the ranking until staff confirm it ({@code confirmed}).
	 */
	public static EventEnvelope scoredFailingACheck(String agencyId, Instant at, String total, long revision, boolean confirmed) {
		SubmissionScored.Finding finding = new SubmissionScored.Finding("C01", SubmissionScored.Finding.Severity.ERROR,
				"Số CBCCVC được trang bị máy tính lớn hơn tổng số CBCCVC: Số CBCCVC được trang bị máy tính = 120; "
						+ "Tổng số cán bộ, công chức, viên chức = 85.", List.of("HT1"), confirmed);
		return EventEnvelope.wrap(new SubmissionScored(AgencyGroup.DEPARTMENT, "so-ban-nganh-draft", revision, new BigDecimal(total),
				BigDecimal.valueOf(100), new SubmissionScored.Band("KHA", "Khá"),
				List.of(new SubmissionScored.IndicatorScore("HT1", "Tỷ lệ CBCCVC được trang bị máy tính", "HT", BigDecimal.valueOf(6), BigDecimal.valueOf(6)),
						new SubmissionScored.IndicatorScore("HT2", "Tỷ lệ máy tính cài phần mềm diệt virus bản quyền", "HT", BigDecimal.valueOf(4), BigDecimal.valueOf(4))),
				List.of(finding), !confirmed, "3f2a9c1d7b4e"), CAMPAIGN.id(), agencyId, id(agencyId, at), null, String.valueOf(revision), at);
	}

	public static EventEnvelope rejected(String agencyId, Instant at, String message) {
		return EventEnvelope.wrap(new SubmissionRejected(SubmissionRejected.Reason.UNREADABLE_SPREADSHEET, message), CAMPAIGN.id(),
				agencyId, id(agencyId, at), null, "", at);
	}
}
