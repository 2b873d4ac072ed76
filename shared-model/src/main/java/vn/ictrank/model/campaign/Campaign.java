package vn.ictrank.model.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import vn.ictrank.model.text.VietnameseText;

/**
 * One yearly assessment round of one province.
 *
 * @param id stable id, the name of the campaign's folder
 * @param title the round's Vietnamese title
 * @param deadline the last day on which forms are accepted, in {@code zone}
 * @param deadlineTime the time of that day by which forms must have arrived, as letters often say
 *        ("trước 17 giờ 00 ngày 03/11/2017"); {@code null} for the end of the day
 * @param mailbox the address agencies send their forms to
 * @param department the body that runs the round and signs its letters (the provincial
 *        Department of Information and Communications until 2025, of Science and Technology since)
 * @param forms the form and criteria set of each group
 * @param agencies the roster
 */
public record Campaign(String id, String province, int year, String title, String letter, LocalDate deadline,
		java.time.LocalTime deadlineTime, ZoneId zone, String mailbox, String department, Map<AgencyGroup, GroupForm> forms,
		List<Agency> agencies) {

	public Campaign {
		EnumMap<AgencyGroup, GroupForm> ordered = new EnumMap<>(AgencyGroup.class);
		ordered.putAll(forms);
		forms = Collections.unmodifiableMap(ordered);
		agencies = List.copyOf(agencies);
	}

	/** The group's form: its name in the campaign letter and the criteria set it is scored on. */
	public record GroupForm(String formName, CriteriaSet criteria) {
	}

	/** The first late instant: the deadline's time of day, or the start of the next day. */
	public Instant lateFrom() {
		return this.deadlineTime == null ? this.deadline.plusDays(1).atStartOfDay(this.zone).toInstant()
				: this.deadline.atTime(this.deadlineTime).atZone(this.zone).toInstant();
	}

	/** The deadline as a letter writes it: "17 giờ 00 ngày 03/11/2017", or "hết ngày 03/11/2017". */
	public String deadlineText() {
		String day = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy").format(this.deadline);
		return this.deadlineTime == null ? "hết ngày " + day
				: java.time.format.DateTimeFormatter.ofPattern("H 'giờ' mm").format(this.deadlineTime) + " ngày " + day;
	}

	public boolean isLate(Instant receivedAt) {
		return !receivedAt.isBefore(lateFrom());
	}

	public Optional<Agency> agency(String agencyId) {
		return this.agencies.stream().filter(a -> a.id().equals(agencyId)).findFirst();
	}

	public List<Agency> agencies(AgencyGroup group) {
		return this.agencies.stream().filter(a -> a.group() == group).toList();
	}

	/** The agency of this campaign that is {@code other} of another campaign: the same id, else the same name whatever the diacritics. */
	public Optional<Agency> sameAgencyAs(Agency other) {
		return agency(other.id()).or(() -> this.agencies.stream()
			.filter(a -> VietnameseText.matchKey(a.name()).equals(VietnameseText.matchKey(other.name())))
			.findFirst());
	}

	public Optional<Agency> agencyBySender(String address) {
		String wanted = address == null ? "" : address.trim().toLowerCase(Locale.ROOT);
		return this.agencies.stream().filter(a -> a.emails().contains(wanted)).findFirst();
	}

	/**
	 * Finds the agency a form names, whatever its diacritics, case, spacing or a leading
	 * "UBND"/"Ủy ban nhân dân" that districts often write before their name.
	 */
	public Optional<Agency> agencyByName(String writtenName) {
		String wanted = VietnameseText.matchKey(writtenName);
		if (wanted.isEmpty()) {
			return Optional.empty();
		}
		for (String prefix : List.of("", "ubnd ", "uy ban nhan dan ")) {
			for (Agency agency : this.agencies) {
				for (String name : names(agency)) {
					if (wanted.equals(prefix + VietnameseText.matchKey(name))) {
						return Optional.of(agency);
					}
				}
			}
		}
		return Optional.empty();
	}

	private static List<String> names(Agency agency) {
		return Stream.concat(Stream.of(agency.name()), agency.aliases().stream()).toList();
	}

	/** This campaign with {@code agencyId}'s addresses replaced by {@code emails} (lower case, trimmed). */
	public Campaign withEmails(String agencyId, List<String> emails) {
		List<String> cleaned = emails.stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty()).distinct().toList();
		List<Agency> roster = this.agencies.stream()
			.map(a -> a.id().equals(agencyId) ? new Agency(a.id(), a.name(), a.group(), cleaned, a.aliases(), a.excludedBecause()) : a)
			.toList();
		return new Campaign(this.id, this.province, this.year, this.title, this.letter, this.deadline, this.deadlineTime, this.zone,
				this.mailbox, this.department, this.forms, roster);
	}

	/** This campaign with {@code agency} added to its roster. */
	public Campaign withAgency(Agency agency) {
		List<Agency> roster = new java.util.ArrayList<>(this.agencies);
		roster.add(agency);
		return new Campaign(this.id, this.province, this.year, this.title, this.letter, this.deadline, this.deadlineTime, this.zone,
				this.mailbox, this.department, this.forms, roster);
	}

	/** This campaign with {@code agencyId} left out of the ranking for {@code reason}, or ranked again when it is blank. */
	public Campaign withExclusion(String agencyId, String reason) {
		String because = reason == null || reason.isBlank() ? null : VietnameseText.nfc(reason);
		List<Agency> roster = this.agencies.stream()
			.map(a -> a.id().equals(agencyId) ? new Agency(a.id(), a.name(), a.group(), a.emails(), a.aliases(), because) : a)
			.toList();
		return new Campaign(this.id, this.province, this.year, this.title, this.letter, this.deadline, this.deadlineTime, this.zone,
				this.mailbox, this.department, this.forms, roster);
	}

	/** The next round of this campaign: the same province, mailbox, forms and roster, under another id, year, title, letter and deadline. */
	public Campaign nextRound(String id, int year, String title, String letter, LocalDate deadline, java.time.LocalTime deadlineTime) {
		return new Campaign(id, this.province, year, VietnameseText.nfc(title), letter == null || letter.isBlank() ? null : VietnameseText.nfc(letter), deadline, deadlineTime, this.zone, this.mailbox,
				this.department, this.forms, this.agencies);
	}

	public GroupForm form(AgencyGroup group) {
		return this.forms.get(group);
	}
}
