package vn.ictrank.model.event;

/**
 * Staff asked for a submission's archived mail to be read again, once what stopped it is fixed
 * (a reader, the campaign's roster or forms), and said what they know that the mail does not.
 *
 * @param requestedBy the staff member who asked
 * @param assignedAgencyId the agency staff confirmed sent the mail, in place of the one its
 *        sender's address or the form names; {@code null} to find it as for any mail
 * @param quarantineReleased staff checked the sender of a mail quarantined for failing sender
 *        authentication and vouch for it: it is read as if it had passed
 */
public record ReprocessingRequested(String requestedBy, String assignedAgencyId, boolean quarantineReleased) implements SubmissionEvent {
}
