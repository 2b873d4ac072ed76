package vn.ictrank.forms;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CriteriaSet;

/**
 * The self-assessment form filled in Word (.docx), as agencies do when they retype the
 * Department's form: the agency line, then one table row per input, yes/no answers as ticked boxes.
 */
public final class FormDocument {

	private FormDocument() {
	}

	public static byte[] filled(Campaign campaign, AgencyGroup group, Agency agency, Map<String, ?> figures) {
		CriteriaSet criteria = campaign.form(group).criteria();
		try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			document.createParagraph().createRun().setText(campaign.form(group).formName() + ": PHIẾU TỰ ĐÁNH GIÁ");
			document.createParagraph().createRun().setText(FormWorkbook.AGENCY_LABEL + ": " + agency.name());
			XWPFTable table = document.createTable(criteria.inputs().size() + 1, 4);
			String[] header = { "STT", "Chỉ tiêu", "Đơn vị tính", FormWorkbook.VALUE_HEADER };
			for (int c = 0; c < header.length; c++) {
				table.getRow(0).getCell(c).setText(header[c]);
			}
			int number = 0;
			for (CriteriaSet.Input input : criteria.inputs()) {
				XWPFTableRow row = table.getRow(++number);
				row.getCell(0).setText(String.valueOf(number));
				row.getCell(1).setText(input.label());
				row.getCell(2).setText(input.unit() == null ? "" : input.unit());
				Object figure = figures.get(input.id());
				row.getCell(3).setText(figure instanceof Boolean yes ? (yes ? "☒ Có   ☐ Không" : "☐ Có   ☒ Không")
						: figure instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(figure));
			}
			document.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The file name an agency would give the form filled in Word. */
	public static String fileName(Campaign campaign, AgencyGroup group, Agency agency) {
		return FormWorkbook.fileName(campaign, group, agency).replace(".xlsx", ".docx");
	}
}
