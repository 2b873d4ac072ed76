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
 */
public record Agency(String id, String name, AgencyGroup group, List<String> emails, List<String> aliases) {

	public Agency {
		emails = List.copyOf(emails);
		aliases = List.copyOf(aliases);
	}
}
