package vn.ictrank.ingest.extraction;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import org.apache.poi.poifs.filesystem.FileMagic;

import vn.ictrank.ingest.IngestProperties;

/**
 * What a file is, told by its content first and its name second, since agencies rename files and
 * mail programs label them loosely.
 *
 * @param problem why a file of type {@link Type#REFUSED} will not be opened, or a hint for {@link Type#OTHER}
 * @param hostile whether it was refused for breaking a limit rather than for being damaged
 * @param macros whether a workbook carries a macro project
 */
record FileKind(Type type, String problem, boolean hostile, boolean macros) {

	enum Type {
		/** An Excel workbook, .xlsx or .xls. */
		WORKBOOK,
		/** The form filled in Word, .docx. */
		DOCX,
		/** The form filled in Word 97-2003, .doc. */
		DOC,
		/** A .zip of other files. */
		ARCHIVE,
		/** Outlook's winmail.dat (TNEF), which holds the real attachments. */
		WINMAIL,
		/** A mail saved or forwarded as a file. */
		MESSAGE,
		/** A scan, photo or PDF: evidence (tài liệu kiểm chứng), kept with the submission. */
		EVIDENCE,
		/** A compressed file that is damaged or breaks a limit. */
		REFUSED,
		/** Anything else. */
		OTHER
	}

	private static final byte[] TNEF = { 0x78, (byte) 0x9F, 0x3E, 0x22 };

	String problemOrEmpty() {
		return this.problem == null ? "" : this.problem;
	}

	static FileKind of(Attachment file, IngestProperties.Limits limits) {
		byte[] bytes = file.bytes();
		String name = file.fileName().toLowerCase(Locale.ROOT);
		String type = file.contentType() == null ? "" : file.contentType().toLowerCase(Locale.ROOT);
		if (startsWith(bytes, TNEF) || name.endsWith("winmail.dat") || type.startsWith("application/ms-tnef")) {
			return of(Type.WINMAIL);
		}
		FileMagic magic = magic(bytes);
		return switch (magic) {
			case OOXML -> zipped(bytes, limits);
			case OLE2 -> ole2(bytes);
			case BIFF2, BIFF3, BIFF4 -> new FileKind(Type.REFUSED, "là định dạng Excel quá cũ, vui lòng lưu lại dưới dạng .xlsx", false, false);
			case PDF, PNG, JPEG, GIF, TIFF, BMP, WMF, EMF -> of(Type.EVIDENCE);
			case HTML -> other(" (đây là trang HTML đặt tên bảng tính; vui lòng mở bằng Excel và lưu lại dưới dạng .xlsx)");
			default -> name.endsWith(".eml") || type.startsWith("message/rfc822") ? of(Type.MESSAGE) : of(Type.OTHER);
		};
	}

	private static FileKind zipped(byte[] bytes, IngestProperties.Limits limits) {
		ZipContents contents;
		try {
			contents = ZipContents.read(bytes, limits, Long.MAX_VALUE, false);
		}
		catch (ZipContents.Refused ex) {
			// A damaged zip is most often a workbook cut short in transit; say so in the words staff know from Excel.
			return new FileKind(Type.REFUSED, ex.hostile() ? "có dữ liệu nén bất thường (" + ex.getMessage()
					+ ", có thể là tệp độc hại) nên không được mở" : "bị hỏng hoặc không mở được bằng Excel", ex.hostile(), false);
		}
		if (!contents.has("[Content_Types].xml")) {
			return contents.has("mimetype") && contents.hasUnder("content.xml")
					? other(" (đây là tệp LibreOffice; vui lòng lưu lại dưới dạng Excel .xlsx)") : of(Type.ARCHIVE);
		}
		if (contents.hasUnder("xl/")) {
			return new FileKind(Type.WORKBOOK, null, false, contents.has("xl/vbaProject.bin"));
		}
		if (contents.hasUnder("word/")) {
			return new FileKind(Type.DOCX, null, false, contents.has("word/vbaProject.bin"));
		}
		return of(Type.OTHER);
	}

	/** An OLE2 file holds a Word document, a workbook (perhaps encrypted), or something else, by its streams. */
	private static FileKind ole2(byte[] bytes) {
		try (org.apache.poi.poifs.filesystem.POIFSFileSystem fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem(
				new ByteArrayInputStream(bytes))) {
			org.apache.poi.poifs.filesystem.DirectoryNode root = fs.getRoot();
			if (root.hasEntryCaseInsensitive("WordDocument")) {
				return new FileKind(Type.DOC, null, false, root.hasEntryCaseInsensitive("Macros"));
			}
			if (root.hasEntryCaseInsensitive("Workbook") || root.hasEntryCaseInsensitive("Book")
					|| root.hasEntryCaseInsensitive("EncryptedPackage")) {
				return of(Type.WORKBOOK);
			}
			return other(" (tệp Office nhưng không phải bảng tính hay văn bản Word)");
		}
		catch (IOException | RuntimeException ex) {
			return new FileKind(Type.REFUSED, "bị hỏng hoặc không mở được bằng Excel", false, false);
		}
	}

	private static FileKind of(Type type) {
		return new FileKind(type, null, false, false);
	}

	private static FileKind other(String hint) {
		return new FileKind(Type.OTHER, hint, false, false);
	}

	private static FileMagic magic(byte[] bytes) {
		try (InputStream in = FileMagic.prepareToCheckMagic(new ByteArrayInputStream(bytes))) {
			return FileMagic.valueOf(in);
		}
		catch (IOException | RuntimeException ex) {
			return FileMagic.UNKNOWN;
		}
	}

	private static boolean startsWith(byte[] bytes, byte[] prefix) {
		if (bytes.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}
}
