package vn.ictrank.ingest.mail;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The verdict of the Department's own mail server on a message's sender (RFC 8601). Only a header
 * written under the trusted authserv-id counts: anyone can put an Authentication-Results header in
 * a mail they send.
 */
final class AuthenticationResults {

	private static final Pattern DMARC = Pattern.compile("(?i)\\bdmarc\\s*=\\s*(\\w+)([^;]*)");

	private AuthenticationResults() {
	}

	/** What the trusted server said when the message failed DMARC, if it did. */
	static Optional<String> dmarcFailure(MimeMessage message, String trustedAuthservId) {
		if (trustedAuthservId == null || trustedAuthservId.isBlank()) {
			return Optional.empty();
		}
		String[] headers;
		try {
			headers = message.getHeader("Authentication-Results");
		}
		catch (MessagingException ex) {
			return Optional.empty();
		}
		if (headers == null) {
			return Optional.empty();
		}
		for (String header : headers) {
			String unfolded = header.replaceAll("\\s+", " ").trim();
			int semicolon = unfolded.indexOf(';');
			String authservId = (semicolon < 0 ? unfolded : unfolded.substring(0, semicolon)).trim().split(" ")[0];
			if (!authservId.toLowerCase(Locale.ROOT).equals(trustedAuthservId.trim().toLowerCase(Locale.ROOT))) {
				continue;
			}
			Matcher dmarc = DMARC.matcher(unfolded);
			if (dmarc.find() && dmarc.group(1).equalsIgnoreCase("fail")) {
				return Optional.of(("dmarc=fail" + dmarc.group(2)).trim());
			}
		}
		return Optional.empty();
	}
}
