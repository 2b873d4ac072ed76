package vn.ictrank.model.campaign;

import java.util.Arrays;
import java.util.Locale;

/** The groups that are ranked separately. */
public enum AgencyGroup {

	DEPARTMENT("Sở, ban, ngành"),
	DISTRICT("Huyện, thị xã, thành phố");

	private final String label;

	AgencyGroup(String label) {
		this.label = label;
	}

	/** The Vietnamese name of the group. */
	public String label() {
		return this.label;
	}

	/** The lower-case name used in campaign files and URLs. */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static AgencyGroup fromCode(String code) {
		return Arrays.stream(values())
			.filter(g -> g.code().equals(code))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("nhóm không hợp lệ: '" + code + "' (chỉ nhận department hoặc district)"));
	}
}
