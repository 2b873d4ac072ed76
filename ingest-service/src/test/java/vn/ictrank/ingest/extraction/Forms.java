package vn.ictrank.ingest.extraction;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import vn.ictrank.forms.DemoFigures;
import vn.ictrank.forms.FormWorkbook;
import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;

/** Attachments in the states the extraction tests need. */
public final class Forms {

	public static final Campaign CAMPAIGN = CampaignCatalog
		.load(Path.of(System.getProperty("ictrank.campaigns-dir", "../campaigns")))
		.require("thanh-hoa-2016");

	private Forms() {
	}

	public static Agency department() {
		return CAMPAIGN.agency("so-noi-vu").orElseThrow();
	}

	public static Agency district() {
		return CAMPAIGN.agency("huyen-ba-thuoc").orElseThrow();
	}

	public static Map<String, Object> figures(AgencyGroup group, long seed) {
		return new LinkedHashMap<>(DemoFigures.forAgency(CAMPAIGN.form(group).criteria(), seed));
	}

	public static Attachment filled(Agency agency, Map<String, ?> figures) {
		return xlsx(FormWorkbook.fileName(CAMPAIGN, agency.group(), agency),
				FormWorkbook.filled(CAMPAIGN, agency.group(), agency, figures));
	}

	/** A filled form changed the way agencies change forms: rows inserted, cells edited. */
	public static Attachment edited(Agency agency, Map<String, ?> figures, Consumer<Workbook> edit) {
		try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(FormWorkbook.filled(CAMPAIGN, agency.group(), agency, figures)));
				ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			edit.accept(workbook);
			workbook.write(out);
			return xlsx("phieu-da-sua.xlsx", out.toByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static Attachment corruptXlsx() {
		byte[] good = FormWorkbook.filled(CAMPAIGN, AgencyGroup.DEPARTMENT, department(), figures(AgencyGroup.DEPARTMENT, 1));
		byte[] truncated = java.util.Arrays.copyOf(good, good.length / 3);
		return xlsx("Mẫu 01 - bị hỏng.xlsx", truncated);
	}

	public static Attachment pdf() {
		return new Attachment("Quyết định kèm theo.pdf", "application/pdf", "%PDF-1.4\n%âãÏÓ\n1 0 obj\n".getBytes());
	}

	public static Attachment xlsx(String name, byte[] bytes) {
		return new Attachment(name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes);
	}
}
