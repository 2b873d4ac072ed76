package vn.ictrank.ingest.extraction;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import vn.ictrank.model.campaign.CriteriaSet.InputType;
import vn.ictrank.model.text.VietnameseText;

/** Reads a figure typed as text the way Vietnamese agencies write it. */
final class CellText {

	private static final Set<String> YES = Set.of("co", "x", "yes", "true", "1", "dat", "co su dung");

	private static final Set<String> NO = Set.of("khong", "no", "false", "0", "chua", "khong su dung", "chua co");

	private static final Pattern THOUSANDS_DOT = Pattern.compile("\\d{1,3}(\\.\\d{3})+");

	private static final Pattern THOUSANDS_COMMA = Pattern.compile("\\d{1,3}(,\\d{3})+");

	private CellText() {
	}

	/** The value of {@code text} for an input of {@code type}, if it is one. */
	static Optional<BigDecimal> parse(String text, InputType type) {
		if (type == InputType.BOOLEAN) {
			String key = VietnameseText.matchKey(text);
			if (YES.contains(key)) {
				return Optional.of(BigDecimal.ONE);
			}
			return NO.contains(key) ? Optional.of(BigDecimal.ZERO) : Optional.empty();
		}
		return number(text).filter(n -> n.signum() >= 0)
			.filter(n -> type != InputType.INTEGER || n.stripTrailingZeros().scale() <= 0);
	}

	/** "1.234" and "1,234" are thousands; "12,5" and "12.5" are decimals; "1.234,5" and "1,234.5" both work. */
	static Optional<BigDecimal> number(String text) {
		String t = text.replaceAll("[\\s\\u00A0]", "");
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
