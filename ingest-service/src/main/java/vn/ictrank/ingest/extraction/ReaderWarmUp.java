package vn.ictrank.ingest.extraction;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import vn.ictrank.forms.DemoFigures;
import vn.ictrank.forms.FormDocument;
import vn.ictrank.forms.FormWorkbook;
import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.ingest.WatchedCampaign;
import vn.ictrank.model.campaign.Campaign;

/**
 * Reads the campaign's own forms, filled with made-up figures, before the mailbox reader starts:
 * loading POI and compiling its loops otherwise makes the first form after a start take seconds
 * instead of milliseconds. Off with {@code ictrank.ingest.warm-up=false}.
 */
@Component
@ConditionalOnProperty(name = "ictrank.ingest.warm-up", havingValue = "true", matchIfMissing = true)
class ReaderWarmUp implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(ReaderWarmUp.class);

	/** Enough to load every class a form needs and let the hottest loops compile; more only delays the start. */
	private static final int ROUNDS = 5;

	private final FormReader reader;

	private final WatchedCampaign campaign;

	ReaderWarmUp(FormReader reader, WatchedCampaign campaign) {
		this.reader = reader;
		this.campaign = campaign;
	}

	@Override
	public void afterSingletonsInstantiated() {
		long started = System.nanoTime();
		try {
			for (AgencyGroup group : AgencyGroup.values()) {
				if (this.campaign.now().form(group) == null) {
					continue;
				}
				Agency agency = this.campaign.now().agencies().stream().filter(a -> a.group() == group).findFirst().orElse(null);
				if (agency == null) {
					continue;
				}
				Map<String, Object> figures = DemoFigures.forAgency(this.campaign.now().form(group).criteria(), 1);
				List<Attachment> forms = List.of(
						new Attachment("warm-up.xlsx", "application/octet-stream", FormWorkbook.filled(this.campaign.now(), group, agency, figures)),
						new Attachment("warm-up.xls", "application/octet-stream", FormWorkbook.filledXls(this.campaign.now(), group, agency, figures)),
						new Attachment("warm-up.docx", "application/octet-stream", FormDocument.filled(this.campaign.now(), group, agency, figures)));
				for (int round = 0; round < ROUNDS; round++) {
					for (Attachment form : forms) {
						this.reader.read(this.campaign.now(), agency.emails().isEmpty() ? null : agency.emails().get(0), List.of(form));
					}
				}
			}
			log.info("The form reader is warmed up ({} ms)", (System.nanoTime() - started) / 1_000_000);
		}
		catch (RuntimeException ex) {
			// Only a slower first form is at stake.
			log.warn("Could not warm up the form reader: {}", ex.toString());
		}
	}
}
