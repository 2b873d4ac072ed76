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

	/** The SHA-256 of the content in lower-case hex, as the reply to the agency lists it. */
	public String sha256() {
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(this.bytes));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Whether the file was too large to take, so that only its size is known. */
	public boolean oversized() {
		return this.size > this.bytes.length;
	}
}
