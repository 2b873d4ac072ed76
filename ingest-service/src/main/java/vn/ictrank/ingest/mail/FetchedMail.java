package vn.ictrank.ingest.mail;

import java.time.Instant;

/**
 * A message as fetched from the mailbox, before anything is read from it.
 *
 * @param ref where it is in the mailbox, for marking it
 * @param raw the whole message, or only its header when it was larger than the fetch limit
 * @param complete {@code false} when {@code raw} holds only the header
 * @param size the size the server reported
 * @param receivedAt when the server received it (IMAP INTERNALDATE)
 * @param setAsideBecause why the message is set aside instead of read, after failing every attempt;
 *        {@code null} for a message to read
 */
record FetchedMail(MailboxRef ref, byte[] raw, boolean complete, long size, Instant receivedAt, String setAsideBecause) {
}
