package vn.ictrank.ingest.mail;

import java.util.Arrays;
import java.util.Date;
import java.util.Objects;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.MessageIDTerm;
import jakarta.mail.search.NotTerm;
import jakarta.mail.search.SearchTerm;

/**
 * Marks messages in the mailbox once they are archived and their events published. The
 * receiver itself marks nothing that hides a message ({@link #unarchived}), so a message whose
 * processing was cut short is fetched again.
 */
final class MailboxMarker {

	private final String archivedFlag;

	MailboxMarker(String archivedFlag) {
		this.archivedFlag = archivedFlag;
	}

	/** Messages not yet marked, by the archive keyword where the server keeps keywords, else by \Flagged. */
	SearchTerm unarchived(Flags supported) {
		return new AndTerm(new NotTerm(new FlagTerm(marker(supported), true)),
				new NotTerm(new FlagTerm(new Flags(Flags.Flag.DELETED), true)));
	}

	void markArchived(ReceivedMail mail) throws MessagingException {
		Folder folder = mail.source().getFolder();
		boolean opened = !folder.isOpen();
		if (opened) {
			folder.open(Folder.READ_WRITE);
		}
		try {
			Flags marker = marker(folder.getPermanentFlags());
			marker.add(Flags.Flag.SEEN);
			Message[] found = find(folder, mail);
			if (found.length == 0) {
				throw new MessagingException("Message " + mail + " is no longer in " + folder.getFullName() + " unmarked");
			}
			for (Message message : found) {
				message.setFlags(marker, true);
			}
		}
		finally {
			if (opened) {
				folder.close(false);
			}
		}
	}

	private Message[] find(Folder folder, ReceivedMail mail) throws MessagingException {
		SearchTerm notYet = unarchived(folder.getPermanentFlags());
		if (mail.messageId() != null) {
			return folder.search(new AndTerm(new MessageIDTerm(mail.messageId()), notYet));
		}
		// Without a Message-ID, the server's arrival time, sender and subject tell messages apart;
		// should two still look alike, only the oldest is marked and the other is fetched next time.
		Date arrived = mail.source().getReceivedDate();
		return Arrays.stream(folder.search(notYet)).filter(m -> {
			try {
				return Objects.equals(m.getReceivedDate(), arrived) && Objects.equals(m.getSubject(), mail.source().getSubject())
						&& Arrays.equals(m.getHeader("From"), mail.source().getHeader("From"));
			}
			catch (MessagingException ex) {
				return false;
			}
		}).limit(1).toArray(Message[]::new);
	}

	private Flags marker(Flags supported) {
		if (supported != null && supported.contains(Flags.Flag.USER)) {
			Flags flags = new Flags();
			flags.add(this.archivedFlag);
			return flags;
		}
		return new Flags(Flags.Flag.FLAGGED);
	}
}
