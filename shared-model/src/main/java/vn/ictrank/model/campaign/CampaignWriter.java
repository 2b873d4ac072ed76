package vn.ictrank.model.campaign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a campaign back as a {@code campaign.yaml} that {@link CampaignReader} reads into the same
 * campaign: what the dashboard stores when staff copy a campaign or change its roster, and what they
 * download to keep it as a file. The comments of a file staff wrote are not kept.
 */
final class CampaignWriter {

	private CampaignWriter() {
	}

	/** The name of a group's criteria file in a definition. */
	static String criteriaFile(AgencyGroup group) {
		return "criteria-" + group.code() + ".yaml";
	}

	static String write(Campaign campaign) {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("id", campaign.id());
		root.put("province", campaign.province());
		root.put("year", campaign.year());
		root.put("title", campaign.title());
		if (campaign.letter() != null) {
			root.put("letter", campaign.letter());
		}
		root.put("deadline", campaign.deadlineTime() == null ? campaign.deadline().toString()
				: campaign.deadline().atTime(campaign.deadlineTime()).toString());
		root.put("time-zone", campaign.zone().getId());
		root.put("mailbox", campaign.mailbox());
		root.put("department", campaign.department());
		Map<String, Object> groups = new LinkedHashMap<>();
		campaign.forms().forEach((group, form) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("form", form.formName());
			entry.put("criteria", criteriaFile(group));
			groups.put(group.code(), entry);
		});
		root.put("groups", groups);
		List<Object> agencies = new ArrayList<>();
		for (Agency agency : campaign.agencies()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("id", agency.id());
			entry.put("name", agency.name());
			entry.put("group", agency.group().code());
			entry.put("emails", agency.emails());
			if (!agency.aliases().isEmpty()) {
				entry.put("aliases", agency.aliases());
			}
			if (agency.excludedBecause() != null) {
				entry.put("excluded", agency.excludedBecause());
			}
			agencies.add(entry);
		}
		root.put("agencies", agencies);
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		options.setAllowUnicode(true);
		options.setWidth(160);
		options.setIndicatorIndent(2);
		options.setIndentWithIndicator(true);
		return new Yaml(options).dump(root);
	}
}
