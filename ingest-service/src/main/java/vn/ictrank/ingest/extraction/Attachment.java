package vn.ictrank.ingest.extraction;

/**
 * A file attached to a message, with its name as shown to people.
 *
 * @param bytes the content; empty for a file too large to take
 * @param size the file's size, larger than {@code bytes} for a file too large to take
 */
public record Attachment(String fileName, String contentType, byte[] bytes, long size) {

	public Attachment(String fileName, String contentType, byte[] bytes) {
		this(fileName, contentType, bytes, bytes.length);
	}

	/** Whether the file was too large to take, so that only its size is known. */
	public boolean oversized() {
		return this.size > this.bytes.length;
	}
}
