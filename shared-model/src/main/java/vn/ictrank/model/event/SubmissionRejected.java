package vn.ictrank.model.event;

/**
 * A submission could not be taken into the ranking. The message is written for the
 * Department's staff and the sending agency, in Vietnamese.
 */
public record SubmissionRejected(Reason reason, String message) implements SubmissionEvent {

	/** Why, in a form that dashboards can group by. */
	public enum Reason {
		NO_ATTACHMENT,
		NOT_A_SPREADSHEET,
		UNREADABLE_SPREADSHEET,
		MACRO_ENABLED,
		TOO_LARGE,
		NOT_THE_FORM,
		WRONG_FORM_FOR_GROUP,
		INCOMPLETE_FORM,
		UNKNOWN_AGENCY,
		PROCESSING_ERROR,
		/** The mail failed our own mail server's sender authentication (DMARC): it may be forged. Since version 2. */
		QUARANTINED
	}
}
