package vn.ictrank.report.submissions;

import vn.ictrank.model.event.SubmissionRejected;

/** How far a submission got, as staff read it in the lists, and how to find those that got there. */
public enum SubmissionStatus {

	RECEIVED("Đã nhận", "received"),
	EXTRACTED("Đã đọc phiếu", "extracted"),
	SCORED("Đã chấm điểm", "scored"),
	/** Scored for information; a failed error check holds it out of the ranking until it is corrected or confirmed. */
	AWAITING_CONFIRMATION("Chờ xác nhận số liệu", "held"),
	FAILED("Lỗi", "failed"),
	/** Held back because our mail server found the sender forged; staff decide. */
	QUARANTINED("Cách ly", "failed");

	private final String label;

	private final String css;

	SubmissionStatus(String label, String css) {
		this.label = label;
		this.css = css;
	}

	public static SubmissionStatus of(SubmissionDocument s) {
		return s.rejection() != null
				? SubmissionRejected.Reason.QUARANTINED.name().equals(s.rejection().reason()) ? QUARANTINED : FAILED
				: s.score() != null ? s.score().awaitingConfirmation() ? AWAITING_CONFIRMATION : SCORED
				: s.form() != null ? EXTRACTED : RECEIVED;
	}

	/** Rejected or quarantined: the mail was not taken into the ranking. */
	public boolean notTaken() {
		return this == FAILED || this == QUARANTINED;
	}

	public String label() {
		return this.label;
	}

	public String css() {
		return this.css;
	}

	/** The name in a page's address: {@code da-cham-diem} for SCORED. */
	public String slug() {
		return switch (this) {
			case RECEIVED -> "da-nhan";
			case EXTRACTED -> "da-doc-phieu";
			case SCORED -> "da-cham-diem";
			case AWAITING_CONFIRMATION -> "cho-xac-nhan";
			case FAILED -> "loi";
			case QUARANTINED -> "cach-ly";
		};
	}

	public static java.util.Optional<SubmissionStatus> bySlug(String slug) {
		return java.util.Arrays.stream(values()).filter(s -> s.slug().equals(slug)).findFirst();
	}
}
