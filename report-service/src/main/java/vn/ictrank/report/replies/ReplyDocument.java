package vn.ictrank.report.replies;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A letter to an agency, kept from the moment it is due: the text as composed then, where it
 * stands, and what happened to each attempt. Its id says what it is the one letter of (a
 * submission's receipt has the submission's id, its return {@code <id>:tra-lai}, a reminder
 * {@code nhac:<campaign>:<agency>:<day>}), so whatever comes twice finds it and never queues a
 * second one.
 *
 * @param submissionId the submission it answers, {@code null} for a reminder
 * @param messageId the Message-ID the reply goes out with, the same on every attempt
 * @param inReplyTo the agency's own Message-ID, so that its mail client threads the reply
 * @param heldBecause why it waits for staff, in Vietnamese, when {@code state} is {@code HELD}
 * @param claimedBy the report instance sending it, while {@code state} is {@code SENDING}
 * @param releasedBy who of the staff released or sent it again, if anyone
 * @param taken for a receipt, whether it tells the agency, itself or by the letter that followed it,
 *        that its form was taken; {@code null} for other letters and receipts written before this was kept
 */
@Document("replies")
public record ReplyDocument(@Id String id, Kind kind, String submissionId, String campaignId, String agencyId, String to, String subject, String body,
		String messageId, String inReplyTo, State state, String heldBecause, Instant createdAt, int attempts,
		Instant nextAttemptAt, String lastError, Instant claimedAt, String claimedBy, Instant sentAt, String releasedBy, Boolean taken) {

	/** What a letter is for. */
	public enum Kind {
		RECEIPT("Xác nhận đã nhận"),
		RETURN("Trả lại để hoàn thiện"),
		REMINDER("Nhắc gửi phiếu");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}
	}

	/** Where a reply stands. */
	public enum State {
		/** Waiting for its next attempt. */
		PENDING("Đang chờ gửi"),
		/** Not sent until staff release it: quarantined mail, a sender outside the roster, a program's mail. */
		HELD("Chờ cán bộ duyệt"),
		/** An instance is handing it to the mail server. */
		SENDING("Đang gửi"),
		SENT("Đã gửi"),
		/**
		 * The instance sending it stopped before it could record the outcome: the mail server may or
		 * may not have taken it. Not sent again by itself, because the promise is one reply.
		 */
		UNCERTAIN("Không rõ đã gửi hay chưa"),
		/** The mail server refused it for good (an address that does not exist). */
		FAILED("Không gửi được");

		private final String label;

		State(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}

		/** Whether staff may send it (again) from the submission's page. */
		public boolean releasable() {
			return this == HELD || this == UNCERTAIN || this == FAILED;
		}
	}
}
