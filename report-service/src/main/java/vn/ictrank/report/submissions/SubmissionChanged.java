package vn.ictrank.report.submissions;

/**
 * A submission of the read model changed; {@code now} is how it reads after the change and
 * {@code before} how it read before, {@code null} when it was not known yet.
 *
 * @param elsewhere whether another report instance applied the change and told this one
 */
public record SubmissionChanged(SubmissionDocument before, SubmissionDocument now, boolean elsewhere) {
}
