package vn.ictrank.report;

import java.nio.charset.StandardCharsets;

/**
 * A CSV file as Excel in Vietnamese opens it: UTF-8 with a byte-order mark, CRLF, every text
 * cell quoted, numbers as they are. A cell a sender wrote (a subject, a file name) that starts like a formula is prefixed
 * with an apostrophe, so that opening the export never runs what a mail put there.
 */
public final class Csv {

	private final StringBuilder text = new StringBuilder("\uFEFF");

	private Csv() {
	}

	public static Csv withHeader(String... names) {
		Csv csv = new Csv();
		csv.text.append(String.join(",", names)).append("\r\n");
		return csv;
	}

	/** One row; a {@link Number} is written as it is, anything else as quoted text, {@code null} as an empty cell. */
	public Csv row(Object... cells) {
		for (int i = 0; i < cells.length; i++) {
			Object cell = cells[i];
			this.text.append(i == 0 ? "" : ",")
				.append(cell == null ? "" : cell instanceof java.math.BigDecimal d ? d.toPlainString() : cell instanceof Number n ? n.toString() : cell(cell.toString()));
		}
		this.text.append("\r\n");
		return this;
	}

	public byte[] bytes() {
		return this.text.toString().getBytes(StandardCharsets.UTF_8);
	}

	static String cell(String value) {
		String text = value == null ? "" : value;
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		return "\"" + text.replace("\"", "\"\"") + "\"";
	}
}
