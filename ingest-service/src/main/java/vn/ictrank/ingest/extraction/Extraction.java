package vn.ictrank.ingest.extraction;

import java.util.Map;

import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.event.FormExtracted.ExtractedValue;
import vn.ictrank.model.event.SubmissionRejected.Reason;

/** What reading a message's attachments gave: a complete form, or why there is none. */
public sealed interface Extraction {

	/** The sending agency, when it could be told from the sender or the form. */
	Agency agency();

	record Extracted(Agency agency, AgencyGroup group, String criteriaSetId, String formName, String attachmentName,
			Map<String, ExtractedValue> values) implements Extraction {
	}

	/** @param message the explanation for staff and the agency, in Vietnamese */
	record Rejected(Agency agency, Reason reason, String message) implements Extraction {
	}
}
