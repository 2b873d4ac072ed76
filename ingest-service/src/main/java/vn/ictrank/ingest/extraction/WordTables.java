package vn.ictrank.ingest.extraction;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.namespace.QName;

import org.apache.poi.hwpf.HWPFDocument;
import org.apache.poi.hwpf.model.FFData;
import org.apache.poi.hwpf.model.FFDataBase;
import org.apache.poi.hwpf.model.Ffn;
import org.apache.poi.hwpf.model.NilPICFAndBinData;
import org.apache.poi.hwpf.usermodel.CharacterRun;
import org.apache.poi.hwpf.usermodel.Paragraph;
import org.apache.poi.hwpf.usermodel.Range;
import org.apache.poi.hwpf.usermodel.Table;
import org.apache.poi.hwpf.usermodel.TableCell;
import org.apache.poi.hwpf.usermodel.TableRow;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.xmlbeans.XmlCursor;
import org.apache.xmlbeans.XmlException;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBody;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyles;

import vn.ictrank.model.text.VietnameseText;

/**
 * A Word form as a workbook of one sheet, named {@value #SHEET}. Agencies send the self-assessment
 * form as a Word document too (.docx, or the older .doc), the figures typed in table cells and the
 * yes/no answers ticked in check boxes; laid out as sheet rows, its labels, its "Số liệu" column and
 * its "Tên cơ quan, đơn vị:" line are found by the one label-based reader ({@link SheetScan}) that
 * reads the Excel form, so both read alike.
 * <p>
 * Every table row becomes a sheet row, every table cell a text cell at its column in the table's grid
 * (a blank cell when the Word cell is empty), tables one after another with an empty row between, and
 * every paragraph outside a table a row of one cell. A nested table's text is flattened into its outer
 * cell. A cell holding nothing but a check box, or boxes labelled like "Có" and "Không", reads as
 * "Có" or "Không": content-control check boxes, legacy form-field check boxes, MACROBUTTON boxes, the
 * characters ☒ ☑ ☐ and the Wingdings box symbols all count. Text in a TCVN3 or VNI font is turned into
 * Unicode.
 * <p>
 * Only the main text is read: headers, footers, notes, text boxes and linked or embedded content are
 * not, and nothing outside the file is resolved.
 */
final class WordTables {

	static final String SHEET = "Word";

	private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

	private static final String W14 = "http://schemas.microsoft.com/office/word/2010/wordml";

	private static final QName VAL = new QName(W, "val");

	private static final String YES = "Có";

	private static final String NO = "Không";

	private static final int MAX_CELL_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

	/** Longest label next to a check box that still reads as a choice ("Chưa triển khai"), not as a sentence. */
	private static final int MAX_CHOICE_LABEL = 20;

	/** What a single box may be labelled with and still be the answer to a yes/no question (match keys). */
	private static final Set<String> ANSWER_LABELS = Set.of("co", "khong", "dat", "chua dat", "chua", "chua co", "da co", "co su dung",
			"khong su dung");

	private static final Set<String> NO_LABELS = Set.of("khong", "chua", "chua dat", "chua co", "khong su dung");

	/** In the form-field data of a .doc, the result that says "as the default". */
	private static final int DOC_DEFAULT_RESULT = 25;

	/** Left edges of .doc cells closer than this (in twips) are one grid column. */
	private static final int DOC_EDGE_TOLERANCE = 30;

	private WordTables() {
	}

	/**
	 * The tables and paragraphs of a .docx.
	 * @throws SheetScan.Budget.Exceeded for a document of more than {@code maxCells} cells, which is no form
	 */
	static Workbook docx(byte[] bytes, int maxCells) throws IOException {
		try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(bytes))) {
			Rows rows = new Rows(maxCells);
			CTBody body = document.getDocument().getBody();
			if (body != null) {
				try (XmlCursor cursor = body.newCursor()) {
					new Docx(Fonts.of(document)).blocks(cursor, rows);
				}
			}
			return rows.workbook;
		}
	}

	/** The tables and paragraphs of a Word 97-2003 .doc, within {@code maxCells} as {@link #docx}. */
	static Workbook doc(byte[] bytes, int maxCells) throws IOException {
		try (HWPFDocument document = new HWPFDocument(new ByteArrayInputStream(bytes))) {
			Rows rows = new Rows(maxCells);
			Doc reader = new Doc(document);
			Range range = document.getRange();
			for (int i = 0; i < range.numParagraphs(); i++) {
				Paragraph paragraph = range.getParagraph(i);
				Table table = paragraph.isInTable() ? tableAt(range, paragraph) : null;
				if (table != null) {
					reader.table(table, rows);
					i += Math.max(1, table.numParagraphs()) - 1;
				}
				else {
					Content content = new Content();
					reader.runs(paragraph, content);
					rows.line(content.value());
				}
			}
			return rows.workbook;
		}
	}

	/** The table starting at {@code paragraph}; none when HWPF cannot make one of it, and it is read as text. */
	private static Table tableAt(Range range, Paragraph paragraph) {
		try {
			return range.getTable(paragraph);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The rows written so far into the one sheet. */
	private static final class Rows {

		private final XSSFWorkbook workbook = new XSSFWorkbook();

		private final Sheet sheet = this.workbook.createSheet(SHEET);

		private int next;

		private boolean afterTable;

		private int cells;

		private final int maxCells;

		Rows(int maxCells) {
			this.maxCells = maxCells;
		}

		/** A paragraph outside tables; empty ones leave no row. */
		void line(String text) {
			if (text.isEmpty()) {
				return;
			}
			if (this.afterTable) {
				this.next++;
				this.afterTable = false;
			}
			Row row = row();
			if (row != null) {
				cell(row, 0, text);
			}
		}

		void tableStart() {
			if (this.next > 0) {
				this.next++;
			}
			this.afterTable = false;
		}

		void tableEnd() {
			this.afterTable = true;
		}

		/** The next row, or none once the sheet is full. */
		Row row() {
			if (Thread.currentThread().isInterrupted()) {
				throw new CancellationException("reading was given up");
			}
			return this.next > SpreadsheetVersion.EXCEL2007.getLastRowIndex() ? null : this.sheet.createRow(this.next++);
		}

		void cell(Row row, int column, String text) {
			if (row == null || column > SpreadsheetVersion.EXCEL2007.getLastColumnIndex()) {
				return;
			}
			if (++this.cells > this.maxCells) {
				throw new SheetScan.Budget.Exceeded();
			}
			Cell cell = row.createCell(column);
			if (!text.isEmpty()) {
				cell.setCellValue(text.length() > MAX_CELL_TEXT ? text.substring(0, MAX_CELL_TEXT) : text);
			}
		}
	}

	/**
	 * What one cell, or one paragraph outside tables, shows: text with check boxes where they stand.
	 * Field codes are not shown, only field results, and a form field shows what was chosen in it.
	 */
	private static final class Content {

		private static final Pattern MACROBUTTON = Pattern.compile("\\s*MACROBUTTON\\s+\\S+\\s(.*)", Pattern.DOTALL);

		private static final int MAX_FIELD_CODE = 256;

		/** Text, as {@link String}, and check boxes, as {@link Boolean} (checked or not), in order. */
		private final List<Object> parts = new ArrayList<>();

		private final StringBuilder text = new StringBuilder();

		private final Deque<Field> fields = new ArrayDeque<>();

		void text(String value) {
			if (!hidden(this.fields.size())) {
				this.text.append(value);
			}
			else {
				fieldInstruction(value);
			}
		}

		/** Text in a run of {@code font}: legacy Vietnamese encodings decoded, box symbols taken as boxes. */
		void text(String value, String font) {
			String decoded = VietnameseText.isTcvn3Font(font) ? VietnameseText.fromTcvn3(value, VietnameseText.isTcvn3CapitalsFont(font))
					: VietnameseText.isVniFont(font) ? VietnameseText.fromVni(value) : value;
			boolean wingdings = isWingdings(font);
			StringBuilder plain = new StringBuilder();
			for (int i = 0; i < decoded.length(); i++) {
				char c = decoded.charAt(i);
				Boolean box = wingdings ? wingdingsBox(c) : ballotBox(c);
				if (box != null) {
					text(plain.toString());
					plain.setLength(0);
					box(box);
				}
				// Wingdings letters are pictures, not words
				else if (!wingdings) {
					plain.append(c);
				}
			}
			text(plain.toString());
		}

		void box(boolean checked) {
			if (!hidden(this.fields.size())) {
				flush();
				this.parts.add(checked);
			}
			else {
				fieldInstruction(checked ? "☒" : "☐");
			}
		}

		void paragraphEnd() {
			text("\n");
		}

		void fieldBegin() {
			this.fields.push(new Field());
		}

		void fieldSeparate() {
			if (!this.fields.isEmpty()) {
				this.fields.peek().result = true;
			}
		}

		/** The end of the innermost field; a MACROBUTTON field shows the text after its macro's name ("MACROBUTTON CheckIt ☐"). */
		void fieldEnd() {
			Field field = this.fields.poll();
			if (field != null && !field.result) {
				Matcher button = MACROBUTTON.matcher(field.code);
				if (button.matches()) {
					text(button.group(1), null);
				}
			}
		}

		/** Text of the innermost field's instruction, kept (as far as a form needs) to tell what the field is. */
		void fieldInstruction(String value) {
			Field field = this.fields.peek();
			if (field != null && !field.result && field.code.length() < MAX_FIELD_CODE) {
				field.code.append(value);
			}
		}

		/** The instruction of the innermost field being read, as far as read. */
		String fieldCode() {
			return this.fields.isEmpty() ? "" : this.fields.peek().code.toString();
		}

		/**
		 * The state of the form field just begun, a check box ({@code checked}) or a chosen item
		 * ({@code choice}); whatever result Word stored for it after that is not shown again.
		 */
		void formField(Boolean checked, String choice) {
			if (this.fields.isEmpty() || hidden(this.fields.size() - 1)) {
				return;
			}
			if (checked != null) {
				flush();
				this.parts.add(checked);
			}
			else if (choice != null) {
				this.text.append(choice);
			}
			this.fields.peek().muted = true;
		}

		/** Whether text now belongs to a field code or to a result already shown, looking at the outer {@code depth} fields. */
		private boolean hidden(int depth) {
			int seen = 0;
			for (Iterator<Field> outward = this.fields.descendingIterator(); outward.hasNext() && seen < depth; seen++) {
				Field field = outward.next();
				if (field.muted || !field.result) {
					return true;
				}
			}
			return false;
		}

		private void flush() {
			if (this.text.length() > 0) {
				this.parts.add(this.text.toString());
				this.text.setLength(0);
			}
		}

		/** The cell's text: the answer when it holds only check boxes, its text otherwise. */
		String value() {
			flush();
			String answer = this.parts.stream().anyMatch(Boolean.class::isInstance) ? answer() : null;
			if (answer != null) {
				return answer;
			}
			StringBuilder all = new StringBuilder();
			for (Object part : this.parts) {
				all.append(part instanceof Boolean checked ? (checked ? "☒" : "☐") : part);
			}
			return clean(all.toString());
		}

		/**
		 * The label of the checked box when every box has a short label on the same side ("☒ Có ☐ Không",
		 * "Có ☐ Không ☒"), or "Có"/"Không" for a lone box; null when the boxes stand in a sentence.
		 */
		private String answer() {
			List<String> texts = new ArrayList<>();
			List<Boolean> boxes = new ArrayList<>();
			StringBuilder between = new StringBuilder();
			for (Object part : this.parts) {
				if (part instanceof Boolean checked) {
					texts.add(label(between.toString()));
					boxes.add(checked);
					between.setLength(0);
				}
				else {
					between.append(part);
				}
			}
			texts.add(label(between.toString()));
			int n = boxes.size();
			if (!texts.get(0).isEmpty() && !texts.get(n).isEmpty()) {
				return null;
			}
			List<String> labels = texts.get(0).isEmpty() ? texts.subList(1, n + 1) : texts.subList(0, n);
			if (n == 1) {
				String label = labels.get(0);
				String key = VietnameseText.matchKey(label);
				if (!label.isEmpty() && !ANSWER_LABELS.contains(key)) {
					return null;
				}
				if (boxes.get(0)) {
					return label.isEmpty() ? YES : canonical(label);
				}
				// an unticked "Không" alone says nothing
				return NO_LABELS.contains(key) ? "" : NO;
			}
			if (labels.stream().anyMatch(label -> label.isEmpty() || label.length() > MAX_CHOICE_LABEL)) {
				return null;
			}
			List<String> chosen = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				if (boxes.get(i)) {
					chosen.add(canonical(labels.get(i)));
				}
			}
			// none ticked reads as no answer, two ticked as an answer the reader refuses
			return String.join(", ", chosen);
		}

		private static String label(String text) {
			return clean(text).replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "");
		}

		private static String canonical(String label) {
			String key = VietnameseText.matchKey(label);
			return key.equals("co") ? YES : key.equals("khong") ? NO : label;
		}

		private static String clean(String text) {
			return Normalizer.normalize(text, Normalizer.Form.NFC).replaceAll("[ \\t\\u00A0]*\\n\\s*", "\n").strip();
		}

		private static final class Field {

			private final StringBuilder code = new StringBuilder();

			private boolean result;

			private boolean muted;
		}
	}

	/** A check box drawn as a character: ☒ or ☑ ticked, ☐ not. */
	private static Boolean ballotBox(int c) {
		return c == 0x2612 || c == 0x2611 ? Boolean.TRUE : c == 0x2610 ? Boolean.FALSE : null;
	}

	/** A check box in the Wingdings font, stored as its code or as that code in the private-use area (F0xx). */
	private static Boolean wingdingsBox(int c) {
		int code = c < 0x100 ? c : (c & 0xFF00) == 0xF000 ? c & 0xFF : -1;
		return code == 0xFE || code == 0x78 ? Boolean.TRUE : code == 0xA8 || code == 0x6F ? Boolean.FALSE : null;
	}

	private static boolean isWingdings(String font) {
		return font != null && font.strip().equalsIgnoreCase("Wingdings");
	}

	/** A symbol inserted with Insert > Symbol: a box if it is one, in the font it names. */
	private static Boolean symbolBox(String font, int c) {
		Boolean ballot = ballotBox(c);
		return ballot != null ? ballot : isWingdings(font) ? wingdingsBox(c) : null;
	}

	/** Reads the WordprocessingML of a .docx element by element, with cursors only. */
	private static final class Docx {

		private final Fonts fonts;

		/** The style of the paragraph being read, for the fonts of its runs. */
		private String paragraphStyle;

		Docx(Fonts fonts) {
			this.fonts = fonts;
		}

		/** Body content: paragraphs become rows of one cell, tables rows of cells. */
		void blocks(XmlCursor parent, Rows rows) {
			try (XmlCursor c = parent.newCursor()) {
				for (boolean more = c.toFirstChild(); more; more = c.toNextSibling()) {
					switch (name(c, W)) {
						case "p" -> {
							Content content = new Content();
							paragraph(c, content);
							rows.line(content.value());
						}
						case "tbl" -> {
							rows.tableStart();
							tableRows(c, rows);
							rows.tableEnd();
						}
						case "sdt" -> {
							if (!placeholder(c)) {
								sdtContent(c, inside -> blocks(inside, rows));
							}
						}
						case "customXml" -> blocks(c, rows);
						default -> {
						}
					}
				}
			}
		}

		private void tableRows(XmlCursor parent, Rows rows) {
			try (XmlCursor c = parent.newCursor()) {
				for (boolean more = c.toFirstChild(); more; more = c.toNextSibling()) {
					switch (name(c, W)) {
						case "tr" -> {
							Row row = rows.row();
							cells(c, row, rows, gridCount(attribute(c, VAL, "trPr", "gridBefore"), 0));
						}
						case "sdt" -> sdtContent(c, inside -> tableRows(inside, rows));
						case "customXml" -> tableRows(c, rows);
						default -> {
						}
					}
				}
			}
		}

		/** The cells of a row from grid column {@code column} on; returns the column after the last. */
		private int cells(XmlCursor parent, Row row, Rows rows, int column) {
			int next = column;
			try (XmlCursor c = parent.newCursor()) {
				for (boolean more = c.toFirstChild(); more; more = c.toNextSibling()) {
					switch (name(c, W)) {
						case "tc" -> {
							Content content = new Content();
							flatten(c, content);
							rows.cell(row, next, content.value());
							next += Math.max(1, gridCount(attribute(c, VAL, "tcPr", "gridSpan"), 1));
						}
						case "sdt" -> {
							try (XmlCursor inside = child(c, W, "sdtContent")) {
								if (inside != null) {
									next = cells(inside, row, rows, next);
								}
							}
						}
						case "customXml" -> next = cells(c, row, rows, next);
						default -> {
						}
					}
				}
			}
			return next;
		}

		/** The content of a cell as one text: paragraphs one a line, nested tables cell by cell. */
		private void flatten(XmlCursor parent, Content content) {
			try (XmlCursor c = parent.newCursor()) {
				for (boolean more = c.toFirstChild(); more; more = c.toNextSibling()) {
					switch (name(c, W)) {
						case "p" -> {
							paragraph(c, content);
							content.paragraphEnd();
						}
						case "tbl", "tr", "customXml" -> flatten(c, content);
						case "tc" -> {
							flatten(c, content);
							content.paragraphEnd();
						}
						case "sdt" -> sdt(c, content, this::flatten);
						default -> {
						}
					}
				}
			}
		}

		private void paragraph(XmlCursor p, Content content) {
			String outer = this.paragraphStyle;
			this.paragraphStyle = attribute(p, VAL, "pPr", "pStyle");
			inline(p, content);
			this.paragraphStyle = outer;
		}

		/** Paragraph content: runs, and the elements that wrap runs. Deleted text is left out. */
		private void inline(XmlCursor parent, Content content) {
			try (XmlCursor c = parent.newCursor()) {
				for (boolean more = c.toFirstChild(); more; more = c.toNextSibling()) {
					switch (name(c, W)) {
						case "r" -> run(c, content);
						case "hyperlink", "smartTag", "customXml", "ins", "moveTo", "fldSimple", "dir", "bdo" -> inline(c, content);
						case "sdt" -> sdt(c, content, this::inline);
						default -> {
						}
					}
				}
			}
		}

		/** A content control: its check box if it is one, nothing while it shows its placeholder, else its content. */
		private void sdt(XmlCursor sdt, Content content, BiConsumer<XmlCursor, Content> inner) {
			try (XmlCursor box = at(sdt, new QName(W, "sdtPr"), new QName(W14, "checkbox"))) {
				if (box != null) {
					try (XmlCursor checked = child(box, W14, "checked")) {
						content.box(checked != null && on(checked.getAttributeText(new QName(W14, "val"))));
					}
					return;
				}
			}
			if (!placeholder(sdt)) {
				sdtContent(sdt, inside -> inner.accept(inside, content));
			}
		}

		private static void sdtContent(XmlCursor sdt, Consumer<XmlCursor> inner) {
			try (XmlCursor inside = child(sdt, W, "sdtContent")) {
				if (inside != null) {
					inner.accept(inside);
				}
			}
		}

		/** Whether a content control still shows its prompt ("Click or tap here to enter text."), which is no answer. */
		private static boolean placeholder(XmlCursor sdt) {
			try (XmlCursor shown = at(sdt, new QName(W, "sdtPr"), new QName(W, "showingPlcHdr"))) {
				return shown != null && on(shown.getAttributeText(VAL));
			}
		}

		private void run(XmlCursor r, Content content) {
			String font = this.fonts.of(r, this.paragraphStyle);
			try (XmlCursor c = r.newCursor()) {
				for (boolean more = c.toFirstChild(); more; more = c.toNextSibling()) {
					switch (name(c, W)) {
						case "t" -> content.text(c.getTextValue(), font);
						case "tab", "ptab" -> content.text("\t");
						case "br", "cr" -> content.text("\n");
						case "noBreakHyphen" -> content.text("-");
						case "sym" -> {
							Boolean box = symbolBox(c.getAttributeText(new QName(W, "font")), hex(c.getAttributeText(new QName(W, "char"))));
							if (box != null) {
								content.box(box);
							}
						}
						case "fldChar" -> fieldCharacter(c, content);
						case "instrText" -> content.fieldInstruction(c.getTextValue());
						default -> {
						}
					}
				}
			}
		}

		/** A complex field's begin, separator or end; a legacy form field keeps its state in the begin. */
		private static void fieldCharacter(XmlCursor c, Content content) {
			String type = c.getAttributeText(new QName(W, "fldCharType"));
			if ("separate".equals(type)) {
				content.fieldSeparate();
			}
			else if ("end".equals(type)) {
				content.fieldEnd();
			}
			else if ("begin".equals(type)) {
				content.fieldBegin();
				try (XmlCursor checkBox = at(c, new QName(W, "ffData"), new QName(W, "checkBox"));
						XmlCursor list = at(c, new QName(W, "ffData"), new QName(W, "ddList"))) {
					if (checkBox != null) {
						String checked = attributeOf(checkBox, "checked");
						String fallback = attributeOf(checkBox, "default");
						content.formField(checked != null ? on(checked) : fallback != null && on(fallback), null);
					}
					else if (list != null) {
						content.formField(null, chosenItem(list));
					}
				}
			}
		}

		/** The value of {@code w:val} on the child {@code local}: "" when the child has none, null when there is no child. */
		private static String attributeOf(XmlCursor parent, String local) {
			try (XmlCursor c = child(parent, W, local)) {
				if (c == null) {
					return null;
				}
				String value = c.getAttributeText(VAL);
				return value == null ? "" : value;
			}
		}

		private static String chosenItem(XmlCursor list) {
			String result = attributeOf(list, "result");
			String fallback = attributeOf(list, "default");
			int index = gridCount(result != null ? result : fallback, 0);
			List<String> items = new ArrayList<>();
			try (XmlCursor c = list.newCursor()) {
				for (boolean more = c.toChild(new QName(W, "listEntry")); more; more = c.toNextSibling(new QName(W, "listEntry"))) {
					items.add(c.getAttributeText(VAL));
				}
			}
			return index >= 0 && index < items.size() && items.get(index) != null ? items.get(index) : "";
		}
	}

	/**
	 * The font each run is shown in, enough to tell TCVN3, VNI and Wingdings text: the run's own,
	 * else its character style's, its paragraph style's (or the default paragraph style's), else the
	 * document default. Theme and table-style fonts are not followed.
	 */
	private static final class Fonts {

		/** Style id to its font ([0], may be null) and the style it is based on ([1]). */
		private final Map<String, String[]> styles = new HashMap<>();

		private String defaultParagraphStyle;

		private String documentFont;

		static Fonts of(XWPFDocument document) {
			Fonts fonts = new Fonts();
			CTStyles styles;
			try {
				styles = document.getStyle();
			}
			catch (XmlException | IOException | RuntimeException ex) {
				// no styles part, or one that does not parse: runs keep only their own fonts
				return fonts;
			}
			try (XmlCursor c = styles.newCursor()) {
				for (boolean more = c.toFirstChild(); more; more = c.toNextSibling()) {
					if (name(c, W).equals("docDefaults")) {
						fonts.documentFont = font(c, "rPrDefault", "rPr", "rFonts");
					}
					else if (name(c, W).equals("style")) {
						String id = c.getAttributeText(new QName(W, "styleId"));
						if (id != null) {
							fonts.styles.put(id, new String[] { font(c, "rPr", "rFonts"), attribute(c, VAL, "basedOn") });
							String isDefault = c.getAttributeText(new QName(W, "default"));
							if ("paragraph".equals(c.getAttributeText(new QName(W, "type"))) && isDefault != null && on(isDefault)) {
								fonts.defaultParagraphStyle = id;
							}
						}
					}
				}
			}
			return fonts;
		}

		String of(XmlCursor run, String paragraphStyle) {
			String own = font(run, "rPr", "rFonts");
			if (own != null) {
				return own;
			}
			String character = style(attribute(run, VAL, "rPr", "rStyle"));
			if (character != null) {
				return character;
			}
			String paragraph = style(paragraphStyle != null ? paragraphStyle : this.defaultParagraphStyle);
			return paragraph != null ? paragraph : this.documentFont;
		}

		private String style(String id) {
			String at = id;
			for (int step = 0; at != null && step < 16; step++) {
				String[] style = this.styles.get(at);
				if (style == null) {
					return null;
				}
				if (style[0] != null) {
					return style[0];
				}
				at = style[1];
			}
			return null;
		}

		private static String font(XmlCursor c, String... path) {
			String ascii = attribute(c, new QName(W, "ascii"), path);
			return ascii != null ? ascii : attribute(c, new QName(W, "hAnsi"), path);
		}
	}

	/** Reads a .doc through HWPF: tables row by row, text run by run with its field marks. */
	private static final class Doc {

		private final HWPFDocument document;

		Doc(HWPFDocument document) {
			this.document = document;
		}

		void table(Table table, Rows rows) {
			int[] edges = edges(table);
			rows.tableStart();
			for (int r = 0; r < table.numRows(); r++) {
				TableRow tableRow = table.getRow(r);
				Row row = rows.row();
				int last = -1;
				for (int c = 0; c < tableRow.numCells(); c++) {
					TableCell cell = tableRow.getCell(c);
					int column = Math.max(last + 1, column(edges, cell.getLeftEdge()));
					Content content = new Content();
					runs(cell, content);
					rows.cell(row, column, content.value());
					last = column;
				}
			}
			rows.tableEnd();
		}

		/** The table's grid: the distinct left edges of its cells, so that a merged cell keeps the columns after it in place. */
		private static int[] edges(Table table) {
			TreeSet<Integer> all = new TreeSet<>();
			for (int r = 0; r < table.numRows(); r++) {
				TableRow row = table.getRow(r);
				for (int c = 0; c < row.numCells(); c++) {
					all.add(row.getCell(c).getLeftEdge());
				}
			}
			List<Integer> grid = new ArrayList<>();
			for (int edge : all) {
				if (grid.isEmpty() || edge - grid.get(grid.size() - 1) > DOC_EDGE_TOLERANCE) {
					grid.add(edge);
				}
			}
			return grid.stream().mapToInt(Integer::intValue).toArray();
		}

		private static int column(int[] edges, int leftEdge) {
			int at = Arrays.binarySearch(edges, leftEdge + DOC_EDGE_TOLERANCE);
			return Math.max(0, at >= 0 ? at : -at - 2);
		}

		/** The text of a range, with its check boxes; table and paragraph marks become line breaks. */
		void runs(Range range, Content content) {
			for (int i = 0; i < range.numCharacterRuns(); i++) {
				CharacterRun run = range.getCharacterRun(i);
				if (run.isMarkedDeleted()) {
					continue;
				}
				if (run.isSymbol()) {
					Ffn font = run.getSymbolFont();
					Boolean box = symbolBox(font == null ? null : font.getMainFontName(), run.getSymbolCharacter());
					if (box != null) {
						content.box(box);
					}
					continue;
				}
				String font = run.getFontName();
				String text = run.text();
				StringBuilder plain = new StringBuilder();
				for (int k = 0; k < text.length(); k++) {
					char c = text.charAt(k);
					if (c == 0x13 || c == 0x14 || c == 0x15 || c == 0x01) {
						content.text(plain.toString(), font);
						plain.setLength(0);
						switch (c) {
							case 0x13 -> content.fieldBegin();
							case 0x14 -> content.fieldSeparate();
							case 0x15 -> content.fieldEnd();
							default -> formField(run, content);
						}
					}
					else if (c == '\r' || c == 0x07 || c == 0x0B || c == 0x0C) {
						plain.append('\n');
					}
					else if (c == '\t' || c >= 0x20) {
						plain.append(c);
					}
					else if (c == 0x1E) {
						plain.append('-');
					}
				}
				content.text(plain.toString(), font);
			}
		}

		/**
		 * A legacy check box or drop-down: its state is not in the text but in the form-field data
		 * (FFData) that the field's picture character points to in the data stream.
		 */
		private void formField(CharacterRun run, Content content) {
			String code = content.fieldCode().strip().toUpperCase(Locale.ROOT);
			if (!run.isData() || !(code.startsWith("FORMCHECKBOX") || code.startsWith("FORMDROPDOWN"))) {
				return;
			}
			FFDataBase base;
			FFData data;
			try {
				byte[] bytes = new NilPICFAndBinData(this.document.getDataStream(), run.getPicOffset()).getBinData();
				base = new FFDataBase(bytes, 0);
				data = new FFData(bytes, 0);
			}
			catch (RuntimeException ex) {
				// damaged form-field data: the field shows nothing, as a box nobody ticked would not
				return;
			}
			int result = base.getIRes();
			if (base.getIType() == FFDataBase.ITYPE_CHCK) {
				content.formField(result == DOC_DEFAULT_RESULT ? data.getDefaultDropDownItemIndex() == 1 : result == 1, null);
			}
			else if (base.getIType() == FFDataBase.ITYPE_DROP) {
				String[] items = data.getDropList();
				int index = result == DOC_DEFAULT_RESULT ? data.getDefaultDropDownItemIndex() : result;
				content.formField(null, items != null && index >= 0 && index < items.length && items[index] != null ? items[index] : "");
			}
		}
	}

	/** The local name of the element at {@code c} when it is in {@code namespace}, else "". */
	private static String name(XmlCursor c, String namespace) {
		QName name = c.getName();
		return name != null && namespace.equals(name.getNamespaceURI()) ? name.getLocalPart() : "";
	}

	/** A new cursor on the first child {@code namespace:local} of {@code c}, or null; the caller closes it. */
	private static XmlCursor child(XmlCursor c, String namespace, String local) {
		return at(c, new QName(namespace, local));
	}

	/** A new cursor on the element at {@code path} below {@code c}, or null; the caller closes it. */
	private static XmlCursor at(XmlCursor c, QName... path) {
		XmlCursor moved = c.newCursor();
		for (QName step : path) {
			if (!moved.toChild(step)) {
				moved.close();
				return null;
			}
		}
		return moved;
	}

	/** The attribute {@code attribute} of the element at the path of w: elements below {@code c}, or null. */
	private static String attribute(XmlCursor c, QName attribute, String... path) {
		QName[] names = new QName[path.length];
		for (int i = 0; i < path.length; i++) {
			names[i] = new QName(W, path[i]);
		}
		try (XmlCursor target = at(c, names)) {
			return target == null ? null : target.getAttributeText(attribute);
		}
	}

	/** An on/off value of WordprocessingML: absent or empty means on. */
	private static boolean on(String value) {
		return value == null || value.isEmpty() || value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("on");
	}

	/** A count of grid columns or a list index, bounded by the widest sheet. */
	private static int gridCount(String text, int fallback) {
		int value = parse(text, 10);
		return value < 0 ? fallback : Math.min(value, SpreadsheetVersion.EXCEL2007.getMaxColumns());
	}

	/** A symbol's character code, written in hexadecimal ("F0FE"); -1 when it is none. */
	private static int hex(String text) {
		return parse(text, 16);
	}

	private static int parse(String text, int radix) {
		if (text == null || text.isBlank() || text.strip().length() > 6) {
			return -1;
		}
		try {
			return Integer.parseInt(text.strip(), radix);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}
}
