package vn.ictrank.ingest.extraction;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.ictrank.model.campaign.CriteriaSet;
import vn.ictrank.model.campaign.CriteriaSet.InputType;
import vn.ictrank.model.text.VietnameseText;

/**
 * Reads a figure the way Vietnamese agencies write it: "1.234", "12,5", "250 người". Only
 * plausible numbers are figures: {@link BigDecimal} would take "1e100000000", whose exact value
 * takes minutes and gigabytes to write out, so size and precision are bounded before any
 * arithmetic.
 */
final class CellText {

	private static final Set<String> YES = Set.of("co", "x", "yes", "true", "1", "dat", "co su dung");

	private static final Set<String> NO = Set.of("khong", "no", "false", "0", "chua", "khong su dung", "chua co");

	private static final Pattern THOUSANDS_DOT = Pattern.compile("\\d{1,3}(\\.\\d{3})+");

	private static final Pattern THOUSANDS_COMMA = Pattern.compile("\\d{1,3}(,\\d{3})+");

	/** A number, then optionally words: the unit agencies type after it. */
	private static final Pattern NUMBER_THEN_WORDS = Pattern.compile("([-+]?[\\p{Nd}.,\\s\\u00A0]*\\p{Nd}%?)\\s*(\\p{L}.*)?",
			Pattern.DOTALL);

	/** A number written with a power of ten, as a spreadsheet shows a very large or very small one. */
	private static final Pattern SCIENTIFIC = Pattern.compile("[-+]?\\p{Nd}+([.,]\\p{Nd}+)?[eE]([-+]?\\p{Nd}+)");

	/** No form asks for a figure this large; one this large is a slip of the keyboard. */
	static final BigDecimal LIMIT = new BigDecimal("1e15");

	/** Excel keeps 15 significant digits; a typed number with more was not typed by a person. */
	private static final int MAX_DIGITS = 15;

	private static final int MAX_DECIMALS = 10;

	/** Longer text is no figure, and is not worth a regular expression. */
	private static final int MAX_TEXT = 60;

	private CellText() {
	}

	/** What a cell gave for one input: a figure, or why it is none (Vietnamese, to follow "không hợp lệ"). */
	sealed interface Figure {

		record Valid(BigDecimal value) implements Figure {
		}

		record Invalid(String why) implements Figure {
		}
	}

	/** The figure typed as {@code text} in the cell of {@code input}. */
	static Figure figure(String text, CriteriaSet.Input input) {
		if (input.type() == InputType.BOOLEAN) {
			String key = text.length() > MAX_TEXT ? "" : VietnameseText.matchKey(text);
			if (YES.contains(key)) {
				return new Figure.Valid(BigDecimal.ONE);
			}
			return NO.contains(key) ? new Figure.Valid(BigDecimal.ZERO) : new Figure.Invalid(expectation(input));
		}
		String trimmed = text.strip();
		if (trimmed.length() > MAX_TEXT) {
			return new Figure.Invalid(Character.isDigit(trimmed.charAt(0)) ? implausible() : expectation(input));
		}
		Matcher scientific = SCIENTIFIC.matcher(trimmed);
		if (scientific.matches()) {
			String exponent = scientific.group(2).replaceFirst("^[-+]", "");
			if (exponent.length() > 2) {
				return new Figure.Invalid(implausible());
			}
			return number(trimmed.replace(',', '.')).map(n -> check(n, input)).orElseGet(() -> new Figure.Invalid(expectation(input)));
		}
		Matcher parts = NUMBER_THEN_WORDS.matcher(trimmed);
		if (!parts.matches()) {
			return new Figure.Invalid(expectation(input));
		}
		String words = parts.group(2);
		if (words != null && !isUnit(words, input.unit())) {
			return new Figure.Invalid("đơn vị '" + words.strip() + "' khác đơn vị của phiếu" + unitPart(input.unit())
					+ ", " + expectation(input));
		}
		String digits = parts.group(1);
		if (digits.endsWith("%")) {
			return new Figure.Invalid(expectation(input));
		}
		return number(digits).map(n -> check(n, input)).orElseGet(() -> new Figure.Invalid(expectation(input)));
	}

	/** The figure held by a numeric cell. */
	static Figure figure(double value, CriteriaSet.Input input) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return new Figure.Invalid(expectation(input));
		}
		BigDecimal number = BigDecimal.valueOf(value);
		if (number.abs().compareTo(LIMIT) >= 0) {
			return new Figure.Invalid(implausible());
		}
		// Excel shows 15 significant digits; the binary tail of a formula result (0.30000000000000004) is not the agency's.
		BigDecimal shown = number.round(new MathContext(MAX_DIGITS));
		if (input.type() == InputType.BOOLEAN) {
			return shown.compareTo(BigDecimal.ONE) == 0 || shown.signum() == 0 ? new Figure.Valid(shown)
					: new Figure.Invalid(expectation(input));
		}
		return check(shown, input);
	}

	private static Figure check(BigDecimal number, CriteriaSet.Input input) {
		if (number.abs().compareTo(LIMIT) >= 0 || number.precision() > MAX_DIGITS + MAX_DECIMALS) {
			return new Figure.Invalid(implausible());
		}
		BigDecimal stripped = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
		if (stripped.scale() > MAX_DECIMALS) {
			return new Figure.Invalid(implausible());
		}
		if (stripped.signum() < 0 || (input.type() == InputType.INTEGER && stripped.scale() > 0)) {
			return new Figure.Invalid(expectation(input));
		}
		if (input.max() != null && stripped.compareTo(input.max()) > 0) {
			return new Figure.Invalid("lớn hơn mức tối đa hợp lý " + input.max().toPlainString() + unitPart(input.unit())
					+ ", vui lòng kiểm tra lại");
		}
		return new Figure.Valid(stripped.scale() < 0 ? stripped.setScale(0) : stripped);
	}

	private static boolean isUnit(String words, String unit) {
		return unit != null && VietnameseText.matchKey(words).equals(VietnameseText.matchKey(unit));
	}

	private static String unitPart(String unit) {
		return unit == null || unit.isBlank() ? "" : " (" + unit + ")";
	}

	private static String implausible() {
		return "con số không hợp lý (quá lớn, quá nhỏ hoặc quá nhiều chữ số)";
	}

	/** What the input needs, in Vietnamese. */
	static String expectation(CriteriaSet.Input input) {
		return switch (input.type()) {
			case BOOLEAN -> "cần ghi Có hoặc Không";
			case INTEGER -> "cần một số nguyên không âm";
			case DECIMAL -> "cần một số không âm";
		};
	}

	/** "1.234" and "1,234" are thousands; "12,5" and "12.5" are decimals; "1.234,5" and "1,234.5" both work. */
	static Optional<BigDecimal> number(String text) {
		String t = text.replaceAll("[\\s\\u00A0]", "");
		if (t.length() > MAX_TEXT) {
			return Optional.empty();
		}
		int dot = t.lastIndexOf('.');
		int comma = t.lastIndexOf(',');
		if (dot >= 0 && comma >= 0) {
			t = dot > comma ? t.replace(",", "") : t.replace(".", "").replace(',', '.');
		}
		else if (comma >= 0) {
			t = THOUSANDS_COMMA.matcher(t).matches() ? t.replace(",", "") : t.replace(',', '.');
		}
		else if (dot >= 0 && THOUSANDS_DOT.matcher(t).matches()) {
			t = t.replace(".", "");
		}
		try {
			return Optional.of(new BigDecimal(t));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}
}
