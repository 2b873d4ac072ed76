package vn.ictrank.report.submissions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import vn.ictrank.model.event.FormExtracted;
import vn.ictrank.model.event.SubmissionReceived;
import vn.ictrank.model.event.SubmissionScored;

/**
 * Everything known of one submission, filled in by whichever events have arrived; events of
 * one submission travel on different topics and may arrive in any order.
 *
 * @param firstSeenAt when this read model first heard of the submission; {@code null} for those
 *        it knew before it kept this, which therefore get no automatic reply
 */
@Document("submissions")
public record SubmissionDocument(@Id String id, String campaignId, String agencyId, String group, Instant receivedAt,
		String sender, String subject, String messageId, List<SubmissionReceived.Attachment> attachments, String archiveRef,
		List<SubmissionReceived.Flag> flags, Form form, Rejection rejection, Score score, Instant firstSeenAt) {

	/** The submission as lists show it: without the figures of its form and the points of each indicator. */
	public SubmissionDocument listing() {
		return new SubmissionDocument(this.id, this.campaignId, this.agencyId, this.group, this.receivedAt, this.sender, this.subject,
				this.messageId, this.attachments, this.archiveRef, this.flags,
				this.form == null ? null : new Form(this.form.criteriaSetId(), this.form.formName(), this.form.attachmentName(), null),
				this.rejection,
				this.score == null ? null : new Score(this.score.revision(), this.score.total(), this.score.maxTotal(), this.score.bandCode(),
						this.score.bandLabel(), null, this.score.findings(), this.score.awaitingConfirmation(), this.score.criteriaVersion()),
				this.firstSeenAt);
	}

	/** The form as read: which one, from which attachment, and each value with its cell. */
	public record Form(String criteriaSetId, String formName, String attachmentName,
			Map<String, FormExtracted.ExtractedValue> values) {
	}

	public record Rejection(String reason, String message) {
	}

	/**
	 * @param findings the data checks the figures failed; lists keep them, they are few and short
	 * @param awaitingConfirmation a failed error check holds the form out of the ranking until the
	 *        agency corrects it or staff confirm the figures
	 * @param criteriaVersion the version of the criteria file the score used
	 */
	public record Score(long revision, BigDecimal total, BigDecimal maxTotal, String bandCode, String bandLabel,
			List<SubmissionScored.IndicatorScore> indicators, List<SubmissionScored.Finding> findings, boolean awaitingConfirmation,
			String criteriaVersion) {

		public Score {
			findings = findings == null ? List.of() : findings;
		}

		public Score(long revision, BigDecimal total, BigDecimal maxTotal, String bandCode, String bandLabel,
				List<SubmissionScored.IndicatorScore> indicators) {
			this(revision, total, maxTotal, bandCode, bandLabel, indicators, List.of(), false, null);
		}
	}
}
