package vn.ictrank.model.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text as Vietnamese agencies type it: composed or decomposed ("Unicode tổ hợp"), any case,
 * stray spaces and punctuation. {@link #matchKey} reduces it to a key for comparing labels
 * and names; {@link #nfc} is what is stored and shown.
 */
public final class VietnameseText {

	private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");

	private VietnameseText() {
	}

	/** Unicode NFC with surrounding and repeated white space removed; {@code null} becomes empty. */
	public static String nfc(String text) {
		if (text == null) {
			return "";
		}
		return Normalizer.normalize(text, Normalizer.Form.NFC).replaceAll("[\\s\\u00A0]+", " ").trim();
	}

	/** Lower case, without diacritics (đ becomes d), punctuation folded to single spaces. */
	public static String matchKey(String text) {
		if (text == null) {
			return "";
		}
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
		String bare = COMBINING_MARKS.matcher(decomposed).replaceAll("").replace('đ', 'd').replace('Đ', 'D');
		return NOT_LETTER_OR_DIGIT.matcher(bare.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
	}
}
