package vn.ictrank.model.event;

/**
 * What happened to a submission, or what staff asked of the pipeline about it. Each permitted
 * type has one wire name and version, declared by {@link EventType}.
 */
public sealed interface SubmissionEvent
		permits SubmissionReceived, FormExtracted, SubmissionRejected, SubmissionScored, ReprocessingRequested,
		FiguresConfirmed {
}
