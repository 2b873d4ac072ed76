package vn.ictrank.ingest.extraction;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import vn.ictrank.forms.DemoFigures;
import vn.ictrank.forms.FormDocument;
import vn.ictrank.forms.FormWorkbook;
import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;

/** Attachments in the states the extraction tests need. */
public final class Forms {

	public static final Campaign CAMPAIGN = CampaignCatalog
		.load(Path.of(System.getProperty("ictrank.campaigns-dir", "../campaigns")))
		.require("thanh-hoa-2016");

	private Forms() {
	}

	public static Agency department() {
		return CAMPAIGN.agency("so-noi-vu").orElseThrow();
	}

	public static Agency district() {
		return CAMPAIGN.agency("huyen-ba-thuoc").orElseThrow();
	}

	public static Map<String, Object> figures(AgencyGroup group, long seed) {
		return new LinkedHashMap<>(DemoFigures.forAgency(CAMPAIGN.form(group).criteria(), seed));
	}

	public static Attachment filled(Agency agency, Map<String, ?> figures) {
		return xlsx(FormWorkbook.fileName(CAMPAIGN, agency.group(), agency),
				FormWorkbook.filled(CAMPAIGN, agency.group(), agency, figures));
	}

	/** A filled form changed the way agencies change forms: rows inserted, cells edited. */
	public static Attachment edited(Agency agency, Map<String, ?> figures, Consumer<Workbook> edit) {
		try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(FormWorkbook.filled(CAMPAIGN, agency.group(), agency, figures)));
				ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			edit.accept(workbook);
			workbook.write(out);
			return xlsx("phieu-da-sua.xlsx", out.toByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The form as typed on a machine still using TCVN3 fonts: every text cell in .VnTime, the
	 * header row in the capitals font .VnTimeH.
	 */
	public static Attachment typedInTcvn3(Agency agency, Map<String, ?> figures) {
		return retyped(agency, figures, header -> header ? ".VnTimeH" : ".VnTime",
				(header, text) -> toTcvn3(header ? text.toLowerCase(java.util.Locale.forLanguageTag("vi")) : text));
	}

	/** Every text cell of the form rewritten in a legacy font: the font of each row, and the text as that font stores it. */
	private static Attachment retyped(Agency agency, Map<String, ?> figures, java.util.function.Function<Boolean, String> font,
			java.util.function.BiFunction<Boolean, String, String> encode) {
		return edited(agency, figures, workbook -> {
			for (org.apache.poi.ss.usermodel.Row row : workbook.getSheetAt(0)) {
				boolean header = row.getRowNum() == 7;
				org.apache.poi.ss.usermodel.Font legacy = workbook.createFont();
				legacy.setFontName(font.apply(header));
				org.apache.poi.ss.usermodel.CellStyle style = workbook.createCellStyle();
				style.setFont(legacy);
				for (org.apache.poi.ss.usermodel.Cell cell : row) {
					if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING) {
						cell.setCellValue(encode.apply(header, cell.getStringCellValue()));
						cell.setCellStyle(style);
					}
				}
			}
		});
	}

	/** The form filled in Word: the agency line, then one table row per input, yes/no answers as ticked boxes. */
	public static Attachment inWord(Agency agency, Map<String, ?> figures) {
		return new Attachment(FormDocument.fileName(CAMPAIGN, agency.group(), agency),
				"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
				FormDocument.filled(CAMPAIGN, agency.group(), agency, figures));
	}

	/** The form as typed on a machine using VNI fonts, as in the South: every text cell in VNI-Times. */
	public static Attachment typedInVni(Agency agency, Map<String, ?> figures) {
		return retyped(agency, figures, header -> "VNI-Times", (header, text) -> toVni(text));
	}

	/** Unicode in VNI, found by asking the decoder which letter and modifiers give each character. */
	private static String toVni(String unicode) {
		StringBuilder out = new StringBuilder();
		for (char c : java.text.Normalizer.normalize(unicode, java.text.Normalizer.Form.NFC).toCharArray()) {
			out.append(c < 0x80 ? String.valueOf(c) : vniOf(c));
		}
		return out.toString();
	}

	private static String vniOf(char c) {
		String wanted = String.valueOf(c);
		// Modifiers take the case of their letter; the lower-case codes, higher in the table, are the ones VNI writes.
		for (char single = 0xFF; single >= 0xC0; single--) {
			if (single != c && vn.ictrank.model.text.VietnameseText.fromVni(String.valueOf(single)).equals(wanted)) {
				return String.valueOf(single);
			}
		}
		for (char base = 'A'; base <= 0xFF; base++) {
			for (char modifier = 0xFF; Character.isLetter(base) && modifier >= 0xC0; modifier--) {
				String candidate = String.valueOf(base) + modifier;
				if (vn.ictrank.model.text.VietnameseText.fromVni(candidate).equals(wanted)) {
					return candidate;
				}
			}
		}
		return wanted;
	}

	private static String toTcvn3(String unicode) {
		Map<Character, Character> codes = new java.util.HashMap<>();
		for (char c = 0xA1; c <= 0xFF; c++) {
			String decoded = vn.ictrank.model.text.VietnameseText.fromTcvn3(String.valueOf(c), false);
			if (decoded.length() == 1) {
				codes.putIfAbsent(decoded.charAt(0), c);
			}
		}
		StringBuilder out = new StringBuilder();
		for (char c : java.text.Normalizer.normalize(unicode, java.text.Normalizer.Form.NFC).toCharArray()) {
			out.append(c < 0x80 ? c : codes.getOrDefault(c, c));
		}
		return out.toString();
	}

	public static Attachment corruptXlsx() {
		byte[] good = FormWorkbook.filled(CAMPAIGN, AgencyGroup.DEPARTMENT, department(), figures(AgencyGroup.DEPARTMENT, 1));
		byte[] truncated = java.util.Arrays.copyOf(good, good.length / 3);
		return xlsx("Mẫu 01 - bị hỏng.xlsx", truncated);
	}

	/** A valid workbook whose sheet inflates from a few kilobytes to 20 MB of blanks. */
	public static Attachment zipBomb() {
		Attachment bomb = withPart(filled(department(), figures(AgencyGroup.DEPARTMENT, 1)), "xl/worksheets/sheet1.xml",
				xml -> xml.replace("<sheetData", " ".repeat(20 * 1024 * 1024) + "<sheetData"));
		return xlsx("Mẫu 01 - nén bất thường.xlsx", bomb.bytes());
	}

	/** The form with one part of the workbook rewritten, as a crafted or badly saved file would have it. */
	public static Attachment withPart(Attachment workbook, String part, java.util.function.UnaryOperator<String> rewrite) {
		try (var in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(workbook.bytes()));
				ByteArrayOutputStream bytes = new ByteArrayOutputStream();
				var out = new java.util.zip.ZipOutputStream(bytes)) {
			out.setLevel(9);
			for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				byte[] content = in.readAllBytes();
				out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
				out.write(entry.getName().equals(part)
						? rewrite.apply(new String(content, java.nio.charset.StandardCharsets.UTF_8)).getBytes(java.nio.charset.StandardCharsets.UTF_8)
						: content);
				out.closeEntry();
			}
			out.finish();
			return xlsx(workbook.fileName(), bytes.toByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Files packed in a .zip, the way agencies send a form with its evidence. */
	public static Attachment zip(String name, Attachment... files) {
		try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); var out = new java.util.zip.ZipOutputStream(bytes)) {
			for (Attachment file : files) {
				out.putNextEntry(new java.util.zip.ZipEntry("ho so/" + file.fileName()));
				out.write(file.bytes());
				out.closeEntry();
			}
			out.finish();
			return new Attachment(name, "application/zip", bytes.toByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A mail carrying {@code files}, saved as a .eml file. */
	public static Attachment savedMail(String name, Attachment... files) {
		try {
			var message = new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()));
			message.setFrom("sonoivu@thanhhoa.gov.vn");
			message.setSubject("Phiếu tự đánh giá", "UTF-8");
			var body = new jakarta.mail.internet.MimeMultipart();
			var text = new jakarta.mail.internet.MimeBodyPart();
			text.setText("Kính gửi Sở.", "UTF-8");
			body.addBodyPart(text);
			for (Attachment file : files) {
				var part = new jakarta.mail.internet.MimeBodyPart();
				part.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(file.bytes(), file.contentType())));
				part.setFileName(file.fileName());
				body.addBodyPart(part);
			}
			message.setContent(body);
			message.saveChanges();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			message.writeTo(out);
			return new Attachment(name, "application/octet-stream", out.toByteArray());
		}
		catch (IOException | jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static Attachment pdf() {
		return new Attachment("Quyết định kèm theo.pdf", "application/pdf", "%PDF-1.4\n%âãÏÓ\n1 0 obj\n".getBytes());
	}

	public static Attachment xlsx(String name, byte[] bytes) {
		return new Attachment(name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes);
	}

	/**
	 * {@code files} wrapped the way Outlook wraps a mail's attachments for another mail system: a
	 * winmail.dat in TNEF. Each file carries its 8.3 short name in attAttachTitle and its real name
	 * in the MAPI property PR_ATTACH_LONG_FILENAME, in UTF-16 so that Vietnamese names survive.
	 */
	public static Attachment winmailDat(Attachment... files) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(tnefInts(0x223E9F78));
		out.writeBytes(new byte[] { 0x3A, 0x01 }); // the legacy key, which nothing reads
		tnefAttribute(out, 1, 0x00089006, tnefInts(0x00010000)); // attTnefVersion
		tnefAttribute(out, 1, 0x00069007, tnefInts(1252, 0)); // attOemCodepage
		for (int i = 0; i < files.length; i++) {
			Attachment file = files[i];
			// attAttachRenddata opens each attachment: a file (1), no position, no size, no flags
			tnefAttribute(out, 2, 0x00069002, new byte[] { 1, 0, -1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0 });
			tnefAttribute(out, 2, 0x00018010, (tnefShortName(file.fileName(), i + 1) + "\0").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
			tnefAttribute(out, 2, 0x0006800F, file.bytes());
			String name = file.fileName();
			ByteArrayOutputStream mapi = new ByteArrayOutputStream();
			mapi.writeBytes(tnefInts(4));
			mapi.writeBytes(tnefInts(0x3705_0003, 1)); // PR_ATTACH_METHOD, PT_LONG: ATTACH_BY_VALUE
			tnefUnicodeProperty(mapi, 0x3707, name); // PR_ATTACH_LONG_FILENAME
			tnefUnicodeProperty(mapi, 0x3703, name.contains(".") ? name.substring(name.lastIndexOf('.')) : ""); // PR_ATTACH_EXTENSION
			tnefUnicodeProperty(mapi, 0x370E, file.contentType()); // PR_ATTACH_MIME_TAG
			tnefAttribute(out, 2, 0x00069005, mapi.toByteArray()); // attAttachment
		}
		return new Attachment("winmail.dat", "application/ms-tnef", out.toByteArray());
	}

	/** One TNEF attribute: level, id (type in the high word), length, data, checksum of the data. */
	private static void tnefAttribute(ByteArrayOutputStream out, int level, int id, byte[] data) {
		int checksum = 0;
		for (byte b : data) {
			checksum += b & 0xFF;
		}
		out.write(level);
		out.writeBytes(tnefInts(id, data.length));
		out.writeBytes(data);
		out.write(checksum & 0xFF);
		out.write((checksum >> 8) & 0xFF);
	}

	/** A PT_UNICODE MAPI property: tag, one value, its length in bytes with the terminator, UTF-16LE padded to 4 bytes. */
	private static void tnefUnicodeProperty(ByteArrayOutputStream mapi, int id, String value) {
		byte[] text = (value + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
		mapi.writeBytes(tnefInts(id << 16 | 0x001F, 1, text.length));
		mapi.writeBytes(text);
		mapi.writeBytes(new byte[(4 - text.length % 4) % 4]);
	}

	private static byte[] tnefInts(int... values) {
		java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(4 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		for (int value : values) {
			buffer.putInt(value);
		}
		return buffer.array();
	}

	/** The 8.3 name Windows would give a file: "Mẫu 01 - Sở Nội vụ.xlsx", first of the files, becomes "MAU01-~1.XLS". */
	private static String tnefShortName(String name, int number) {
		int dot = name.lastIndexOf('.');
		String stem = tnefAscii(dot > 0 ? name.substring(0, dot) : name);
		String extension = tnefAscii(dot > 0 ? name.substring(dot + 1) : "");
		boolean fits = stem.length() <= 8 && extension.length() <= 3 && (dot > 0 ? name.substring(0, dot) : name).equalsIgnoreCase(stem)
				&& (dot > 0 ? name.substring(dot + 1) : "").equalsIgnoreCase(extension);
		String shortStem = fits ? stem : stem.substring(0, Math.min(6, stem.length())) + "~" + number;
		String shortExtension = extension.substring(0, Math.min(3, extension.length()));
		return shortExtension.isEmpty() ? shortStem : shortStem + "." + shortExtension;
	}

	private static String tnefAscii(String text) {
		String bare = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
			.replace('đ', 'd').replace('Đ', 'D');
		return bare.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9_-]", "");
	}
}
