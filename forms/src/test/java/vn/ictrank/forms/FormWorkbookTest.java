package vn.ictrank.forms;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.model.campaign.CriteriaSet;

import static org.assertj.core.api.Assertions.assertThat;

class FormWorkbookTest {

	private final Campaign campaign = CampaignCatalog.load(Path.of(System.getProperty("ictrank.campaigns-dir", "../campaigns")))
		.require("cao-bang-2017");

	@Test
	void blankFormListsEveryInputOfTheGroupsCriteriaSetUnderTheFormsName() throws IOException {
		CriteriaSet district = this.campaign.form(AgencyGroup.DISTRICT).criteria();

		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(FormWorkbook.blank(this.campaign, AgencyGroup.DISTRICT)))) {
			Sheet sheet = workbook.getSheet("Phụ lục II");
			assertThat(sheet).isNotNull();
			DataFormatter format = new DataFormatter();
			var labels = new java.util.ArrayList<String>();
			for (Row row : sheet) {
				labels.add(format.formatCellValue(row.getCell(1)));
			}
			assertThat(labels).containsAll(district.inputs().stream().map(CriteriaSet.Input::label).toList());
		}
	}

	@Test
	void filledFormCarriesTheAgencyNameAndFiguresThatStayWithinTheirTotals() throws IOException {
		var agency = this.campaign.agencies(AgencyGroup.DEPARTMENT).get(0);
		Map<String, Object> figures = DemoFigures.forAgency(this.campaign.form(AgencyGroup.DEPARTMENT).criteria(), 7);

		assertThat(((Number) figures.get("so_may_tinh_diet_virus")).intValue())
			.isLessThanOrEqualTo(((Number) figures.get("tong_may_tinh")).intValue());
		assertThat(DemoFigures.forAgency(this.campaign.form(AgencyGroup.DEPARTMENT).criteria(), 7)).isEqualTo(figures);
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(
				FormWorkbook.filled(this.campaign, AgencyGroup.DEPARTMENT, agency, figures)))) {
			assertThat(workbook.getSheetAt(0).getRow(5).getCell(2).getStringCellValue()).isEqualTo(agency.name());
		}
	}
}
