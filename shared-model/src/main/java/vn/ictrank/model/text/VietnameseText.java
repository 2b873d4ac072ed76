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

	/**
	 * TCVN 5712 (TCVN3, "ABC"), the encoding of the .VnTime family of fonts: the character each
	 * code 0xA0 to 0xFF stands for. Files typed in those fonts hold these codes as Latin-1 letters
	 * ("Së Néi vô" for "Sở Nội vụ"). 0xB0 to 0xB4 are combining tone marks.
	 */
	private static final char[] TCVN3 = {
			(char) 0x00a0, (char) 0x0102, (char) 0x00c2, (char) 0x00ca, (char) 0x00d4, (char) 0x01a0, (char) 0x01af, (char) 0x0110,
			(char) 0x0103, (char) 0x00e2, (char) 0x00ea, (char) 0x00f4, (char) 0x01a1, (char) 0x01b0, (char) 0x0111, (char) 0x1eb0,
			(char) 0x0300, (char) 0x0309, (char) 0x0303, (char) 0x0301, (char) 0x0323, (char) 0x00e0, (char) 0x1ea3, (char) 0x00e3,
			(char) 0x00e1, (char) 0x1ea1, (char) 0x1eb2, (char) 0x1eb1, (char) 0x1eb3, (char) 0x1eb5, (char) 0x1eaf, (char) 0x1eb4,
			(char) 0x1eae, (char) 0x1ea6, (char) 0x1ea8, (char) 0x1eaa, (char) 0x1ea4, (char) 0x1ec0, (char) 0x1eb7, (char) 0x1ea7,
			(char) 0x1ea9, (char) 0x1eab, (char) 0x1ea5, (char) 0x1ead, (char) 0x00e8, (char) 0x1ec2, (char) 0x1ebb, (char) 0x1ebd,
			(char) 0x00e9, (char) 0x1eb9, (char) 0x1ec1, (char) 0x1ec3, (char) 0x1ec5, (char) 0x1ebf, (char) 0x1ec7, (char) 0x00ec,
			(char) 0x1ec9, (char) 0x1ec4, (char) 0x1ebe, (char) 0x1ed2, (char) 0x0129, (char) 0x00ed, (char) 0x1ecb, (char) 0x00f2,
			(char) 0x1ed4, (char) 0x1ecf, (char) 0x00f5, (char) 0x00f3, (char) 0x1ecd, (char) 0x1ed3, (char) 0x1ed5, (char) 0x1ed7,
			(char) 0x1ed1, (char) 0x1ed9, (char) 0x1edd, (char) 0x1edf, (char) 0x1ee1, (char) 0x1edb, (char) 0x1ee3, (char) 0x00f9,
			(char) 0x1ed6, (char) 0x1ee7, (char) 0x0169, (char) 0x00fa, (char) 0x1ee5, (char) 0x1eeb, (char) 0x1eed, (char) 0x1eef,
			(char) 0x1ee9, (char) 0x1ef1, (char) 0x1ef3, (char) 0x1ef7, (char) 0x1ef9, (char) 0x00fd, (char) 0x1ef5, (char) 0x1ed0
	};

	private VietnameseText() {
	}

	/**
	 * Text typed in a TCVN3 font, in Unicode NFC. TCVN3 has no upper-case toned letters: the
	 * capitals fonts (.VnTimeH and the like) draw the lower-case codes as capitals, so
	 * {@code capitalsFont} says to upper-case the result.
	 */
	public static String fromTcvn3(String text, boolean capitalsFont) {
		StringBuilder out = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			out.append(c >= 0xA0 && c <= 0xFF ? TCVN3[c - 0xA0] : c);
		}
		String unicode = Normalizer.normalize(out, Normalizer.Form.NFC);
		return capitalsFont ? unicode.toUpperCase(Locale.forLanguageTag("vi")) : unicode;
	}

	/** Whether a font stores Vietnamese in TCVN3 (.VnTime, .VnArialH, ...). */
	public static boolean isTcvn3Font(String fontName) {
		return fontName != null && fontName.regionMatches(true, 0, ".Vn", 0, 3);
	}

	/** Whether a TCVN3 font is one of the capitals fonts, named with a final H. */
	public static boolean isTcvn3CapitalsFont(String fontName) {
		return isTcvn3Font(fontName) && fontName.endsWith("H");
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
