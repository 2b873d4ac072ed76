package vn.ictrank.ingest.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import vn.ictrank.forms.FormWorkbook;
import vn.ictrank.ingest.extraction.Attachment;
import vn.ictrank.ingest.extraction.Forms;
import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.CriteriaSet;

/** Mails built to break intake: each must end as an explained status, never a crash or a stall. */
final class HostileMails {

	/**
	 * One crafted mail.
	 * @param name short unique id like "zip-bomb-sheet"
	 * @param category what kind of attack it is
	 * @param raw the whole message, CRLF line ends
	 */
	record Hostile(String name, String category, byte[] raw) {
	}

	private static final String TO = "cntt.stttt@thanhhoa.gov.vn";

	private static final String CRLF = "\r\n";

	private static final String DATE = "Mon, 21 Nov 2016 08:00:00 +0700";

	private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private static final String XLS = "application/vnd.ms-excel";

	private static final String ZIP = "application/zip";

	private static final String OCTET = "application/octet-stream";

	private static final String GREETING = "Kính gửi Sở Thông tin và Truyền thông, đơn vị gửi phiếu tự đánh giá.";

	private static final int MB = 1 << 20;

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	/** DOS date of every zip entry written here (21 Nov 2016): POI stamps the time of writing, which would change the corpus. */
	private static final int ZIP_DATE = (36 << 9) | (11 << 5) | 21;

	/** The parts of a form workbook, with the short name each gets in a case name. */
	private static final Map<String, String> PARTS = parts();

	private final List<String> senders;

	private final List<Hostile> cases = new ArrayList<>();

	private final Set<String> names = new HashSet<>();

	private final Map<String, byte[]> made = new HashMap<>();

	private int boundaries;

	private HostileMails(List<String> senders) {
		if (senders.isEmpty()) {
			throw new IllegalArgumentException("at least one sender is needed");
		}
		this.senders = List.copyOf(senders);
	}

	/**
	 * Every case, in a fixed order, for a test that sends them all through SMTP and expects each to end as an
	 * explained rejection. Each From is one of {@code senders}, taken in turn, unless the case is about From; each
	 * Subject is "Hostile NAME" (cases about the Subject add to it after that); each Message-ID is
	 * "&lt;hostile-NAME@test&gt;" unless the case is about Message-IDs.
	 */
	static List<Hostile> all(List<String> senders) {
		HostileMails corpus = new HostileMails(senders);
		corpus.zipBombs();
		corpus.xxe();
		corpus.truncated();
		corpus.renamed();
		corpus.manyAndHuge();
		corpus.deepMime();
		corpus.hostileNames();
		corpus.bogusEncoding();
		corpus.absurdNumbers();
		corpus.misc();
		return List.copyOf(corpus.cases);
	}

	// ---- the cases ------------------------------------------------------------------------------------------

	private void zipBombs() {
		String cat = "zip-bomb";
		byte[] spaces = new byte[MB];
		Arrays.fill(spaces, (byte) ' ');
		for (String part : List.of("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml")) {
			attach("zip-bomb-" + PARTS.get(part) + "-200mb-spaces", cat,
					h -> xlsx(h, inflating(good(h).bytes(), part, spaces, 200, false, Sizes.DECLARED)));
		}
		attach("zip-bomb-sheet1-200mb-spaces-understated-size", cat,
				h -> xlsx(h, inflating(good(h).bytes(), "xl/worksheets/sheet1.xml", spaces, 200, false, Sizes.UNDERSTATED)));
		// Deflate gets about 1.3% on these digits, above the 1% POI refuses, so only a size limit stops them.
		attach("zip-bomb-sheet1-300mb-ratio-above-1pct", cat,
				h -> xlsx(h, inflating(good(h).bytes(), "xl/worksheets/sheet1.xml", lowEntropyDigits(), 300, true, Sizes.AFTER_DATA)));
		attach("zip-bomb-shared-strings-60mb-ratio-above-1pct", cat,
				h -> xlsx(h, inflating(good(h).bytes(), "xl/sharedStrings.xml", lowEntropyDigits(), 60, true, Sizes.DECLARED)));
		attach("zip-bomb-50000-entries", cat, h -> {
			ZipWriter zip = new ZipWriter();
			unzip(good(h).bytes()).forEach(zip::add);
			for (int i = 0; i < 50_000; i++) {
				zip.stored(Integer.toString(i, 36), new byte[0]);
			}
			return xlsx(h, zip.finish());
		});
		attach("zip-bomb-zip-1gb-of-zeros", cat,
				h -> file(ZIP, "Phieu tu danh gia.zip",
						new ZipWriter().repeated(good(h).fileName(), new byte[0], new byte[MB], 1024, new byte[0]).finish()));
		attach("zip-bomb-xlsx-bomb-inside-zip", cat, h -> file(ZIP, "Phieu tu danh gia.zip",
				new ZipWriter().stored(good(h).fileName(),
						inflating(good(h).bytes(), "xl/worksheets/sheet1.xml", spaces, 200, false, Sizes.DECLARED)).finish()));
		attach("zip-nested-20-deep", cat, h -> {
			byte[] inner = new ZipWriter().add(good(h).fileName(), good(h).bytes()).finish();
			for (int depth = 19; depth > 0; depth--) {
				inner = new ZipWriter().add("phieu-" + depth + ".zip", inner).finish();
			}
			return file(ZIP, "phieu-0.zip", inner);
		});
		attach("zip-overlapping-entries", cat, h -> {
			ZipWriter zip = new ZipWriter();
			unzip(good(h).bytes()).forEach(zip::add);
			ZipWriter.Listed sheet = zip.listed.stream().filter(e -> e.name().equals("xl/worksheets/sheet1.xml")).findFirst().orElseThrow();
			for (int i = 2; i <= 1001; i++) {
				zip.listed.add(new ZipWriter.Listed("xl/worksheets/sheet" + i + ".xml", sheet.flags(), sheet.method(), sheet.crc(),
						sheet.compressedSize(), sheet.size(), sheet.offset()));
			}
			return xlsx(h, zip.finish());
		});
		attach("zip-overlapping-crossed-names", cat, h -> {
			ZipWriter zip = new ZipWriter();
			unzip(good(h).bytes()).forEach(zip::add);
			List<ZipWriter.Listed> listed = new ArrayList<>(zip.listed);
			zip.listed.clear();
			for (int i = 0; i < listed.size(); i++) {
				ZipWriter.Listed at = listed.get((i + 1) % listed.size());
				zip.listed.add(new ZipWriter.Listed(listed.get(i).name(), at.flags(), at.method(), at.crc(), at.compressedSize(), at.size(),
						at.offset()));
			}
			return xlsx(h, zip.finish());
		});
		attach("zip-duplicate-sheet1", cat, h -> xlsx(h, duplicated(good(h).bytes(), "xl/worksheets/sheet1.xml",
				unzip(other(h)).get("xl/worksheets/sheet1.xml"))));
		attach("zip-duplicate-content-types", cat, h -> xlsx(h, duplicated(good(h).bytes(), "[Content_Types].xml",
				utf8(macroEnabled(new String(unzip(good(h).bytes()).get("[Content_Types].xml"), StandardCharsets.UTF_8))))));
		attach("zip-duplicate-sheet1-other-case", cat, h -> {
			ZipWriter zip = new ZipWriter();
			unzip(good(h).bytes()).forEach(zip::add);
			return xlsx(h, zip.add("xl/worksheets/Sheet1.xml", unzip(other(h)).get("xl/worksheets/sheet1.xml")).finish());
		});
	}

	private void xxe() {
		String laughs = laughs();
		for (Map.Entry<String, String> part : PARTS.entrySet()) {
			attach("xxe-file-" + part.getValue(), "xxe", h -> xlsx(h, edited(good(h).bytes(), part.getKey(),
					xml -> doctype(xml, " [<!ENTITY e SYSTEM \"file:///etc/passwd\">]", "&e;"))));
			attach("xxe-laughs-" + part.getValue(), "xxe", h -> xlsx(h, edited(good(h).bytes(), part.getKey(),
					xml -> doctype(xml, " [" + laughs + "]", "&lol9;"))));
		}
		attach("xxe-external-dtd-sheet1", "xxe", h -> xlsx(h, edited(good(h).bytes(), "xl/worksheets/sheet1.xml",
				xml -> doctype(xml, " SYSTEM \"http://127.0.0.1:9/hostile.dtd\"", null))));
		attach("xxe-parameter-entity-shared-strings", "xxe", h -> xlsx(h, edited(good(h).bytes(), "xl/sharedStrings.xml",
				xml -> doctype(xml, " [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/hostile.dtd\"> %p;]", null))));
	}

	private void truncated() {
		String cat = "truncated";
		for (int percent : new int[] { 10, 50, 90, 99 }) {
			attach("truncated-xlsx-" + percent + "pct", cat, h -> xlsx(h, cut(good(h).bytes(), good(h).bytes().length * percent / 100)));
			attach("truncated-xls-" + percent + "pct", cat, h -> file(XLS, xlsName(h), cut(xls(h), xls(h).length * percent / 100)));
		}
		attach("truncated-xlsx-minus-1-byte", cat, h -> xlsx(h, cut(good(h).bytes(), good(h).bytes().length - 1)));
		attach("truncated-xls-minus-1-byte", cat, h -> file(XLS, xlsName(h), cut(xls(h), xls(h).length - 1)));
		attach("truncated-xlsx-in-central-directory", cat, h -> xlsx(h, cut(good(h).bytes(), inCentralDirectory(good(h).bytes()))));
		attach("truncated-zip-in-central-directory", cat, h -> {
			byte[] zip = new ZipWriter().add(good(h).fileName(), good(h).bytes()).add("Cong van.pdf", Forms.pdf().bytes()).finish();
			return file(ZIP, "Phieu tu danh gia.zip", cut(zip, inCentralDirectory(zip)));
		});
	}

	private void renamed() {
		String cat = "renamed";
		attach("renamed-pdf-as-xlsx", cat, h -> file(XLSX, "Mau 01.xlsx", concat(Forms.pdf().bytes(), random(21, 2048), latin1("\n%%EOF\n"))));
		attach("renamed-png-as-xls", cat, h -> file(XLS, ".xls", concat(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
				0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1, 0, 0, 0, 1, 0, 8, 2, 0, 0, 0 }, random(22, 4096))));
		attach("renamed-elf-as-xlsx", cat, h -> file(XLSX, "Mau 01 - " + agency(h).name() + ".xlsx",
				concat(new byte[] { 0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0 }, random(23, 8192))));
		attach("renamed-exe-as-xlsx", cat, h -> file(XLSX, "Mau 01.xlsx", concat(latin1("MZ"), random(24, 58), new byte[] { (byte) 0x80, 0, 0, 0 },
				random(25, 64), latin1("PE\0\0"), random(26, 8192))));
		attach("renamed-html-as-xls", cat, h -> file(XLS, xlsName(h), utf8(html(h))));
		attach("renamed-spreadsheetml-2003-as-xls", cat, h -> file(XLS, xlsName(h), utf8(spreadsheetMl(h))));
		attach("renamed-csv-as-xlsx", cat, h -> {
			StringBuilder csv = new StringBuilder("\uFEFFSTT,Chỉ tiêu,Đơn vị tính,Số liệu\r\n");
			List<String[]> rows = rows(h);
			for (int i = 0; i < rows.size(); i++) {
				String[] row = rows.get(i);
				csv.append(i + 1).append(",\"").append(row[0]).append("\",").append(row[1]).append(',').append(row[2]).append(CRLF);
			}
			return xlsx(h, utf8(csv.toString()));
		});
		attach("renamed-docx-as-xlsx", cat, h -> xlsx(h, docx(h)));
		attach("renamed-random-as-xlsx", cat, h -> xlsx(h, random(27, 16_384)));
		attach("renamed-empty-xlsx", cat, h -> xlsx(h, new byte[0]));
		attach("renamed-xlsm-as-xlsx", cat, h -> xlsx(h, edited(good(h).bytes(), "[Content_Types].xml", HostileMails::macroEnabled)));
		attach("renamed-ole2-not-a-workbook-as-xls", cat, h -> file(XLS, xlsName(h), ole2(random(28, 12_000))));
		attach("renamed-gzip-as-xlsx", cat, h -> xlsx(h, gzip(good(h).bytes())));
	}

	private void manyAndHuge() {
		String cat = "many-huge";
		attach("huge-12mb-attachment", cat, h -> file(XLSX, "Mau 01 - so lieu day du.xlsx", random(31, 12 * MB)));
		// Each attachment stays under the 10 MB limit; together they make a 30 MB message.
		add("huge-30mb-mail", cat, h -> letter(file(XLSX, "Mau 01 - phan 1.xlsx", random(32, 7_300_000)),
				file(XLSX, "Mau 01 - phan 2.xlsx", random(33, 7_300_000)), file(XLSX, "Mau 01 - phan 3.xlsx", random(34, 7_300_000))));
		add("many-300-tiny-attachments", cat, h -> {
			List<byte[]> parts = new ArrayList<>();
			for (int i = 1; i <= 300; i++) {
				parts.add(file(i % 2 == 0 ? XLSX : OCTET, String.format("tep-%03d.xlsx", i), random(1000 + i, 1 + i % 40)));
			}
			return letter(parts.toArray(byte[][]::new));
		});
		add("many-300-broken-forms", cat, h -> {
			List<byte[]> parts = new ArrayList<>();
			for (int i = 1; i <= 300; i++) {
				parts.add(file(XLSX, good(h).fileName(), cut(good(h).bytes(), good(h).bytes().length / 10)));
			}
			return letter(parts.toArray(byte[][]::new));
		});
	}

	private void deepMime() {
		String cat = "deep-mime";
		add("deep-multipart-60-form", cat, h -> nested(letter(file(good(h))), 59));
		add("deep-multipart-2000", cat, h -> nested(letter(file(XLSX, good(h).fileName(), broken(h))), 1999));
		add("deep-rfc822-40-form", cat, h -> forwardedDeep(h, letter(file(good(h))), 40));
		add("deep-rfc822-500", cat, h -> forwardedDeep(h, letter(file(XLSX, good(h).fileName(), broken(h))), 500));
		add("mime-multipart-no-boundary", cat, h -> entity("Content-Type: multipart/mixed" + CRLF,
				bodyOf(letter(file(XLSX, good(h).fileName(), broken(h))))));
		add("mime-boundary-never-closes", cat, h -> entity("Content-Type: multipart/mixed; boundary=\"open\"" + CRLF,
				concat(latin1("--open" + CRLF), text(GREETING), latin1("--open" + CRLF), file(XLSX, good(h).fileName(), broken(h)))));
		add("mime-boundary-mismatch", cat, h -> entity("Content-Type: multipart/mixed; boundary=\"declared\"" + CRLF,
				concat(latin1("--actual" + CRLF), text(GREETING), latin1("--actual" + CRLF), file(XLSX, good(h).fileName(), broken(h)),
						latin1("--actual--" + CRLF))));
		add("mime-1000-empty-parts", cat, h -> entity("Content-Type: multipart/mixed; boundary=\"e\"" + CRLF,
				latin1(("--e" + CRLF + CRLF + CRLF).repeat(1000) + "--e--" + CRLF)));
		add("mime-part-header-never-ends-2mb", cat, h -> entity("Content-Type: multipart/mixed; boundary=\"h\"" + CRLF,
				concat(latin1("--h" + CRLF), text(GREETING), latin1("--h" + CRLF + "Content-Type: " + XLSX + "; name=\"Mau 01.xlsx\"" + CRLF
						+ "X-Filler: " + "a".repeat(2 * MB)))));
		add("mime-top-header-line-2mb", cat, h -> {
			h.extra = "X-Filler: " + "a".repeat(2 * MB) + CRLF;
			return letter(file(XLSX, good(h).fileName(), broken(h)));
		});
		add("mime-empty-multipart", cat, h -> entity("Content-Type: multipart/mixed; boundary=\"none\"" + CRLF, latin1("--none--" + CRLF)));
		// The inner boundary starts with the outer one: a parser matching "--p" as a prefix ends the outer part early.
		add("mime-boundary-prefix-of-inner", cat, h -> multipart("p", text(GREETING), multipart("p-inner", text("Phiếu đính kèm."),
				file(XLSX, good(h).fileName(), broken(h)))));
	}

	private void hostileNames() {
		String cat = "hostile-names";
		String rlo = "Mau01\u202Exslx.exe";
		String longName = "Phiếu tự đánh giá ".repeat(300).substring(0, 4995) + ".xlsx";
		// Case name, Content-Type parameters (null: none), Content-Disposition parameters.
		String[][] variants = {
				{ "name-rlo-exe", "name=\"=?UTF-8?B?" + b64(rlo) + "?=\"", "filename*=UTF-8''" + pct(rlo) },
				{ "name-lro-encoded-word", null, "filename=\"=?UTF-8?B?" + b64("\u202DMau 01\u202C.xlsx") + "?=\"" },
				{ "name-control-chars-rfc2231", null, "filename*=UTF-8''Mau%0001%01%07%1B%7F%0D%0A.xlsx" },
				{ "name-raw-nul-and-control-bytes", "name=\"Mau\u000001\u0007.xlsx\"", "filename=\"Mau\u000001\u0001\u0007\u001B\u007F.xlsx\"" },
				{ "name-crlf-in-encoded-word", null, "filename=\"=?UTF-8?Q?Mau01.xlsx=0D=0AContent-Type:_text/html?=\"" },
				{ "name-path-traversal", "name=\"../../../etc/passwd\"", "filename=\"../../../etc/passwd\"" },
				{ "name-path-traversal-windows", null, "filename*=UTF-8''" + pct("..\\..\\..\\Windows\\System32\\drivers\\etc\\hosts.xlsx") },
				{ "name-5000-chars", null, "filename=\"Mau 01 - " + "a".repeat(4986) + ".xlsx\"" },
				{ "name-5000-chars-rfc2231-continuations", null, continuations(longName) },
				{ "name-only-spaces", "name=\"     \"", "filename=\"     \"" },
				{ "name-empty", "name=\"\"", "filename=\"\"" },
				{ "name-rfc2231-bogus-charset", null, "filename*=x-no-such-charset''Mau%2001%20-%20S%E1%BB%9F.xlsx" },
				{ "name-rfc2047-invalid-base64", "name=\"=?UTF-8?B?!!!*not-base64*?=\"", "filename=\"=?UTF-8?B?!!!*not-base64*?=.xlsx\"" },
				{ "name-windows-device-con", null, "filename=\"con.xlsx\"" },
				{ "name-windows-device-aux", "name=\"aux\"", "filename=\"aux\"" }, };
		for (String[] v : variants) {
			attach(v[0], cat, h -> part(XLSX + (v[1] == null ? "" : "; " + v[1]), "attachment; " + v[2], good(h).bytes()));
		}
	}

	private void bogusEncoding() {
		String cat = "bogus-encoding";
		add("enc-bogus-charset-text", cat, h -> mixed(entity("Content-Type: text/plain; charset=x-no-such-charset" + CRLF
				+ "Content-Transfer-Encoding: base64" + CRLF, base64(utf8(GREETING))), file(XLSX, good(h).fileName(), broken(h))));
		attach("enc-bogus-charset-subject", cat, h -> {
			h.subject += " =?x-no-such-charset?B?" + b64("Phiếu tự đánh giá") + "?=";
			return file(XLSX, good(h).fileName(), broken(h));
		});
		attach("enc-cte-x-bogus-on-form", cat, h -> part(XLSX + "; name=\"Mau 01.xlsx\"", "attachment; filename=\"Mau 01.xlsx\"", "x-bogus",
				base64(good(h).bytes())));
		attach("enc-base64-garbage", cat, h -> {
			StringBuilder body = new StringBuilder();
			for (String line : Base64.getMimeEncoder().encodeToString(good(h).bytes()).split(CRLF)) {
				body.append("!*#Zz9").append(line).append(CRLF);
			}
			return part(XLSX + "; name=\"Mau 01.xlsx\"", "attachment; filename=\"Mau 01.xlsx\"", "base64", latin1(body.toString()));
		});
		attach("enc-base64-partial-quantum", cat, h -> {
			String encoded = Base64.getMimeEncoder().encodeToString(broken(h));
			return part(XLSX + "; name=\"Mau 01.xlsx\"", "attachment; filename=\"Mau 01.xlsx\"", "base64",
					latin1(encoded.substring(0, encoded.length() - 3) + CRLF));
		});
		add("enc-quoted-printable-broken-soft-breaks", cat, h -> mixed(
				entity("Content-Type: text/plain; charset=UTF-8" + CRLF + "Content-Transfer-Encoding: quoted-printable" + CRLF,
						brokenQuotedPrintable(utf8(GREETING.repeat(4)))),
				part(XLSX + "; name=\"Mau 01.xlsx\"", "attachment; filename=\"Mau 01.xlsx\"", "quoted-printable",
						brokenQuotedPrintable(broken(h)))));
		attach("enc-8bit-utf8-headers", cat, h -> {
			h.from = raw8("\"" + agency(h).name() + "\" <" + h.sender + ">");
			h.subject += " " + raw8("Phiếu tự đánh giá năm 2016");
			return file(XLSX, good(h).fileName(), broken(h));
		});
		attach("enc-8bit-invalid-bytes-in-headers", cat, h -> {
			h.from = "\"S\u00F5 N\u00F4i v\u00FB \u00C3\u0028\" <" + h.sender + ">";
			h.subject += " \u00C3\u0028\u00FF\u00FE\u0080 Phi\u00EAu";
			h.extra = "X-Nul: a\u0000b\u0080" + CRLF;
			return file(XLSX, good(h).fileName(), broken(h));
		});
		attach("enc-subject-200kb", cat, h -> {
			h.subject += " " + "phieu tu danh gia ".repeat(200 * 1024 / 18);
			return file(XLSX, good(h).fileName(), broken(h));
		});
		attach("enc-from-not-an-address", cat, h -> {
			h.from = "So Noi vu (khong ghi dia chi)";
			return file(XLSX, good(h).fileName(), broken(h));
		});
		attach("enc-from-garbage", cat, h -> {
			h.from = "<<>>@@,,;;\"unterminated <@> ,,";
			return file(XLSX, good(h).fileName(), broken(h));
		});
		attach("enc-from-missing", cat, h -> {
			h.from = null;
			return file(XLSX, good(h).fileName(), broken(h));
		});
		attach("enc-date-garbage", cat, h -> {
			h.date = "99 Foo 99999 99:99:99 +9999";
			return file(XLSX, good(h).fileName(), broken(h));
		});
		add("enc-content-type-garbage", cat, h -> entity("Content-Type: ;;;=\"\"\"; boundary=" + CRLF,
				bodyOf(letter(file(XLSX, good(h).fileName(), broken(h))))));
		attach("msgid-at-sign", cat, h -> {
			h.messageId = "@";
			return file(XLSX, good(h).fileName(), broken(h));
		});
		attach("msgid-10kb", cat, h -> {
			h.messageId = "<" + "a".repeat(10 * 1024) + "@test>";
			return file(XLSX, good(h).fileName(), broken(h));
		});
		attach("msgid-missing", cat, h -> {
			h.messageId = null;
			return file(XLSX, good(h).fileName(), broken(h));
		});
		attach("msgid-duplicate-first", cat, h -> {
			h.messageId = "<hostile-msgid-duplicate@test>";
			return file(XLSX, good(h).fileName(), broken(h));
		});
		add("msgid-duplicate-second", cat, h -> {
			h.messageId = "<hostile-msgid-duplicate@test>";
			return mixed(text("Gửi lại, thư trước thiếu tệp."), file(Forms.pdf()));
		});
	}

	private void absurdNumbers() {
		Map<String, String> texts = new LinkedHashMap<>();
		texts.put("1e100000000", "1e100000000");
		texts.put("neg-1e-600000000", "-1e-600000000");
		texts.put("1e-600000000", "1e-600000000");
		texts.put("nan", "NaN");
		texts.put("infinity", "Infinity");
		texts.put("400-nines", "9".repeat(400));
		texts.put("comma-list", "1,2,3,4");
		texts.put("hex", "0x1F");
		texts.put("fullwidth-digits", "１２３");
		// Longer than the 32,767 characters Excel (and POI) allow in a cell.
		texts.put("40000-chars", "số liệu chưa tổng hợp ".repeat(2000).substring(0, 40_000));
		texts.forEach((name, text) -> absurd("absurd-text-" + name, text, null, null));
		double[] numbers = { Double.MAX_VALUE, -0.0, 1e308, 4.9e-324 };
		String[] numberNames = { "double-max", "negative-zero", "1e308", "min-subnormal" };
		for (int i = 0; i < numbers.length; i++) {
			absurd("absurd-number-" + numberNames[i], null, "n", String.valueOf(numbers[i]));
		}
		absurd("absurd-error-div0", null, "e", "#DIV/0!");
		absurd("absurd-raw-number-1e100000000", null, "n", "1e100000000");
		absurd("absurd-raw-number-nan", null, "n", "NaN");
	}

	private void misc() {
		attach("misc-winmail-dat-random", "misc", h -> part("application/ms-tnef; name=\"winmail.dat\"", "attachment; filename=\"winmail.dat\"",
				random(41, 4096)));
		attach("misc-winmail-dat-tnef-signature", "misc", h -> part("application/ms-tnef; name=\"winmail.dat\"",
				"attachment; filename=\"winmail.dat\"", concat(new byte[] { 0x78, (byte) 0x9F, 0x3E, 0x22, 0, 0 }, random(42, 8192))));
		attach("misc-password-protected-xlsx", "misc", h -> xlsx(h, encrypted(good(h).bytes())));
		attach("misc-eml-as-octet-stream", "misc", h -> part(OCTET + "; name=\"Fwd Phieu.eml\"", "attachment; filename=\"Fwd Phieu.eml\"",
				message(h.sender, "Phieu tu danh gia", letter(file(good(h))))));
		attach("zip-good-and-broken-form", "container-good", h -> file(ZIP, "Phieu tu danh gia.zip",
				new ZipWriter().add(good(h).fileName(), good(h).bytes()).add("Mau 01 - ban cu.xlsx", broken(h)).finish()));
	}

	// ---- mail assembly ---------------------------------------------------------------------------------------

	/** The top-level header of one case; values are byte strings (one char a byte), {@code null} leaves a field out. */
	private static final class Head {

		final String sender;

		String from;

		String subject;

		String date = DATE;

		String messageId;

		String extra = "";

		Head(String name, String sender) {
			this.sender = sender;
			this.from = sender;
			this.subject = "Hostile " + name;
			this.messageId = "<hostile-" + name + "@test>";
		}

		String render() {
			return (this.from == null ? "" : "From: " + this.from + CRLF) + "To: " + TO + CRLF
					+ (this.subject == null ? "" : "Subject: " + this.subject + CRLF) + "Date: " + this.date + CRLF
					+ (this.messageId == null ? "" : "Message-ID: " + this.messageId + CRLF) + "MIME-Version: 1.0" + CRLF + this.extra;
		}
	}

	/** Adds a case whose body {@code body} builds; the body is a MIME entity, its own header lines first. */
	private void add(String name, String category, Function<Head, byte[]> body) {
		if (!this.names.add(name)) {
			throw new IllegalStateException("two cases named " + name);
		}
		Head head = new Head(name, this.senders.get(this.cases.size() % this.senders.size()));
		byte[] entity = body.apply(head);
		this.cases.add(new Hostile(name, category, concat(latin1(head.render()), entity)));
	}

	/** Adds a case that is a short letter with the one attachment {@code file} builds. */
	private void attach(String name, String category, Function<Head, byte[]> file) {
		add(name, category, h -> letter(file.apply(h)));
	}

	private byte[] letter(byte[]... attachments) {
		byte[][] parts = new byte[attachments.length + 1][];
		parts[0] = text(GREETING);
		System.arraycopy(attachments, 0, parts, 1, attachments.length);
		return mixed(parts);
	}

	private byte[] mixed(byte[]... parts) {
		return multipart("=_hostile_" + (++this.boundaries), parts);
	}

	private static byte[] multipart(String boundary, byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(latin1("Content-Type: multipart/mixed; boundary=\"" + boundary + "\"" + CRLF + CRLF));
		for (byte[] part : parts) {
			out.writeBytes(latin1("--" + boundary + CRLF));
			out.writeBytes(part);
			if (part.length < 2 || part[part.length - 2] != '\r' || part[part.length - 1] != '\n') {
				out.writeBytes(latin1(CRLF));
			}
		}
		out.writeBytes(latin1("--" + boundary + "--" + CRLF));
		return out.toByteArray();
	}

	private byte[] nested(byte[] entity, int levels) {
		for (int i = 0; i < levels; i++) {
			entity = mixed(entity);
		}
		return entity;
	}

	/** {@code entity} in a message forwarded inside a message, {@code depth} messages deep. */
	private byte[] forwardedDeep(Head h, byte[] entity, int depth) {
		byte[] message = message(h.sender, "Phieu tu danh gia", entity);
		for (int i = 1; i < depth; i++) {
			message = message(h.sender, "Fwd: " + i, mixed(text("Chuyển tiếp."), forwarded(message)));
		}
		return mixed(text("Chuyển tiếp."), forwarded(message));
	}

	private static byte[] forwarded(byte[] message) {
		return entity("Content-Type: message/rfc822" + CRLF + "Content-Disposition: inline" + CRLF, message);
	}

	private static byte[] message(String from, String subject, byte[] entity) {
		return concat(latin1("From: " + from + CRLF + "To: " + TO + CRLF + "Subject: " + subject + CRLF + "Date: " + DATE + CRLF
				+ "MIME-Version: 1.0" + CRLF), entity);
	}

	/** A MIME entity: {@code headers} (each line ending in CRLF), a blank line, then {@code body}. */
	private static byte[] entity(String headers, byte[] body) {
		return concat(latin1(headers + CRLF), body);
	}

	/** What follows the header block of {@code entity}. */
	private static byte[] bodyOf(byte[] entity) {
		for (int i = 0; i + 3 < entity.length; i++) {
			if (entity[i] == '\r' && entity[i + 1] == '\n' && entity[i + 2] == '\r' && entity[i + 3] == '\n') {
				return Arrays.copyOfRange(entity, i + 4, entity.length);
			}
		}
		throw new IllegalArgumentException("no header block");
	}

	private static byte[] text(String text) {
		return entity("Content-Type: text/plain; charset=UTF-8" + CRLF + "Content-Transfer-Encoding: base64" + CRLF, base64(utf8(text)));
	}

	private static byte[] file(Attachment attachment) {
		return file(attachment.contentType(), attachment.fileName(), attachment.bytes());
	}

	/** An attachment named the way mail clients name it: quoted when plain ASCII, RFC 2231 and 2047 otherwise. */
	private static byte[] file(String type, String name, byte[] data) {
		boolean plain = name.chars().allMatch(c -> c >= 0x20 && c < 0x7F && c != '"' && c != '\\');
		return part(type + "; name=" + (plain ? "\"" + name + "\"" : "\"=?UTF-8?B?" + b64(name) + "?=\""),
				"attachment; " + (plain ? "filename=\"" + name + "\"" : "filename*=UTF-8''" + pct(name)), data);
	}

	private byte[] xlsx(Head h, byte[] data) {
		return file(XLSX, good(h).fileName(), data);
	}

	private static byte[] part(String contentType, String disposition, byte[] data) {
		return part(contentType, disposition, "base64", base64(data));
	}

	private static byte[] part(String contentType, String disposition, String transferEncoding, byte[] encoded) {
		return entity("Content-Type: " + contentType + CRLF + "Content-Disposition: " + disposition + CRLF + "Content-Transfer-Encoding: "
				+ transferEncoding + CRLF, encoded);
	}

	/** A file name longer than a header line, split into RFC 2231 continuations of about 60 characters. */
	private static String continuations(String name) {
		String encoded = pct(name);
		StringBuilder out = new StringBuilder();
		for (int i = 0, n = 0; i < encoded.length(); n++) {
			int end = Math.min(encoded.length(), i + 60);
			int escape = encoded.lastIndexOf('%', end - 1);
			if (end < encoded.length() && escape > end - 3) {
				end = escape; // never split a %XX
			}
			out.append(n == 0 ? "" : ";" + CRLF + " ").append("filename*").append(n).append("*=").append(n == 0 ? "UTF-8''" : "")
				.append(encoded, i, end);
			i = end;
		}
		return out.toString();
	}

	/** Quoted-printable as a careless encoder writes it: soft line breaks bent into bare CR, bare LF and stray "=". */
	private static byte[] brokenQuotedPrintable(byte[] data) {
		StringBuilder out = new StringBuilder();
		int line = 0;
		int breaks = 0;
		for (byte b : data) {
			int c = b & 0xFF;
			String piece = c >= 33 && c <= 126 && c != '=' ? String.valueOf((char) c) : "=" + HEX[c >> 4] + HEX[c & 15];
			if (line + piece.length() > 75) {
				out.append(switch (breaks++ % 4) {
					case 0 -> "=" + CRLF;
					case 1 -> "=\r";
					case 2 -> "=\n";
					default -> "=Z" + CRLF;
				});
				line = 0;
			}
			out.append(piece);
			line += piece.length();
		}
		return latin1(out + "=" + CRLF);
	}

	// ---- forms and files -------------------------------------------------------------------------------------

	private Agency agency(Head h) {
		return Forms.CAMPAIGN.agencyBySender(h.sender).orElse(Forms.department());
	}

	/** The form the sender's agency should send, filled in and valid. */
	private Attachment good(Head h) {
		Agency agency = agency(h);
		byte[] bytes = this.made.computeIfAbsent("good:" + agency.id(),
				k -> normalized(Forms.filled(agency, Forms.figures(agency.group(), 7)).bytes()));
		return Forms.xlsx(FormWorkbook.fileName(Forms.CAMPAIGN, agency.group(), agency), bytes);
	}

	/** The same form with other figures. */
	private byte[] other(Head h) {
		Agency agency = agency(h);
		return this.made.computeIfAbsent("other:" + agency.id(), k -> normalized(Forms.filled(agency, Forms.figures(agency.group(), 99)).bytes()));
	}

	/** The good form cut to a third: no workbook reader can open it. */
	private byte[] broken(Head h) {
		byte[] good = good(h).bytes();
		return Arrays.copyOf(good, good.length / 3);
	}

	private String xlsName(Head h) {
		return good(h).fileName().replaceAll("\\.xlsx$", ".xls");
	}

	/** The good form's cells copied into an Excel 97-2003 workbook. */
	private byte[] xls(Head h) {
		return this.made.computeIfAbsent("xls:" + agency(h).id(), k -> {
			try (XSSFWorkbook source = new XSSFWorkbook(new ByteArrayInputStream(good(h).bytes()));
					HSSFWorkbook target = new HSSFWorkbook();
					ByteArrayOutputStream out = new ByteArrayOutputStream()) {
				Sheet from = source.getSheetAt(0);
				Sheet to = target.createSheet(from.getSheetName());
				for (Row row : from) {
					Row copy = to.createRow(row.getRowNum());
					for (Cell cell : row) {
						switch (cell.getCellType()) {
							case NUMERIC -> copy.createCell(cell.getColumnIndex()).setCellValue(cell.getNumericCellValue());
							case STRING -> copy.createCell(cell.getColumnIndex()).setCellValue(cell.getStringCellValue());
							default -> {
							}
						}
					}
				}
				target.write(out);
				return out.toByteArray();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/**
	 * The good form with the value cells of an integer input (tong_cbccvc) and of the first decimal input rewritten
	 * in the sheet XML: to {@code text} as a shared string, the way Excel writes typed text, or else to a cell of
	 * {@code type} holding {@code value} as written.
	 */
	private void absurd(String name, String text, String type, String value) {
		attach(name, "absurd-numbers", h -> {
			Map<String, byte[]> parts = unzip(good(h).bytes());
			String cellType = type;
			String cellValue = value;
			if (text != null) {
				String strings = new String(parts.get("xl/sharedStrings.xml"), StandardCharsets.UTF_8);
				Matcher count = Pattern.compile(" count=\"(\\d+)\" uniqueCount=\"(\\d+)\"").matcher(strings);
				if (!count.find()) {
					throw new IllegalStateException("no counts in sharedStrings.xml");
				}
				cellType = "s";
				cellValue = count.group(2);
				strings = strings.replace(count.group(), " count=\"" + (Integer.parseInt(count.group(1)) + 2) + "\" uniqueCount=\""
						+ (Integer.parseInt(count.group(2)) + 1) + "\"").replace("</sst>", "<si><t>" + text + "</t></si></sst>");
				parts.put("xl/sharedStrings.xml", utf8(strings));
			}
			List<CriteriaSet.Input> inputs = Forms.CAMPAIGN.form(agency(h).group()).criteria().inputs();
			String sheet = new String(parts.get("xl/worksheets/sheet1.xml"), StandardCharsets.UTF_8);
			for (CriteriaSet.Input input : List.of(inputs.stream().filter(i -> i.id().equals("tong_cbccvc")).findFirst().orElseThrow(),
					inputs.stream().filter(i -> i.type() == CriteriaSet.InputType.DECIMAL).findFirst().orElseThrow())) {
				String ref = "D" + (9 + inputs.indexOf(input));
				Matcher cell = Pattern.compile("<c r=\"" + ref + "\"( s=\"\\d+\")?[^>]*?(/>|>.*?</c>)").matcher(sheet);
				if (!cell.find()) {
					throw new IllegalStateException("no cell " + ref);
				}
				sheet = sheet.substring(0, cell.start()) + "<c r=\"" + ref + "\"" + Objects.toString(cell.group(1), "") + " t=\"" + cellType
						+ "\"><v>" + cellValue + "</v></c>" + sheet.substring(cell.end());
			}
			parts.put("xl/worksheets/sheet1.xml", utf8(sheet));
			return xlsx(h, zip(parts));
		});
	}

	/** Labels, units and values of the sender's form, for the formats that are not workbooks. */
	private List<String[]> rows(Head h) {
		Agency agency = agency(h);
		Map<String, Object> figures = Forms.figures(agency.group(), 7);
		List<String[]> rows = new ArrayList<>();
		for (CriteriaSet.Input input : Forms.CAMPAIGN.form(agency.group()).criteria().inputs()) {
			Object value = figures.get(input.id());
			rows.add(new String[] { input.label(), input.unit(),
					value instanceof Boolean yes ? (yes ? "Có" : "Không") : String.valueOf(value) });
		}
		return rows;
	}

	/** The form as an old web export saves it: an HTML table with an .xls name. */
	private String html(Head h) {
		StringBuilder html = new StringBuilder("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
				+ "xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><head><meta charset=\"utf-8\"></head><body><table>"
				+ "<tr><td>Tên cơ quan, đơn vị:</td><td>" + agency(h).name() + "</td></tr>");
		for (String[] row : rows(h)) {
			html.append("<tr><td>").append(row[0]).append("</td><td>").append(row[1]).append("</td><td>").append(row[2]).append("</td></tr>");
		}
		return html.append("</table></body></html>").toString();
	}

	private String spreadsheetMl(Head h) {
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><?mso-application progid=\"Excel.Sheet\"?>"
				+ "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">"
				+ "<Worksheet ss:Name=\"Mau 01\"><Table>");
		for (String[] row : rows(h)) {
			xml.append("<Row>");
			for (String cell : row) {
				xml.append("<Cell><Data ss:Type=\"String\">").append(cell).append("</Data></Cell>");
			}
			xml.append("</Row>");
		}
		return xml.append("</Table></Worksheet></Workbook>").toString();
	}

	/** A minimal valid Word document holding the form's labels. */
	private byte[] docx(Head h) {
		StringBuilder body = new StringBuilder();
		for (String[] row : rows(h)) {
			body.append("<w:p><w:r><w:t>").append(row[0]).append(": ").append(row[2]).append("</w:t></w:r></w:p>");
		}
		return new ZipWriter()
			.add("[Content_Types].xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
					+ "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
					+ "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
					+ "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
					+ "<Override PartName=\"/word/document.xml\" "
					+ "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"))
			.add("_rels/.rels", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
					+ "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
					+ "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
					+ "</Relationships>"))
			.add("word/document.xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
					+ "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" + body
					+ "</w:body></w:document>"))
			.finish();
	}

	private static String macroEnabled(String contentTypes) {
		return contentTypes.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
				"application/vnd.ms-excel.sheet.macroEnabled.main+xml");
	}

	/** An OLE2 compound file holding one stream, as Word 97 documents do: not a workbook. */
	private static byte[] ole2(byte[] wordDocument) {
		try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			fs.createDocument(new ByteArrayInputStream(wordDocument), "WordDocument");
			fs.writeFilesystem(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code xlsx} encrypted the way Excel does when a password is set; salts are fixed so the bytes are too. */
	private static byte[] encrypted(byte[] xlsx) {
		try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
			Random random = new Random(43);
			encryptor.confirmPassword("matkhau2016", bytes(random, 16), bytes(random, 16), bytes(random, 16), bytes(random, 16),
					bytes(random, 64));
			try (OutputStream data = encryptor.getDataStream(fs)) {
				data.write(xlsx);
			}
			fs.writeFilesystem(out);
			return out.toByteArray();
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] gzip(byte[] data) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(data);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		byte[] bytes = out.toByteArray();
		bytes[4] = bytes[5] = bytes[6] = bytes[7] = 0; // the gzip header's modification time
		return bytes;
	}

	// ---- zip -------------------------------------------------------------------------------------------------

	/** How an entry's size is given in its local header. */
	private enum Sizes {
		/** As it is. */
		DECLARED,
		/** Left 0, with a data descriptor after the data: a streaming reader learns the size only by inflating. */
		AFTER_DATA,
		/** As a few kilobytes, here and in the central directory, whatever the entry inflates to. */
		UNDERSTATED
	}

	/** Writes zip files byte by byte, so that entries may repeat, overlap, or inflate to far more than they hold. */
	private static final class ZipWriter {

		record Listed(String name, int flags, int method, long crc, long compressedSize, long size, long offset) {
		}

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		/** The central directory to write: change it before {@link #finish()} to make it lie. */
		final List<Listed> listed = new ArrayList<>();

		/** How the entries written next give their sizes. */
		Sizes sizes = Sizes.DECLARED;

		ZipWriter add(String name, byte[] content) {
			return entry(name, 8, crc(content), deflate(content, true), content.length);
		}

		ZipWriter stored(String name, byte[] content) {
			return entry(name, 0, crc(content), content, content.length);
		}

		/** An entry of {@code prefix}, {@code chunk} {@code times} over, then {@code suffix}, compressed without holding it whole. */
		ZipWriter repeated(String name, byte[] prefix, byte[] chunk, int times, byte[] suffix) {
			CRC32 crc = new CRC32();
			crc.update(prefix);
			byte[] packed = deflate(chunk, false);
			ByteArrayOutputStream data = new ByteArrayOutputStream(packed.length * times + 65_536);
			data.writeBytes(deflate(prefix, false));
			for (int i = 0; i < times; i++) {
				crc.update(chunk);
				data.writeBytes(packed);
			}
			crc.update(suffix);
			data.writeBytes(deflate(suffix, true));
			return entry(name, 8, crc.getValue(), data.toByteArray(), prefix.length + (long) chunk.length * times + suffix.length);
		}

		ZipWriter entry(String name, int method, long crc, byte[] data, long size) {
			long offset = this.out.size();
			byte[] n = utf8(name);
			long stated = this.sizes == Sizes.UNDERSTATED ? Math.min(size, 8192) : size;
			boolean after = this.sizes == Sizes.AFTER_DATA;
			le(0x04034b50, 4, 20, 2, after ? 0x0808 : 0x0800, 2, method, 2, 0, 2, ZIP_DATE, 2, after ? 0 : crc, 4, after ? 0 : data.length, 4,
					after ? 0 : stated, 4, n.length, 2, 0, 2);
			this.out.writeBytes(n);
			this.out.writeBytes(data);
			if (after) {
				le(0x08074b50, 4, crc, 4, data.length, 4, size, 4);
			}
			this.listed.add(new Listed(name, after ? 0x0808 : 0x0800, method, crc, data.length, stated, offset));
			return this;
		}

		byte[] finish() {
			long start = this.out.size();
			for (Listed e : this.listed) {
				byte[] n = utf8(e.name());
				le(0x02014b50, 4, 20, 2, 20, 2, e.flags(), 2, e.method(), 2, 0, 2, ZIP_DATE, 2, e.crc(), 4, e.compressedSize(), 4, e.size(), 4,
						n.length, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 4, e.offset(), 4);
				this.out.writeBytes(n);
			}
			le(0x06054b50, 4, 0, 2, 0, 2, this.listed.size(), 2, this.listed.size(), 2, this.out.size() - start, 4, start, 4, 0, 2);
			return this.out.toByteArray();
		}

		/** Little-endian fields, given as value, width, value, width... */
		private void le(long... fields) {
			for (int f = 0; f < fields.length; f += 2) {
				for (int i = 0; i < fields[f + 1]; i++) {
					this.out.write((int) (fields[f] >>> (8 * i)) & 0xFF);
				}
			}
		}
	}

	/**
	 * Raw deflate at level 9. A stream that does not end here is flushed to a byte boundary, so that streams of
	 * separate deflaters put end to end make one valid stream (none refers back to data of another).
	 */
	private static byte[] deflate(byte[] data, boolean last) {
		Deflater deflater = new Deflater(9, true);
		try {
			deflater.setInput(data);
			ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 8 + 64);
			byte[] buffer = new byte[65_536];
			if (last) {
				deflater.finish();
				while (!deflater.finished()) {
					out.write(buffer, 0, deflater.deflate(buffer));
				}
			}
			else {
				int n;
				do {
					n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
					out.write(buffer, 0, n);
				}
				while (n == buffer.length);
			}
			return out.toByteArray();
		}
		finally {
			deflater.end();
		}
	}

	private static long crc(byte[] data) {
		CRC32 crc = new CRC32();
		crc.update(data);
		return crc.getValue();
	}

	private static Map<String, byte[]> unzip(byte[] zip) {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				entries.put(entry.getName(), in.readAllBytes());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return entries;
	}

	private static byte[] zip(Map<String, byte[]> entries) {
		ZipWriter zip = new ZipWriter();
		entries.forEach(zip::add);
		return zip.finish();
	}

	/** {@code xlsx} rewritten with fixed dates, so that the same form gives the same bytes on every run. */
	private static byte[] normalized(byte[] xlsx) {
		return edited(xlsx, "docProps/core.xml",
				xml -> xml.replaceAll("(<dcterms:(created|modified)[^>]*>)[^<]*", "$12016-11-21T01:00:00Z"));
	}

	private static byte[] edited(byte[] xlsx, String part, UnaryOperator<String> edit) {
		Map<String, byte[]> entries = unzip(xlsx);
		entries.put(part, utf8(edit.apply(new String(entries.get(part), StandardCharsets.UTF_8))));
		return zip(entries);
	}

	/** {@code xlsx} with a second entry named {@code part} holding {@code content}, after the first. */
	private static byte[] duplicated(byte[] xlsx, String part, byte[] content) {
		ZipWriter zip = new ZipWriter();
		unzip(xlsx).forEach((name, data) -> {
			zip.add(name, data);
			if (name.equals(part)) {
				zip.add(name, content);
			}
		});
		return zip.finish();
	}

	/** {@code xlsx} with {@code part} padded, just inside its root element, by {@code chunk} {@code times} over. */
	private static byte[] inflating(byte[] xlsx, String part, byte[] chunk, int times, boolean asComment, Sizes sizes) {
		ZipWriter zip = new ZipWriter();
		unzip(xlsx).forEach((name, data) -> {
			if (name.equals(part)) {
				String xml = new String(data, StandardCharsets.UTF_8);
				int at = rootStartEnd(xml);
				zip.sizes = sizes;
				zip.repeated(name, utf8(xml.substring(0, at) + (asComment ? "<!--" : "")), chunk, times,
						utf8((asComment ? "-->" : "") + xml.substring(at)));
				zip.sizes = Sizes.DECLARED;
			}
			else {
				zip.add(name, data);
			}
		});
		return zip.finish();
	}

	/** A megabyte of digits, mostly a repeating run with random ones sprinkled in, that deflates to about 1.3%. */
	private static byte[] lowEntropyDigits() {
		Random random = new Random(42);
		byte[] chunk = new byte[MB];
		for (int i = 0; i < chunk.length; i++) {
			chunk[i] = (byte) ('0' + i % 10);
		}
		for (int i = 0; i < chunk.length; i += 1 + random.nextInt(320)) {
			chunk[i] = (byte) ('0' + random.nextInt(4));
		}
		return chunk;
	}

	/** Where a cut lands inside the central directory of {@code zip}. */
	private static int inCentralDirectory(byte[] zip) {
		for (int i = zip.length - 22; i >= 0; i--) {
			if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 5 && zip[i + 3] == 6) {
				int start = (zip[i + 16] & 0xFF) | (zip[i + 17] & 0xFF) << 8 | (zip[i + 18] & 0xFF) << 16 | (zip[i + 19] & 0xFF) << 24;
				return start + (i - start) / 2;
			}
		}
		throw new IllegalArgumentException("not a zip");
	}

	// ---- XML -------------------------------------------------------------------------------------------------

	/** {@code xml} with a DOCTYPE ending in {@code declaration}, and {@code reference} put in its first text. */
	private static String doctype(String xml, String declaration, String reference) {
		int prolog = xml.startsWith("<?xml") ? xml.indexOf("?>") + 2 : 0;
		int root = rootStart(xml);
		String name = xml.substring(root + 1).split("[\\s/>]", 2)[0];
		String typed = xml.substring(0, prolog) + "<!DOCTYPE " + name + declaration + ">" + xml.substring(prolog);
		if (reference == null) {
			return typed;
		}
		Matcher text = Pattern.compile("<(t|Application|dc:creator)( [^>]*)?>").matcher(typed);
		int at = text.find() ? text.end() : rootStartEnd(typed);
		return typed.substring(0, at) + reference + typed.substring(at);
	}

	private static int rootStart(String xml) {
		int i = xml.indexOf('<');
		while (xml.charAt(i + 1) == '?' || xml.charAt(i + 1) == '!') {
			i = xml.indexOf('<', i + 1);
		}
		return i;
	}

	private static int rootStartEnd(String xml) {
		return xml.indexOf('>', rootStart(xml)) + 1;
	}

	/** Nine levels of ten references each: a billion "lol"s from a few hundred bytes. */
	private static String laughs() {
		StringBuilder entities = new StringBuilder("<!ENTITY lol \"lol\">");
		for (int i = 1; i <= 9; i++) {
			entities.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
		}
		return entities.toString();
	}

	private static Map<String, String> parts() {
		Map<String, String> parts = new LinkedHashMap<>();
		parts.put("[Content_Types].xml", "content-types");
		parts.put("_rels/.rels", "rels");
		parts.put("xl/workbook.xml", "workbook");
		parts.put("xl/_rels/workbook.xml.rels", "workbook-rels");
		parts.put("xl/worksheets/sheet1.xml", "sheet1");
		parts.put("xl/sharedStrings.xml", "shared-strings");
		parts.put("xl/styles.xml", "styles");
		parts.put("docProps/core.xml", "core");
		parts.put("docProps/app.xml", "app");
		return parts;
	}

	// ---- bytes -----------------------------------------------------------------------------------------------

	private static byte[] latin1(String s) {
		return s.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static byte[] utf8(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	/** {@code s} as raw UTF-8 bytes in a byte string, for 8-bit header text. */
	private static String raw8(String s) {
		return new String(utf8(s), StandardCharsets.ISO_8859_1);
	}

	private static String b64(String s) {
		return Base64.getEncoder().encodeToString(utf8(s));
	}

	/** RFC 2231 percent-encoding of the UTF-8 bytes of {@code s}. */
	private static String pct(String s) {
		StringBuilder out = new StringBuilder();
		for (byte b : utf8(s)) {
			int c = b & 0xFF;
			if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
				out.append((char) c);
			}
			else {
				out.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
			}
		}
		return out.toString();
	}

	private static byte[] base64(byte[] data) {
		return concat(Base64.getMimeEncoder().encode(data), latin1(CRLF));
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(Arrays.stream(parts).mapToInt(p -> p.length).sum());
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static byte[] cut(byte[] data, int length) {
		return Arrays.copyOf(data, length);
	}

	private static byte[] random(long seed, int size) {
		return bytes(new Random(seed), size);
	}

	private static byte[] bytes(Random random, int size) {
		byte[] bytes = new byte[size];
		random.nextBytes(bytes);
		return bytes;
	}
}
