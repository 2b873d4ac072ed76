package vn.ictrank.report.submissions;

/**
 * An event of a submission was applied to the read model, whether or not it changed anything:
 * a redelivered event changes nothing, yet what should have followed it the first time (a reply
 * to the agency) may not have happened if the service stopped in between. Published on the
 * consumer's thread before the event's offset is committed, so a listener that fails makes the
 * event come again.
 *
 * @param before the submission before the event, {@code null} when it was not known
 */
public record SubmissionApplied(SubmissionDocument before, SubmissionDocument after) {
}
