package vn.ictrank.model.event;

import java.util.Arrays;

/**
 * The wire name and version of each event. A version changes only by adding fields;
 * consumers ignore fields they do not know.
 */
public enum EventType {

	SUBMISSION_RECEIVED("SubmissionReceived", 1, SubmissionReceived.class),
	FORM_EXTRACTED("FormExtracted", 1, FormExtracted.class),
	SUBMISSION_REJECTED("SubmissionRejected", 1, SubmissionRejected.class),
	SUBMISSION_SCORED("SubmissionScored", 1, SubmissionScored.class);

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

	public static EventType of(SubmissionEvent event) {
		return Arrays.stream(values()).filter(t -> t.payloadType == event.getClass()).findFirst().orElseThrow();
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
