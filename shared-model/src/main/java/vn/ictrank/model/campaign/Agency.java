package vn.ictrank.model.campaign;

import java.util.List;

/**
 * An agency on a campaign's roster.
 *
 * @param id stable id used in events and URLs
 * @param name official Vietnamese name, NFC
 * @param group the ranking group
 * @param emails the addresses it is known to send from, lower case
 * @param aliases other names it writes on its forms
 * @param excludedBecause why the campaign leaves it out of the ranking (security bodies, for
 *        example), {@code null} for an agency that is ranked
 */
public record Agency(String id, String name, AgencyGroup group, List<String> emails, List<String> aliases, String excludedBecause) {

	public Agency {
		emails = List.copyOf(emails);
		aliases = List.copyOf(aliases);
	}
}
