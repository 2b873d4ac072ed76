package vn.ictrank.report.dashboard;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.web.util.UriComponentsBuilder;

import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.text.VietnameseText;
import vn.ictrank.report.submissions.SubmissionFilter;
import vn.ictrank.report.submissions.SubmissionStatus;

/**
 * The filters, order and page of the submissions list, as the page's address carries them (in
 * Vietnamese, so that staff can share a link to "Lỗi, Sở, this week"). A value that makes no sense
 * is ignored rather than refused: the list shows more, never an error page.
 */
record ListQuery(Map<String, String> params, SubmissionFilter filter, int page) {

	static final int PAGE_SIZE = 50;

	private static final Set<String> NAMES = Set.of("chien-dich", "trang-thai", "nhom", "co-quan", "xep-loai", "tu-ngay", "den-ngay",
			"thoi-han", "tim", "sap-xep");

	static ListQuery of(Map<String, String> request, Campaign campaign) {
		Map<String, String> params = new LinkedHashMap<>();
		request.forEach((name, value) -> {
			if (NAMES.contains(name) && value != null && !value.isBlank()) {
				params.put(name, VietnameseText.nfc(value));
			}
		});
		String text = params.get("tim");
		String wanted = VietnameseText.matchKey(text);
		Set<String> textAgencies = wanted.isEmpty() ? Set.of()
				: campaign.agencies().stream().filter(a -> names(a).contains(wanted)).map(Agency::id).collect(Collectors.toSet());
		LocalDate from = date(params.get("tu-ngay"));
		LocalDate until = date(params.get("den-ngay"));
		String lateness = params.get("thoi-han");
		SubmissionFilter filter = new SubmissionFilter(SubmissionStatus.bySlug(params.get("trang-thai")).orElse(null),
				group(params.get("nhom")), campaign.agency(params.get("co-quan")).map(Agency::id).orElse(null), params.get("xep-loai"),
				from == null ? null : from.atStartOfDay(campaign.zone()).toInstant(),
				until == null ? null : until.plusDays(1).atStartOfDay(campaign.zone()).toInstant(),
				"muon".equals(lateness) ? Boolean.TRUE : "dung-han".equals(lateness) ? Boolean.FALSE : null, campaign.lateFrom(), text,
				textAgencies, SubmissionFilter.Order.bySlug(params.get("sap-xep")));
		int page = 1;
		try {
			page = Math.max(1, Integer.parseInt(request.getOrDefault("trang", "1")));
		}
		catch (NumberFormatException ex) {
			// the first page
		}
		return new ListQuery(params, filter, page);
	}

	/** An agency's name and aliases as one searchable text, without diacritics. */
	private static String names(Agency agency) {
		return VietnameseText.matchKey(agency.name() + " " + String.join(" ", agency.aliases()));
	}

	private static LocalDate date(String text) {
		try {
			return text == null ? null : LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String group(String code) {
		try {
			return code == null ? null : AgencyGroup.fromCode(code).name();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** Whether anything narrows the list. */
	public boolean filtered() {
		return this.params.keySet().stream().anyMatch(name -> !name.equals("chien-dich") && !name.equals("sap-xep"));
	}

	public String get(String name) {
		return this.params.getOrDefault(name, "");
	}

	/** The address of another page of the same list. */
	public String pageUrl(int number) {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/");
		this.params.forEach(url::queryParam);
		if (number > 1) {
			url.queryParam("trang", number);
		}
		return url.encode().build().toUriString();
	}
}
