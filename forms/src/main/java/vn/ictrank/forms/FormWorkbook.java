package vn.ictrank.forms;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CriteriaSet;

/**
 * The self-assessment form of a campaign group as an .xlsx workbook: a header naming the
 * agency, then one row per input of the criteria set with its label, unit and a value cell
 * under the "Số liệu" column. The ingest service finds values by these labels, so agencies
 * may insert rows or move the table without breaking it.
 */
public final class FormWorkbook {

	/** The header of the column agencies fill in. */
	public static final String VALUE_HEADER = "Số liệu";

	/** The label in front of the agency's name. */
	public static final String AGENCY_LABEL = "Tên cơ quan, đơn vị";

	public static final String YES = "Có";

	public static final String NO = "Không";

	private FormWorkbook() {
	}

	/** The form as the Department publishes it, with empty value cells. */
	public static byte[] blank(Campaign campaign, AgencyGroup group) {
		return write(campaign, group, null, Map.of(), new XSSFWorkbook());
	}

	/**
	 * The form filled in by {@code agency}. Values are numbers, or booleans for yes/no inputs;
	 * a value that is a {@link String} is written as typed text, as agencies sometimes do.
	 */
	public static byte[] filled(Campaign campaign, AgencyGroup group, Agency agency, Map<String, ?> values) {
		return write(campaign, group, agency, values, new XSSFWorkbook());
	}

	/** The same form saved as an Excel 97-2003 workbook (.xls), as older offices still send it. */
	public static byte[] filledXls(Campaign campaign, AgencyGroup group, Agency agency, Map<String, ?> values) {
		return write(campaign, group, agency, values, new HSSFWorkbook());
	}

	/**
	 * The workbook with a scanned page pasted in (a picture of random bytes, which does not
	 * compress) that brings it to about {@code size} bytes, as large forms really are.
	 */
	public static byte[] withScannedPage(byte[] xlsx, long size) {
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			byte[] picture = new byte[(int) Math.max(0, size - xlsx.length - 16 * 1024)];
			new Random(42).nextBytes(picture);
			int index = workbook.addPicture(picture, Workbook.PICTURE_TYPE_PNG);
			ClientAnchor anchor = workbook.getCreationHelper().createClientAnchor();
			anchor.setCol1(6);
			anchor.setRow1(2);
			workbook.getSheetAt(0).createDrawingPatriarch().createPicture(anchor, index);
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The file name an agency would give its filled form. */
	public static String fileName(Campaign campaign, AgencyGroup group, Agency agency) {
		String form = campaign.form(group).formName();
		return agency == null ? form + " - " + campaign.province() + " " + campaign.year() + ".xlsx"
				: form + " - " + agency.name() + ".xlsx";
	}

	private static byte[] write(Campaign campaign, AgencyGroup group, Agency agency, Map<String, ?> values, Workbook file) {
		Campaign.GroupForm form = campaign.form(group);
		CriteriaSet criteria = form.criteria();
		try (Workbook workbook = file; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet(form.formName());
			Styles styles = new Styles(workbook);
			sheet.setColumnWidth(0, 6 * 256);
			sheet.setColumnWidth(1, 70 * 256);
			sheet.setColumnWidth(2, 14 * 256);
			sheet.setColumnWidth(3, 16 * 256);
			sheet.setColumnWidth(4, 30 * 256);

			text(sheet, 0, 0, "UBND TỈNH " + campaign.province().toUpperCase(Locale.forLanguageTag("vi")), styles.bold);
			text(sheet, 1, 0, form.formName().toUpperCase(Locale.forLanguageTag("vi")) + ": PHIẾU TỰ ĐÁNH GIÁ MỨC ĐỘ ỨNG DỤNG CNTT NĂM "
					+ campaign.year(), styles.bold);
			text(sheet, 2, 0, "Dành cho: " + group.label() + ". " + criteria.label(), styles.plain);
			text(sheet, 3, 0, "Gửi về " + campaign.mailbox() + " chậm nhất " + campaign.deadlineText() + ". Điền số liệu vào cột \"" + VALUE_HEADER + "\"; chỉ tiêu có/không ghi \"" + YES + "\" hoặc \"" + NO + "\".", styles.plain);
			text(sheet, 5, 1, AGENCY_LABEL + ":", styles.bold);
			text(sheet, 5, 2, agency == null ? "" : agency.name(), styles.plain);

			int headerRow = 7;
			String[] headers = { "STT", "Chỉ tiêu", "Đơn vị tính", VALUE_HEADER, "Ghi chú" };
			for (int c = 0; c < headers.length; c++) {
				text(sheet, headerRow, c, headers[c], styles.header);
			}
			DataValidationHelper validation = sheet.getDataValidationHelper();
			int rowIndex = headerRow + 1;
			int number = 1;
			for (CriteriaSet.Input input : criteria.inputs()) {
				Row row = sheet.createRow(rowIndex);
				cell(row, 0, styles.box).setCellValue(number++);
				cell(row, 1, styles.box).setCellValue(input.label());
				cell(row, 2, styles.box).setCellValue(input.unit());
				Cell value = cell(row, 3, styles.input);
				Object given = values.get(input.id());
				if (given instanceof Boolean yes) {
					value.setCellValue(yes ? YES : NO);
				}
				else if (given instanceof BigDecimal decimal) {
					value.setCellValue(decimal.doubleValue());
				}
				else if (given instanceof Number n) {
					value.setCellValue(n.doubleValue());
				}
				else if (given != null) {
					value.setCellValue(given.toString());
				}
				cell(row, 4, styles.box);
				if (input.type() == CriteriaSet.InputType.BOOLEAN) {
					DataValidation choice = validation.createValidation(validation.createExplicitListConstraint(new String[] { YES, NO }),
							new CellRangeAddressList(rowIndex, rowIndex, 3, 3));
					sheet.addValidationData(choice);
				}
				rowIndex++;
			}
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void text(Sheet sheet, int row, int column, String value, CellStyle style) {
		Row r = sheet.getRow(row) == null ? sheet.createRow(row) : sheet.getRow(row);
		cell(r, column, style).setCellValue(value);
	}

	private static Cell cell(Row row, int column, CellStyle style) {
		Cell cell = row.createCell(column);
		cell.setCellStyle(style);
		return cell;
	}

	private static final class Styles {

		final CellStyle plain;

		final CellStyle bold;

		final CellStyle header;

		final CellStyle box;

		final CellStyle input;

		Styles(Workbook workbook) {
			Font boldFont = workbook.createFont();
			boldFont.setBold(true);
			this.plain = workbook.createCellStyle();
			this.bold = workbook.createCellStyle();
			this.bold.setFont(boldFont);
			this.header = boxed(workbook);
			this.header.setFont(boldFont);
			this.box = boxed(workbook);
			this.box.setWrapText(true);
			this.input = boxed(workbook);
			this.input.setLocked(false);
		}

		private static CellStyle boxed(Workbook workbook) {
			CellStyle style = workbook.createCellStyle();
			style.setBorderTop(BorderStyle.THIN);
			style.setBorderBottom(BorderStyle.THIN);
			style.setBorderLeft(BorderStyle.THIN);
			style.setBorderRight(BorderStyle.THIN);
			return style;
		}
	}
}
