package vn.ictrank.scoring.scoring;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.model.campaign.CriteriaSet;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.FormExtracted;
import vn.ictrank.model.event.SubmissionId;

/** Extracted department forms of Thanh Hóa 2016 in the states the scoring tests need. */
final class ExtractedForms {

	static final CampaignCatalog CATALOG = CampaignCatalog.load(Path.of(System.getProperty("ictrank.campaigns-dir", "../campaigns")));

	static final Campaign CAMPAIGN = CATALOG.require("thanh-hoa-2016");

	static final CriteriaSet DEPARTMENT = CAMPAIGN.form(AgencyGroup.DEPARTMENT).criteria();

	private ExtractedForms() {
	}

	/**
	 * A form with every ratio at 80%, every yes/no at yes, 4 sector applications, and
	 * {@code bandwidth} Mbps for 100 staff.
	 */
	static Map<String, BigDecimal> eightyPercent(int bandwidth) {
		Map<String, BigDecimal> v = new HashMap<>();
		for (CriteriaSet.Input input : DEPARTMENT.inputs()) {
			v.put(input.id(), input.type() == CriteriaSet.InputType.BOOLEAN ? BigDecimal.ONE : BigDecimal.valueOf(100));
		}
		for (String part : new String[] { "so_cbccvc_co_may_tinh", "so_may_tinh_diet_virus", "so_may_tinh_ket_noi_lan",
				"so_van_ban_di_dien_tu", "so_cbccvc_dung_thu_cong_vu", "so_muc_tt_dat", "so_ho_so_truc_tuyen",
				"so_can_bo_cntt_tu_cao_dang", "so_cbccvc_duoc_tap_huan" }) {
			v.put(part, BigDecimal.valueOf(80));
		}
		v.put("so_dvc_muc_3", BigDecimal.valueOf(40));
		v.put("so_dvc_muc_4", BigDecimal.valueOf(40));
		v.put("so_ung_dung_chuyen_nganh", BigDecimal.valueOf(4));
		v.put("bang_thong_quy_doi_mbps", BigDecimal.valueOf(bandwidth));
		v.put("kinh_phi_cntt_trieu", BigDecimal.valueOf(2));
		return v;
	}

	/**
	 * The total of {@link #eightyPercent} by hand: 80% of the ratio indicators' points
	 * (HT1 6, HT2 4, HT4 3, UD2 8, UD3 6, TD2 6, TD3 7, TD4 6, NL2 3, NL3 4), full points for the
	 * yes/no ones (HT5 3, HT6 2, HT7 2, UD1 4, UD4 3, UD6 4, TD1 2, TD5 4, NL1 3, CS1 3, CS2 3),
	 * 4 of UD5's 5, and CS3 4 (every agency spends the same share); HT3 is 5 × bandwidth ÷ best.
	 */
	static BigDecimal expectedTotal(double bandwidthShareOfBest) {
		double ratios = 0.8 * (6 + 4 + 3 + 8 + 6 + 6 + 7 + 6 + 3 + 4);
		double yesNo = 3 + 2 + 2 + 4 + 3 + 4 + 2 + 4 + 3 + 3 + 3;
		return BigDecimal.valueOf(ratios + yesNo + 4 + 4 + 5 * bandwidthShareOfBest).setScale(2, java.math.RoundingMode.HALF_UP);
	}

	static EventEnvelope extracted(String agencyId, Map<String, BigDecimal> values, Instant receivedAt) {
		return extracted(CAMPAIGN.id(), agencyId, values, receivedAt);
	}

	static EventEnvelope extracted(String campaignId, String agencyId, Map<String, BigDecimal> values, Instant receivedAt) {
		Map<String, FormExtracted.ExtractedValue> extracted = new HashMap<>();
		values.forEach((id, v) -> extracted.put(id, new FormExtracted.ExtractedValue(v, v.toPlainString(), "Mẫu 01", "D9", false)));
		SubmissionId id = SubmissionId.forMessage(campaignId, "<" + agencyId + "-" + receivedAt + "@test>");
		return EventEnvelope.wrap(new FormExtracted(AgencyGroup.DEPARTMENT, DEPARTMENT.id(), "Mẫu 01", "Mẫu 01.xlsx", receivedAt,
				extracted), campaignId, agencyId, id, null, "", receivedAt);
	}
}
