package vn.ictrank.report.users;

import java.util.Arrays;

/** What a member of staff may do; each role may also do everything of the roles before it. */
public enum StaffRole {

	/** Xem: every page, export and download. */
	VIEW("Xem"),
	/** Thẩm định: review states, comments, returns, replies, reminders, re-processing. */
	REVIEW("Thẩm định"),
	/** Quản trị: users, campaigns and roster addresses, and the decisions that change a ranking (late forms accepted). */
	ADMIN("Quản trị");

	private final String label;

	StaffRole(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	/** The Spring Security roles a user of this role holds: its own and those of the roles before it. */
	String[] grants() {
		return Arrays.stream(values()).filter(r -> r.ordinal() <= ordinal()).map(Enum::name).toArray(String[]::new);
	}
}
