package vn.ictrank.ingest.extraction;

/** A file attached to a message, with its decoded name. */
public record Attachment(String fileName, String contentType, byte[] bytes) {
}
