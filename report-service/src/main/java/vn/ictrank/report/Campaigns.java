package vn.ictrank.report;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;

/** The campaign a page or an export is asked for: the one named, or the one the dashboard opens on. */
@Component
public class Campaigns {

	private final CampaignCatalog catalog;

	private final String opensOn;

	Campaigns(CampaignCatalog catalog, ReportProperties properties) {
		this.catalog = catalog;
		this.opensOn = properties.campaign() != null ? properties.campaign() : catalog.campaigns().get(0).id();
	}

	/** @throws ResponseStatusException 404 for a campaign that is not loaded */
	public Campaign chosen(String id) {
		return this.catalog.find(id == null ? this.opensOn : id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Không có đợt đánh giá " + id));
	}

	public List<Campaign> all() {
		return this.catalog.campaigns();
	}
}
