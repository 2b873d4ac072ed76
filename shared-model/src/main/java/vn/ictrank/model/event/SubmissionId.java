package vn.ictrank.model.event;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identity of one emailed submission, the same in every event and read model. It is derived
 * from the message itself, so a message that is fetched twice keeps its identity.
 */
public record SubmissionId(String value) {

	public SubmissionId {
		Objects.requireNonNull(value, "value");
	}

	@JsonCreator
	public static SubmissionId of(String value) {
		return new SubmissionId(value);
	}

	/** The id of a message in a campaign's mailbox, from its Message-ID (or a hash of its bytes when it has none). */
	public static SubmissionId forMessage(String campaignId, String messageKey) {
		return new SubmissionId(UUID.nameUUIDFromBytes((campaignId + "\n" + messageKey).getBytes(StandardCharsets.UTF_8)).toString());
	}

	@JsonValue
	@Override
	public String value() {
		return this.value;
	}

	@Override
	public String toString() {
		return this.value;
	}
}
