package vn.ictrank.model.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text as Vietnamese agencies type it: composed or decomposed ("Unicode tổ hợp"), any case,
 * stray spaces and punctuation. {@link #matchKey} reduces it to a key for comparing labels
 * and names; {@link #nfc} is what is stored and shown.
 *
 * <p>Forms typed before Unicode took over (and on machines that still keep the old fonts) hold
 * text in one of two legacy 8-bit encodings, told apart by the cell's font: TCVN3 (the .VnTime
 * family, {@link #fromTcvn3}), the national standard and the one used in the North, and
 * VNI-Windows (the VNI-Times family, {@link #fromVni}), the commercial encoding used in the South.
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

	/**
	 * VNI-Windows modifiers that add a tone to the letter before them, lower case then upper case,
	 * each in the order acute, grave, hook, tilde, dot below ("baù" for "bá", "YÕ" for "Ỹ").
	 */
	private static final String VNI_TONES = "ùøûõïÙØÛÕÏ";

	/**
	 * VNI-Windows modifiers that put a circumflex on the a, e or o before them, lower case then
	 * upper case, each bare and then with acute, grave, hook, tilde, dot below ("Vieät" for "Việt").
	 */
	private static final String VNI_CIRCUMFLEX = "âáàåãäÂÁÀÅÃÄ";

	/** VNI-Windows modifiers that put a breve on the a before them, in the order of {@link #VNI_CIRCUMFLEX} ("Naüng" for "Nẵng"). */
	private static final String VNI_BREVE = "êéèúüëÊÉÈÚÜË";

	/** The combining marks of the tones, bare first, in the order of the modifiers above. */
	private static final String[] TONE_MARKS = { "", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323" };

	/**
	 * VNI-Windows letters coded on their own ("Ñaø" for "Đà", "Sôû" for "Sở", "chò" for "chị"),
	 * and the letters they stand for, in {@link #VNI_LETTERS}.
	 */
	private static final String VNI_SINGLE = "ñôöíìæóòîÑÔÖÍÌÆÓÒÎ";

	private static final String VNI_LETTERS = "đơưíìỉĩịỵĐƠƯÍÌỈĨỊỴ";

	/** Letters that take a VNI tone modifier: the Vietnamese vowels but i, whose toned forms are coded on their own. */
	private static final String VNI_TONE_BASES = "aeouyơưAEOUYƠƯ";

	/** Letters other than the Vietnamese ones that Windows-1252, and so a VNI-Windows text, can hold. */
	private static final String WINDOWS_1252_LETTERS = "ŠšŒœŽžŸƒ";

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

	/** Whether a font stores Vietnamese in VNI-Windows: the VNI fonts are named "VNI-Times", "VNI-Helve", ... */
	public static boolean isVniFont(String fontName) {
		return fontName != null && fontName.regionMatches(true, 0, "VNI-", 0, 4);
	}

	/**
	 * Text typed in a VNI font, in Unicode NFC. VNI-Windows stores a Vietnamese letter as a Latin
	 * letter followed by a modifier that the font draws over it ("Vieät Nam" for "Việt Nam",
	 * "Thöôùc" for "Thước"), and a few letters as one code of their own (ñ for đ, ô for ơ, ö for ư,
	 * æ ó ò for ỉ ĩ ị, î for ỵ); upper-case letters take upper-case modifiers. The sequences are read
	 * longest first: a letter, then a circumflex or breve modifier (possibly toned), then a tone
	 * modifier if the letter has none yet. VNI itself never needs two modifiers on one letter, but a
	 * bare circumflex or breve followed by a tone ("oâù" for "ố") is read too. A modifier takes the
	 * case of the letter it follows, and anything that is not part of VNI is left as it is.
	 *
	 * <p>Unicode text given by mistake is returned as it is when it shows itself: a Vietnamese letter
	 * or combining mark that Windows-1252 cannot hold ("Nội", "Tiếng"), or a modifier with no letter
	 * to modify ("Hà", "tác", "Tên"), which VNI never writes. What cannot be told apart is Unicode
	 * whose only accented letters are also letters or sequences of VNI: "Công" or "Hòa" alone read as
	 * "Cơng" and "Hịa", and the old-style "hoà" as "hồ".
	 */
	public static String fromVni(String text) {
		String input = Normalizer.normalize(text, Normalizer.Form.NFC);
		StringBuilder out = new StringBuilder(input.length());
		int at = 0;
		while (at < input.length()) {
			char code = input.charAt(at++);
			if (code > 0xFF && (Character.isLetter(code) || Character.getType(code) == Character.NON_SPACING_MARK)
					&& WINDOWS_1252_LETTERS.indexOf(code) < 0) {
				return input;
			}
			if (isVniModifier(code)) {
				return input;
			}
			int single = VNI_SINGLE.indexOf(code);
			char letter = single >= 0 ? VNI_LETTERS.charAt(single) : code;
			char lower = Character.toLowerCase(letter);
			out.append(letter);
			boolean toned = false;
			int shape = at < input.length() && "aeo".indexOf(lower) >= 0 ? VNI_CIRCUMFLEX.indexOf(input.charAt(at)) : -1;
			String shapeMark = "\u0302";
			if (shape < 0 && at < input.length() && lower == 'a') {
				shape = VNI_BREVE.indexOf(input.charAt(at));
				shapeMark = "\u0306";
			}
			if (shape >= 0) {
				out.append(shapeMark).append(TONE_MARKS[shape % 6]);
				toned = shape % 6 != 0;
				at++;
			}
			int tone = !toned && at < input.length() && VNI_TONE_BASES.indexOf(letter) >= 0 ? VNI_TONES.indexOf(input.charAt(at)) : -1;
			if (tone >= 0) {
				out.append(TONE_MARKS[tone % 5 + 1]);
				at++;
			}
		}
		return Normalizer.normalize(out, Normalizer.Form.NFC);
	}

	private static boolean isVniModifier(char c) {
		return VNI_TONES.indexOf(c) >= 0 || VNI_CIRCUMFLEX.indexOf(c) >= 0 || VNI_BREVE.indexOf(c) >= 0;
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
