package vn.ictrank.ingest.extraction;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

import vn.ictrank.model.campaign.CriteriaSet;
import vn.ictrank.model.event.FormExtracted.ExtractedValue;
import vn.ictrank.model.text.VietnameseText;

/** The text cells of one sheet, indexed for finding labels, the value column and the agency's name. */
final class SheetScan {

	private static final Set<String> VALUE_HEADERS = Set.of("so lieu", "gia tri", "ket qua", "so lieu bao cao", "so lieu cua don vi");

	private static final Set<String> AGENCY_LABELS = Set.of("ten co quan don vi", "ten co quan", "ten don vi", "co quan don vi", "co quan");

	/** Labels agencies extend with a note like "(người)"; beyond this many extra characters it is another line. */
	private static final int LABEL_SLACK = 30;

	private final Sheet sheet;

	private final DataFormatter formatter = new DataFormatter();

	/** Match key of every text cell. */
	private final List<KeyedCell> textCells = new ArrayList<>();

	private Integer valueColumn;

	private int valueHeaderRow = -1;

	SheetScan(Sheet sheet, Budget budget) {
		this.sheet = sheet;
		for (Row row : sheet) {
			for (Cell cell : row) {
				budget.charge();
				if (cell.getCellType() == CellType.STRING) {
					String text = text(cell);
					String key = VietnameseText.matchKey(text).replaceFirst("^(\\d+ )+", "");
					if (!key.isEmpty()) {
						this.textCells.add(new KeyedCell(key, cell, text));
						if (this.valueColumn == null && VALUE_HEADERS.contains(key)) {
							this.valueColumn = cell.getColumnIndex();
							this.valueHeaderRow = cell.getRowIndex();
						}
					}
				}
			}
		}
	}

	/** The name written after "Tên cơ quan, đơn vị:", if any. */
	Optional<String> agencyName() {
		for (KeyedCell text : this.textCells) {
			if (AGENCY_LABELS.contains(text.key())) {
				Row row = text.cell().getRow();
				for (int c = text.cell().getColumnIndex() + 1; c < row.getLastCellNum(); c++) {
					Cell cell = row.getCell(c);
					String value = VietnameseText.nfc(cell != null && cell.getCellType() == CellType.STRING ? text(cell)
							: this.formatter.formatCellValue(cell));
					if (!value.isEmpty()) {
						return Optional.of(value);
					}
				}
			}
			String raw = VietnameseText.nfc(text.text());
			int colon = raw.indexOf(':');
			if (colon > 0 && AGENCY_LABELS.contains(VietnameseText.matchKey(raw.substring(0, colon)))
					&& !raw.substring(colon + 1).isBlank()) {
				return Optional.of(raw.substring(colon + 1).trim());
			}
		}
		return Optional.empty();
	}

	FormReader.Match match(CriteriaSet criteria) {
		Map<String, ExtractedValue> values = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		Map<String, Cell> labels = findLabels(criteria);
		for (CriteriaSet.Input input : criteria.inputs()) {
			Cell label = labels.get(input.id());
			if (label == null) {
				problems.add("không thấy dòng \"" + input.label() + "\"");
				continue;
			}
			Cell valueCell = valueCell(label, input);
			String address = valueCell == null ? cellAddress(label.getRowIndex(), this.valueColumn == null ? label.getColumnIndex() + 1 : this.valueColumn)
					: valueCell.getAddress().formatAsString();
			Read read = valueCell == null ? new Read(new CellText.Figure.Invalid(""), "", false) : read(valueCell, input);
			if (read.figure() instanceof CellText.Figure.Valid valid) {
				values.put(input.id(), new ExtractedValue(valid.value(), read.raw(), this.sheet.getSheetName(), address, read.formula()));
			}
			else if (read.raw().isBlank()) {
				problems.add("\"" + input.label() + "\" chưa có số liệu (ô " + address + ")");
			}
			else {
				problems.add("\"" + input.label() + "\" có số liệu không hợp lệ '" + shortened(read.raw()) + "' (ô " + address + "), "
						+ ((CellText.Figure.Invalid) read.figure()).why());
			}
		}
		return FormReader.Match.of(criteria, labels.size(), values, problems);
	}

	private Map<String, Cell> findLabels(CriteriaSet criteria) {
		Map<String, Cell> found = new HashMap<>();
		for (CriteriaSet.Input input : criteria.inputs()) {
			String label = VietnameseText.matchKey(input.label());
			for (KeyedCell text : this.textCells) {
				if (text.key().equals(label)
						|| (text.key().startsWith(label + " ") && text.key().length() - label.length() <= LABEL_SLACK)) {
					found.put(input.id(), text.cell());
					break;
				}
			}
		}
		return found;
	}

	private Cell valueCell(Cell label, CriteriaSet.Input input) {
		Row row = label.getRow();
		if (this.valueColumn != null && this.valueColumn > label.getColumnIndex() && this.valueHeaderRow < label.getRowIndex()) {
			return row.getCell(this.valueColumn);
		}
		String unit = VietnameseText.matchKey(input.unit());
		for (int c = label.getColumnIndex() + 1; c < row.getLastCellNum(); c++) {
			Cell cell = row.getCell(c);
			if (cell == null || cell.getCellType() == CellType.BLANK) {
				continue;
			}
			if (cell.getCellType() == CellType.STRING && VietnameseText.matchKey(text(cell)).equals(unit)) {
				continue;
			}
			return cell;
		}
		return null;
	}

	private Read read(Cell cell, CriteriaSet.Input input) {
		boolean formula = cell.getCellType() == CellType.FORMULA;
		CellType kind = formula ? cell.getCachedFormulaResultType() : cell.getCellType();
		String raw = VietnameseText.nfc(kind == CellType.STRING && !formula ? text(cell) : this.formatter.formatCellValue(cell, null));
		if (formula) {
			raw = kind == CellType.NUMERIC ? this.formatter.formatRawCellContents(cell.getNumericCellValue(), -1, "General")
					: kind == CellType.STRING ? VietnameseText.nfc(cell.getStringCellValue()) : raw;
		}
		CellText.Figure figure = switch (kind) {
			case NUMERIC -> CellText.figure(cell.getNumericCellValue(), input);
			case STRING -> CellText.figure(formula ? cell.getStringCellValue() : text(cell), input);
			case BOOLEAN -> input.type() == CriteriaSet.InputType.BOOLEAN
					? new CellText.Figure.Valid(cell.getBooleanCellValue() ? BigDecimal.ONE : BigDecimal.ZERO)
					: new CellText.Figure.Invalid(CellText.expectation(input));
			default -> new CellText.Figure.Invalid(CellText.expectation(input));
		};
		return new Read(figure, raw, formula);
	}

	/** A cell's text as quoted back to the agency: enough to find it, never a page of it. */
	private static String shortened(String raw) {
		return raw.length() <= 40 ? raw : raw.substring(0, 39) + "…";
	}

	/** A text cell's content in Unicode, decoding legacy TCVN3 (.Vn fonts) and VNI (VNI- fonts) by the cell's font. */
	private String text(Cell cell) {
		String value = cell.getStringCellValue();
		String font = this.sheet.getWorkbook().getFontAt(cell.getCellStyle().getFontIndex()).getFontName();
		return VietnameseText.isTcvn3Font(font) ? VietnameseText.fromTcvn3(value, VietnameseText.isTcvn3CapitalsFont(font)) : VietnameseText.isVniFont(font) ? VietnameseText.fromVni(value) : value;
	}

	private static String cellAddress(int row, int column) {
		return new org.apache.poi.ss.util.CellAddress(row, column).formatAsString();
	}

	private record KeyedCell(String key, Cell cell, String text) {
	}

	/** How many cells one workbook may show, and a stop when its reading was given up. */
	static final class Budget {

		private final int maxCells;

		private int cells;

		Budget(int maxCells) {
			this.maxCells = maxCells;
		}

		void charge() {
			if (++this.cells > this.maxCells) {
				throw new Exceeded();
			}
			if ((this.cells & 1023) == 0 && Thread.currentThread().isInterrupted()) {
				throw new java.util.concurrent.CancellationException("reading was given up");
			}
		}

		static final class Exceeded extends RuntimeException {

			Exceeded() {
				super("too many cells", null, false, false);
			}
		}
	}

	private record Read(CellText.Figure figure, String raw, boolean formula) {
	}
}
