package vn.ictrank.model.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import vn.ictrank.model.campaign.AgencyGroup;

/**
 * A filled self-assessment form was recognised in an attachment and every input of its
 * criteria set was read.
 *
 * @param group the agency's ranking group
 * @param criteriaSetId the criteria set whose labels matched the sheet
 * @param formName the campaign's name for the form ("Mẫu 01", "Phụ lục II")
 * @param attachmentName the attachment the values came from
 * @param receivedAt when the mail server received the message
 * @param values each input's value, keyed by input id, with the cell it was read from
 */
public record FormExtracted(AgencyGroup group, String criteriaSetId, String formName, String attachmentName,
		Instant receivedAt, Map<String, ExtractedValue> values) implements SubmissionEvent {

	public FormExtracted {
		values = Map.copyOf(values);
	}

	/**
	 * One value as read. Yes/no answers are 1 or 0.
	 *
	 * @param value the number used for scoring
	 * @param raw the text the cell showed
	 * @param sheet the sheet name
	 * @param cell the cell address, such as {@code D12}
	 * @param formula {@code true} when the cell held a formula and its cached result was used
	 */
	public record ExtractedValue(BigDecimal value, String raw, String sheet, String cell, boolean formula) {
	}
}
