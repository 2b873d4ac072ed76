package vn.ictrank.ingest.extraction;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.apache.xmlbeans.XmlException;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTc;

import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.CriteriaSet;
import vn.ictrank.model.text.VietnameseText;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Word forms here are built with XWPF; check boxes and fields are written as the XML Word
 * writes for them. HWPF cannot write tables, so the .doc reading has no test of its own here.
 */
class WordTablesTest {

	private static final int MAX_CELLS = 200_000;

	private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

	private static final String W14 = "http://schemas.microsoft.com/office/word/2010/wordml";

	@Test
	void turnsEveryTableRowIntoASheetRow() throws IOException {
		XWPFDocument document = new XWPFDocument();
		paragraph(document, "PHIẾU TỰ ĐÁNH GIÁ");
		XWPFTable first = document.createTable(2, 3);
		fill(first.getRow(0), "STT", "Chỉ tiêu", "Số liệu");
		fill(first.getRow(1), "1", "Tổng số máy tính", "");
		XWPFTable second = document.createTable(1, 2);
		fill(second.getRow(0), "Ghi chú", "  Không có  ");

		try (Workbook workbook = WordTables.docx(bytes(document), MAX_CELLS)) {
			assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
			assertThat(workbook.getSheetName(0)).isEqualTo("Word");
			assertThat(rows(workbook)).containsExactly(
					List.of("PHIẾU TỰ ĐÁNH GIÁ"),
					List.of(),
					List.of("STT", "Chỉ tiêu", "Số liệu"),
					List.of("1", "Tổng số máy tính", ""),
					List.of(),
					List.of("Ghi chú", "Không có"));
			assertThat(workbook.getSheetAt(0).getRow(3).getCell(2).getCellType()).isEqualTo(CellType.BLANK);
			assertThat(workbook.getSheetAt(0).getRow(3).getCell(1).getCellType()).isEqualTo(CellType.STRING);
		}
	}

	@Test
	void keepsTheColumnsAfterAMergedCellInPlace() throws IOException {
		XWPFDocument document = new XWPFDocument();
		XWPFTable table = document.createTable(2, 3);
		fill(table.getRow(0), "Chỉ tiêu", "", "Số liệu");
		xml(table.getRow(0).getCell(0), "<w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p>" + run("Chỉ tiêu") + "</w:p>");
		table.getRow(0).getCtRow().removeTc(1);
		fill(table.getRow(1), "1", "Tổng số máy tính", "120");

		try (Workbook workbook = WordTables.docx(bytes(document), MAX_CELLS)) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("Số liệu");
			assertThat(sheet.getRow(0).getCell(1)).isNull();
			assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo("120");
		}
	}

	@Test
	void flattensANestedTableIntoItsCell() throws IOException {
		XWPFDocument document = new XWPFDocument();
		XWPFTable table = document.createTable(1, 2);
		fill(table.getRow(0), "Phần mềm đang dùng", "");
		xml(table.getRow(0).getCell(1), "<w:tbl><w:tr><w:tc><w:p>" + run("Một cửa") + "</w:p></w:tc><w:tc><w:p>" + run("Có")
				+ "</w:p></w:tc></w:tr></w:tbl><w:p/>");

		try (Workbook workbook = WordTables.docx(bytes(document), MAX_CELLS)) {
			assertThat(rows(workbook)).containsExactly(List.of("Phần mềm đang dùng", "Một cửa\nCó"));
		}
	}

	@Test
	void readsAContentControlCheckBoxAsCoOrKhong() throws IOException {
		XWPFDocument document = new XWPFDocument();
		XWPFTable table = document.createTable(5, 2);
		fill(table.getRow(0), "Có tường lửa", "");
		paragraphXml(table.getRow(0).getCell(1), contentControlBox(true));
		fill(table.getRow(1), "Có mạng LAN", "");
		paragraphXml(table.getRow(1).getCell(1), contentControlBox(false));
		fill(table.getRow(2), "Có cổng thông tin", "");
		paragraphXml(table.getRow(2).getCell(1), contentControlBox(false) + run(" Có   ") + contentControlBox(true) + run(" Không"));
		fill(table.getRow(3), "Có thư điện tử", "");
		xml(table.getRow(3).getCell(1), "<w:p>" + contentControlBox(true) + run(" Có") + "</w:p><w:p>" + contentControlBox(false)
				+ run(" Không") + "</w:p>");
		// a box drawn with a Wingdings 2 letter ("R" for ☑): only the control's state tells it is ticked
		fill(table.getRow(4), "Có chữ ký số", "");
		paragraphXml(table.getRow(4).getCell(1), "<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"1\"/>"
				+ "<w14:checkedState w14:val=\"0052\" w14:font=\"Wingdings 2\"/><w14:uncheckedState w14:val=\"00A3\" w14:font=\"Wingdings 2\"/>"
				+ "</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii=\"Wingdings 2\" w:hAnsi=\"Wingdings 2\"/></w:rPr>"
				+ "<w:t>R</w:t></w:r></w:sdtContent></w:sdt>");

		try (Workbook workbook = WordTables.docx(bytes(document), MAX_CELLS)) {
			assertThat(column(workbook, 1)).containsExactly("Có", "Không", "Không", "Có", "Có");
		}
	}

	@Test
	void readsALegacyFormFieldCheckBox() throws IOException {
		XWPFDocument document = new XWPFDocument();
		XWPFTable table = document.createTable(4, 2);
		paragraphXml(table.getRow(0).getCell(1), legacyBox("<w:default w:val=\"0\"/><w:checked/>"));
		paragraphXml(table.getRow(1).getCell(1), legacyBox("<w:default w:val=\"1\"/>"));
		paragraphXml(table.getRow(2).getCell(1), legacyBox("<w:default w:val=\"1\"/><w:checked w:val=\"0\"/>"));
		paragraphXml(table.getRow(3).getCell(1), run("Có ") + legacyBox("<w:default w:val=\"0\"/>") + run("  Không ")
				+ legacyBox("<w:default w:val=\"0\"/><w:checked w:val=\"1\"/>"));

		try (Workbook workbook = WordTables.docx(bytes(document), MAX_CELLS)) {
			assertThat(column(workbook, 1)).containsExactly("Có", "Có", "Không", "Không");
		}
	}

	@Test
	void readsBallotBoxCharacters() throws IOException {
		XWPFDocument document = new XWPFDocument();
		XWPFTable table = document.createTable(8, 2);
		table.getRow(0).getCell(1).setText("☒");
		table.getRow(1).getCell(1).setText("☐");
		table.getRow(2).getCell(1).setText("☑ Có     ☐ Không");
		table.getRow(3).getCell(1).setText("Có ☐  Không ☒");
		table.getRow(4).getCell(1).setText("☐ Có   ☐ Không");
		paragraphXml(table.getRow(5).getCell(1), "<w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FE\"/></w:r>" + run(" Có ")
				+ "<w:r><w:sym w:font=\"Wingdings\" w:char=\"F0A8\"/></w:r>" + run(" Không"));
		paragraphXml(table.getRow(6).getCell(1), "<w:r><w:rPr><w:rFonts w:ascii=\"Wingdings\" w:hAnsi=\"Wingdings\"/></w:rPr><w:t>o</w:t></w:r>");
		table.getRow(7).getCell(1).setText("☐ Tổng số máy tính được trang bị trong năm của cơ quan");

		try (Workbook workbook = WordTables.docx(bytes(document), MAX_CELLS)) {
			assertThat(column(workbook, 1)).containsExactly("Có", "Không", "Có", "Không", "", "Có", "Không",
					"☐ Tổng số máy tính được trang bị trong năm của cơ quan");
		}
	}

	@Test
	void readsAMacroButtonCheckBox() throws IOException {
		XWPFDocument document = new XWPFDocument();
		XWPFTable table = document.createTable(2, 2);
		paragraphXml(table.getRow(0).getCell(1), macroButton("F0FE"));
		paragraphXml(table.getRow(1).getCell(1), macroButton("F0FE") + run(" Có   ") + macroButton("F0A8") + run(" Không"));

		try (Workbook workbook = WordTables.docx(bytes(document), MAX_CELLS)) {
			assertThat(column(workbook, 1)).containsExactly("Có", "Có");
		}
	}

	@Test
	void keepsTheAgencyLineOutsideTables() throws IOException {
		XWPFDocument document = new XWPFDocument();
		paragraph(document, "UBND TỈNH THANH HÓA");
		paragraph(document, "");
		paragraph(document, "Tên cơ quan, đơn vị: Sở Nội vụ");
		fill(document.createTable(1, 2).getRow(0), "Chỉ tiêu", "Số liệu");

		try (Workbook workbook = WordTables.docx(bytes(document), MAX_CELLS)) {
			assertThat(rows(workbook)).startsWith(List.of("UBND TỈNH THANH HÓA"), List.of("Tên cơ quan, đơn vị: Sở Nội vụ"));
			assertThat(new SheetScan(workbook.getSheetAt(0), new SheetScan.Budget(1000)).agencyName()).contains("Sở Nội vụ");
		}
	}

	@Test
	void readsAContentControlStillShowingItsPromptAsEmpty() throws IOException {
		XWPFDocument document = new XWPFDocument();
		XWPFTable table = document.createTable(2, 2);
		paragraphXml(table.getRow(0).getCell(1), "<w:sdt><w:sdtPr><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent>"
				+ run("Bấm hoặc gõ nhẹ vào đây để nhập văn bản.") + "</w:sdtContent></w:sdt>");
		paragraphXml(table.getRow(1).getCell(1), "<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent>" + run("250") + "</w:sdtContent></w:sdt>");

		try (Workbook workbook = WordTables.docx(bytes(document), MAX_CELLS)) {
			assertThat(column(workbook, 1)).containsExactly("", "250");
			assertThat(workbook.getSheetAt(0).getRow(0).getCell(1).getCellType()).isEqualTo(CellType.BLANK);
		}
	}

	@Test
	void readsTheChosenItemOfALegacyDropDown() throws IOException {
		XWPFDocument document = new XWPFDocument();
		XWPFTable table = document.createTable(1, 2);
		paragraphXml(table.getRow(0).getCell(1), "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"Dropdown1\"/><w:enabled/>"
				+ "<w:ddList><w:result w:val=\"1\"/><w:listEntry w:val=\"Có\"/><w:listEntry w:val=\"Không\"/></w:ddList></w:ffData></w:fldChar></w:r>"
				+ "<w:r><w:instrText xml:space=\"preserve\"> FORMDROPDOWN </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
				+ run("Có") + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");

		try (Workbook workbook = WordTables.docx(bytes(document), MAX_CELLS)) {
			assertThat(column(workbook, 1)).containsExactly("Không");
		}
	}

	@Test
	void decodesTextTypedInATcvn3FontOfTheRunOrOfItsStyle() throws IOException, XmlException {
		XWPFDocument document = new XWPFDocument();
		document.createStyles().addStyle(new XWPFStyle(CTStyle.Factory.parse("<xml-fragment xmlns:w=\"" + W + "\" w:type=\"paragraph\" "
				+ "w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:rPr><w:rFonts w:ascii=\".VnTimeH\" w:hAnsi=\".VnTimeH\"/>"
				+ "</w:rPr></xml-fragment>")));
		XWPFTable table = document.createTable(1, 2);
		paragraphXml(table.getRow(0).getCell(0), "<w:r><w:rPr><w:rFonts w:ascii=\".VnTime\" w:hAnsi=\".VnTime\"/></w:rPr><w:t>"
				+ tcvn3("Tổng số máy tính") + "</w:t></w:r>");
		paragraphXml(table.getRow(0).getCell(1), run(tcvn3("số liệu")));

		try (Workbook workbook = WordTables.docx(bytes(document), MAX_CELLS)) {
			assertThat(rows(workbook)).containsExactly(List.of("Tổng số máy tính", "SỐ LIỆU"));
		}
	}

	@Test
	void aDepartmentFormMadeAsAWordTableReadsLikeTheWorkbook() throws IOException {
		CriteriaSet criteria = Forms.CAMPAIGN.form(AgencyGroup.DEPARTMENT).criteria();
		Map<String, Object> figures = Forms.figures(AgencyGroup.DEPARTMENT, 7);
		XWPFDocument document = new XWPFDocument();
		paragraph(document, "UBND TỈNH THANH HÓA");
		paragraph(document, "MẪU 01: PHIẾU TỰ ĐÁNH GIÁ MỨC ĐỘ ỨNG DỤNG CNTT NĂM 2016");
		paragraph(document, "Tên cơ quan, đơn vị: Sở Nội vụ");
		XWPFTable table = document.createTable(criteria.inputs().size() + 1, 4);
		fill(table.getRow(0), "STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu");
		Map<String, BigDecimal> expected = new HashMap<>();
		int number = 0;
		int yesNo = 0;
		for (CriteriaSet.Input input : criteria.inputs()) {
			number++;
			XWPFTableRow row = table.getRow(number);
			fill(row, String.valueOf(number), input.label(), Objects.toString(input.unit(), ""), "");
			XWPFTableCell value = row.getCell(3);
			Object figure = figures.get(input.id());
			if (figure instanceof Boolean yes) {
				// the three ways agencies tick a box, in turn
				switch (yesNo++ % 3) {
					case 0 -> paragraphXml(value, contentControlBox(yes) + run(" Có   ") + contentControlBox(!yes) + run(" Không"));
					case 1 -> paragraphXml(value, legacyBox(yes ? "<w:default w:val=\"0\"/><w:checked/>" : "<w:default w:val=\"0\"/>"));
					default -> value.setText((yes ? "☒" : "☐") + " Có    " + (yes ? "☐" : "☒") + " Không");
				}
				expected.put(input.id(), yes ? BigDecimal.ONE : BigDecimal.ZERO);
			}
			else {
				String typed = figure instanceof BigDecimal decimal ? decimal.toPlainString() : figure.toString();
				value.setText(typed);
				expected.put(input.id(), new BigDecimal(typed));
			}
		}
		assertThat(yesNo).isGreaterThanOrEqualTo(3);

		try (Workbook workbook = WordTables.docx(bytes(document), MAX_CELLS)) {
			SheetScan scan = new SheetScan(workbook.getSheetAt(0), new SheetScan.Budget(200_000));
			FormReader.Match match = scan.match(criteria);

			assertThat(match.problems()).isEmpty();
			assertThat(match.values().keySet()).containsExactlyInAnyOrderElementsOf(criteria.inputs().stream().map(CriteriaSet.Input::id).toList());
			expected.forEach((id, value) -> assertThat(match.values().get(id).value()).as(id).isEqualByComparingTo(value));
			assertThat(scan.agencyName()).contains("Sở Nội vụ");
		}
	}

	private static void paragraph(XWPFDocument document, String text) {
		document.createParagraph().createRun().setText(text);
	}

	private static void fill(XWPFTableRow row, String... texts) {
		for (int i = 0; i < texts.length; i++) {
			if (!texts[i].isEmpty()) {
				row.getCell(i).setText(texts[i]);
			}
		}
	}

	private static String run(String text) {
		return "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
	}

	/** A check box content control, as Word 2010 and later writes it. */
	private static String contentControlBox(boolean checked) {
		return "<w:sdt><w:sdtPr><w:id w:val=\"1\"/><w14:checkbox><w14:checked w14:val=\"" + (checked ? 1 : 0) + "\"/>"
				+ "<w14:checkedState w14:val=\"2612\" w14:font=\"MS Gothic\"/><w14:uncheckedState w14:val=\"2610\" w14:font=\"MS Gothic\"/>"
				+ "</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii=\"MS Gothic\" w:eastAsia=\"MS Gothic\" w:hAnsi=\"MS Gothic\"/>"
				+ "</w:rPr><w:t>" + (checked ? "☒" : "☐") + "</w:t></w:r></w:sdtContent></w:sdt>";
	}

	/** A legacy form-field check box (Word 97-2003 "Check Box Form Field") with the given state elements. */
	private static String legacyBox(String state) {
		return "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"Check1\"/><w:enabled/><w:calcOnExit w:val=\"0\"/>"
				+ "<w:checkBox><w:sizeAuto/>" + state + "</w:checkBox></w:ffData></w:fldChar></w:r>"
				+ "<w:r><w:instrText xml:space=\"preserve\"> FORMCHECKBOX </w:instrText></w:r>"
				+ "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
	}

	/** The old way of a clickable box: a MACROBUTTON field showing a Wingdings symbol that a macro swaps. */
	private static String macroButton(String symbol) {
		return "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> MACROBUTTON CheckIt </w:instrText></w:r>"
				+ "<w:r><w:sym w:font=\"Wingdings\" w:char=\"" + symbol + "\"/></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
	}

	/** Replaces what {@code cell} holds by one paragraph of {@code runs}. */
	private static void paragraphXml(XWPFTableCell cell, String runs) {
		xml(cell, "<w:p>" + runs + "</w:p>");
	}

	/** Replaces what {@code cell} holds by {@code content}, WordprocessingML with the w and w14 prefixes. */
	private static void xml(XWPFTableCell cell, String content) {
		try {
			cell.getCTTc().set(CTTc.Factory.parse("<xml-fragment xmlns:w=\"" + W + "\" xmlns:w14=\"" + W14 + "\">" + content + "</xml-fragment>"));
		}
		catch (XmlException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	private static byte[] bytes(XWPFDocument document) throws IOException {
		try (document; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			document.write(out);
			return out.toByteArray();
		}
	}

	/** Every row of the sheet, missing rows empty, each as its cells' text up to its last cell ("" for a blank or missing cell). */
	private static List<List<String>> rows(Workbook workbook) {
		Sheet sheet = workbook.getSheetAt(0);
		List<List<String>> rows = new ArrayList<>();
		for (int r = 0; r <= sheet.getLastRowNum(); r++) {
			Row row = sheet.getRow(r);
			List<String> cells = new ArrayList<>();
			for (int c = 0; row != null && c < row.getLastCellNum(); c++) {
				Cell cell = row.getCell(c);
				cells.add(cell == null || cell.getCellType() == CellType.BLANK ? "" : cell.getStringCellValue());
			}
			rows.add(cells);
		}
		return rows;
	}

	private static List<String> column(Workbook workbook, int column) {
		return rows(workbook).stream().filter(row -> !row.isEmpty()).map(row -> column < row.size() ? row.get(column) : "").toList();
	}

	/** Unicode text as a machine still typing in TCVN3 stores it. */
	private static String tcvn3(String unicode) {
		Map<Character, Character> codes = new HashMap<>();
		for (char c = 0xA1; c <= 0xFF; c++) {
			String decoded = VietnameseText.fromTcvn3(String.valueOf(c), false);
			if (decoded.length() == 1) {
				codes.putIfAbsent(decoded.charAt(0), c);
			}
		}
		StringBuilder out = new StringBuilder();
		for (char c : unicode.toCharArray()) {
			out.append(c < 0x80 ? c : codes.getOrDefault(c, c));
		}
		return out.toString();
	}
}
