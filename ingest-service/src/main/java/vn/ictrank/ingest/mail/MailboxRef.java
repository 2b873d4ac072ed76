package vn.ictrank.ingest.mail;

/**
 * Where a message sits in the mailbox: its folder, the folder's UIDVALIDITY and its UID. A UID
 * names exactly one message for as long as the UIDVALIDITY holds, which no header can promise.
 */
record MailboxRef(String folder, long uidValidity, long uid) {

	/** A key that stays the same while the message is in the mailbox, for counting its attempts. */
	String key() {
		return this.folder + "/" + this.uidValidity + "/" + this.uid;
	}

	@Override
	public String toString() {
		return "UID " + this.uid + " in " + this.folder;
	}
}
