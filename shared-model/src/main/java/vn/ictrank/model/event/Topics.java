package vn.ictrank.model.event;

/** Kafka topic names, defined once for every service. */
public final class Topics {

	/** {@link SubmissionReceived} and {@link SubmissionRejected}, keyed by submission id. */
	public static final String SUBMISSIONS = "ictrank.submissions";

	/**
	 * {@link FormExtracted}, and the {@link FiguresConfirmed} staff add to a form, keyed by campaign
	 * and group so that one group's forms stay in order on one partition.
	 */
	public static final String FORMS = "ictrank.forms";

	/**
	 * {@link SubmissionScored}, and the {@link SubmissionRejected} of a form that could not be
	 * scored, keyed by submission id so that a submission's results stay in order.
	 */
	public static final String SCORES = "ictrank.scores";

	/**
	 * What changed in the read model, from the report instance that applied it to the others, so
	 * that a dashboard open on any instance hears of every change. Not an event of the submission:
	 * it carries how the submission reads now, and losing one costs a page a live update, no data.
	 */
	public static final String DASHBOARD_CHANGES = "ictrank.dashboard-changes";

	/**
	 * What staff ask of the pipeline about one submission ({@link ReprocessingRequested}), keyed
	 * by submission id; ingest acts on it.
	 */
	public static final String REQUESTS = "ictrank.requests";

	/** Partitions of {@link #REQUESTS}, declared by ingest, which reads it, and by report, which writes it, whichever starts first. */
	public static final int REQUESTS_PARTITIONS = 3;

	/**
	 * The campaigns staff defined on the dashboard ({@link vn.ictrank.model.campaign.CampaignDefined}),
	 * keyed by campaign id, one partition, compacted: every service reads it whole. It holds a
	 * campaign's files, not something that happened to a submission, so it is not an
	 * {@link EventEnvelope}; it carries its type and version all the same.
	 */
	public static final String CAMPAIGNS = "ictrank.campaigns";

	private static final String DEAD_LETTERS = "-dlt";

	/** The dead letters of each topic, as constants for listener annotations; {@link #deadLetters} names them. */
	public static final String SUBMISSIONS_DEAD_LETTERS = SUBMISSIONS + DEAD_LETTERS;

	public static final String FORMS_DEAD_LETTERS = FORMS + DEAD_LETTERS;

	public static final String SCORES_DEAD_LETTERS = SCORES + DEAD_LETTERS;

	public static final String REQUESTS_DEAD_LETTERS = REQUESTS + DEAD_LETTERS;

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
