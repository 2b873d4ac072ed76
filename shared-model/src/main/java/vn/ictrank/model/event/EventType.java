package vn.ictrank.model.event;

import java.util.Arrays;

/**
 * The wire name and version of each event. A version changes only by adding fields or enum
 * values; consumers ignore fields they do not know, and read every version still listed here
 * into the same record. Producers write the newest.
 */
public enum EventType {

	SUBMISSION_RECEIVED("SubmissionReceived", 1, SubmissionReceived.class),
	/** Adds {@link SubmissionReceived#flags()}. */
	SUBMISSION_RECEIVED_V2("SubmissionReceived", 2, SubmissionReceived.class),
	/** Adds {@link SubmissionReceived.Attachment#sha256()} and {@link SubmissionReceived.Flag.Code#AUTO_SUBMITTED}. */
	SUBMISSION_RECEIVED_V3("SubmissionReceived", 3, SubmissionReceived.class),
	FORM_EXTRACTED("FormExtracted", 1, FormExtracted.class),
	SUBMISSION_REJECTED("SubmissionRejected", 1, SubmissionRejected.class),
	/** Adds {@link SubmissionRejected.Reason#QUARANTINED}. */
	SUBMISSION_REJECTED_V2("SubmissionRejected", 2, SubmissionRejected.class),
	SUBMISSION_SCORED("SubmissionScored", 1, SubmissionScored.class),
	/** Adds {@link SubmissionScored#findings()}, {@link SubmissionScored#awaitingConfirmation()} and {@link SubmissionScored#criteriaVersion()}. */
	SUBMISSION_SCORED_V2("SubmissionScored", 2, SubmissionScored.class),
	FIGURES_CONFIRMED("FiguresConfirmed", 1, FiguresConfirmed.class),
	REPROCESSING_REQUESTED("ReprocessingRequested", 1, ReprocessingRequested.class);

	private final String wireName;

	private final int version;

	private final Class<? extends SubmissionEvent> payloadType;

	EventType(String wireName, int version, Class<? extends SubmissionEvent> payloadType) {
		this.wireName = wireName;
		this.version = version;
		this.payloadType = payloadType;
	}

	public String wireName() {
		return this.wireName;
	}

	public int version() {
		return this.version;
	}

	public Class<? extends SubmissionEvent> payloadType() {
		return this.payloadType;
	}

	/** The newest version of the event's type, the one producers write. */
	public static EventType of(SubmissionEvent event) {
		return Arrays.stream(values()).filter(t -> t.payloadType == event.getClass())
			.max(java.util.Comparator.comparingInt(EventType::version))
			.orElseThrow();
	}

	public static EventType of(String wireName, int version) {
		return Arrays.stream(values())
			.filter(t -> t.wireName.equals(wireName) && t.version == version)
			.findFirst()
			.orElseThrow(() -> new UnknownEventTypeException(wireName, version));
	}

	/** An event this build does not know; a consumer records it as skipped instead of failing. */
	public static final class UnknownEventTypeException extends RuntimeException {

		UnknownEventTypeException(String wireName, int version) {
			super("Unknown event type " + wireName + " v" + version);
		}
	}
}
