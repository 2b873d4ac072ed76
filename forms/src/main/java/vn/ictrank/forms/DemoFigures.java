package vn.ictrank.forms;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import vn.ictrank.model.campaign.CriteriaSet;

/**
 * Plausible, varied figures for a form, for demonstrations and tests. Counts stay consistent
 * with their totals (computers with antivirus never exceed computers, and so on), so a filled
 * form passes the Department's logic checks. The same seed always gives the same figures.
 */
public final class DemoFigures {

	private DemoFigures() {
	}

	public static Map<String, Object> forAgency(CriteriaSet criteria, long seed) {
		Random random = new Random(seed);
		int staff = 40 + random.nextInt(260);
		int computers = (int) (staff * (0.8 + random.nextDouble() * 0.5));
		int outgoing = 800 + random.nextInt(4000);
		int procedures = 20 + random.nextInt(150);
		int itStaff = 1 + random.nextInt(4);
		int communes = 12 + random.nextInt(30);
		int communeStaff = communes * (18 + random.nextInt(8));
		double budget = 5000 + random.nextInt(60000);
		Map<String, Object> values = new LinkedHashMap<>();
		for (CriteriaSet.Input input : criteria.inputs()) {
			Object value = switch (input.id()) {
				case "tong_cbccvc" -> staff;
				case "so_cbccvc_co_may_tinh" -> part(random, Math.min(staff, computers), 0.7);
				case "tong_may_tinh" -> computers;
				case "so_may_tinh_diet_virus", "so_may_tinh_ket_noi_lan" -> part(random, computers, 0.5);
				case "bang_thong_quy_doi_mbps" -> BigDecimal.valueOf(20 + random.nextDouble() * 280).setScale(1, RoundingMode.HALF_UP);
				case "tong_van_ban_di" -> outgoing;
				case "so_van_ban_di_dien_tu" -> part(random, outgoing, 0.3);
				case "so_cbccvc_dung_thu_cong_vu", "so_cbccvc_duoc_tap_huan" -> part(random, staff, 0.3);
				case "so_ung_dung_chuyen_nganh" -> random.nextInt(8);
				case "so_muc_tt_dat" -> 8 + random.nextInt(9);
				case "tong_muc_tt_bat_buoc" -> 16;
				case "tong_tthc" -> procedures;
				case "so_dvc_muc_3" -> part(random, procedures / 2, 0.2);
				case "so_dvc_muc_4" -> random.nextInt(4) == 0 ? 0 : part(random, procedures / 4, 0.0);
				case "tong_ho_so_dvc_34" -> 300 + random.nextInt(3000);
				case "so_ho_so_truc_tuyen" -> 10 + random.nextInt(290);
				case "so_can_bo_cntt" -> itStaff;
				case "so_can_bo_cntt_tu_cao_dang" -> part(random, itStaff, 0.3);
				case "kinh_phi_cntt_trieu" -> BigDecimal.valueOf(budget * (0.005 + random.nextDouble() * 0.04)).setScale(0, RoundingMode.HALF_UP);
				case "tong_chi_ngan_sach_trieu" -> BigDecimal.valueOf(budget);
				case "tong_so_xa" -> communes;
				case "so_xa_internet_bang_rong", "so_xa_dung_qlvb", "so_xa_mot_cua_dien_tu" -> part(random, communes, 0.4);
				case "tong_cbcc_xa" -> communeStaff;
				case "so_cbcc_xa_co_may_tinh" -> part(random, communeStaff, 0.5);
				case "co_can_bo_cntt" -> true;
				default -> switch (input.type()) {
					case BOOLEAN -> random.nextInt(5) != 0;
					case INTEGER -> random.nextInt(10);
					case DECIMAL -> BigDecimal.valueOf(random.nextInt(1000), 1);
				};
			};
			values.put(input.id(), value);
		}
		return values;
	}

	/** A share of {@code total} between {@code floor} and all of it. */
	private static int part(Random random, int total, double floor) {
		return (int) Math.round(total * (floor + random.nextDouble() * (1 - floor)));
	}
}
