package vn.ictrank.model.event;

/** Kafka topic names, defined once for every service. */
public final class Topics {

	/** {@link SubmissionReceived} and {@link SubmissionRejected}, keyed by submission id. */
	public static final String SUBMISSIONS = "ictrank.submissions";

	/** {@link FormExtracted}, keyed by campaign and group so that one group's forms stay in order on one partition. */
	public static final String FORMS = "ictrank.forms";

	/**
	 * {@link SubmissionScored}, and the {@link SubmissionRejected} of a form that could not be
	 * scored, keyed by submission id so that a submission's results stay in order.
	 */
	public static final String SCORES = "ictrank.scores";

	private static final String DEAD_LETTERS = "-dlt";

	/** The dead letters of each topic, as constants for listener annotations; {@link #deadLetters} names them. */
	public static final String SUBMISSIONS_DEAD_LETTERS = SUBMISSIONS + DEAD_LETTERS;

	public static final String FORMS_DEAD_LETTERS = FORMS + DEAD_LETTERS;

	public static final String SCORES_DEAD_LETTERS = SCORES + DEAD_LETTERS;

	private Topics() {
	}

	/** Where a consumer puts a record of {@code topic} it can never process, for staff to see and replay. */
	public static String deadLetters(String topic) {
		return topic + DEAD_LETTERS;
	}

	/** The record key on {@link #FORMS}. */
	public static String formsKey(String campaignId, Object group) {
		return campaignId + "/" + group;
	}
}
