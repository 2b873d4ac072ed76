package vn.ictrank.report.submissions;

/** A submission of the read model changed; {@code now} is how it reads after the change. */
public record SubmissionChanged(SubmissionDocument now) {
}
