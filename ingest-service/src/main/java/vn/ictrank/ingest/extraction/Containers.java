package vn.ictrank.ingest.extraction;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.poi.hmef.HMEFMessage;

import vn.ictrank.ingest.IngestProperties;

/** Opens the files agencies wrap their forms in: a .zip, Outlook's winmail.dat, a mail saved as a file. */
final class Containers {

	private static final Session SESSION = Session.getInstance(new Properties());

	private Containers() {
	}

	/**
	 * What was inside.
	 *
	 * @param problem why it could not be opened (wholly or in part), or {@code null}
	 * @param hostile whether it broke a limit
	 */
	record Opened(List<Attachment> files, String problem, boolean hostile) {
	}

	static Opened open(Attachment container, FileKind kind, IngestProperties.Limits limits, long maxFileBytes) {
		try {
			return switch (kind.type()) {
				case ARCHIVE -> unzip(container, limits, maxFileBytes);
				case WINMAIL -> winmail(container);
				case MESSAGE -> new Opened(new MailParts(maxFileBytes).of(new MimeMessage(SESSION,
						new ByteArrayInputStream(container.bytes()))), null, false);
				default -> throw new IllegalArgumentException(kind.type() + " is not a container");
			};
		}
		catch (ZipContents.Refused ex) {
			return new Opened(List.of(), ex.hostile() ? "có dữ liệu nén bất thường (" + ex.getMessage()
					+ ", có thể là tệp độc hại) nên không được mở" : ex.getMessage(), ex.hostile());
		}
		catch (Exception ex) {
			return new Opened(List.of(), "bị hỏng hoặc không mở được", false);
		}
	}

	private static Opened unzip(Attachment zip, IngestProperties.Limits limits, long maxFileBytes) throws ZipContents.Refused {
		List<Attachment> files = new ArrayList<>();
		for (ZipContents.Entry entry : ZipContents.read(zip.bytes(), limits, maxFileBytes, true).entries()) {
			String path = entry.name();
			String lower = path.toLowerCase(Locale.ROOT);
			if (path.endsWith("/") || lower.startsWith("__macosx/") || lower.endsWith(".ds_store") || lower.endsWith("thumbs.db")) {
				continue;
			}
			String name = path.substring(path.lastIndexOf('/') + 1);
			files.add(new Attachment(MailParts.displayName(zip.fileName() + " › " + name), "application/octet-stream", entry.bytes()));
		}
		return new Opened(files, files.isEmpty() ? "không có tệp nào bên trong" : null, false);
	}

	private static Opened winmail(Attachment winmail) throws Exception {
		HMEFMessage message = new HMEFMessage(new ByteArrayInputStream(winmail.bytes()));
		List<Attachment> files = new ArrayList<>();
		for (org.apache.poi.hmef.Attachment attached : message.getAttachments()) {
			String name = attached.getLongFilename() != null ? attached.getLongFilename() : attached.getFilename();
			files.add(new Attachment(MailParts.displayName(name == null ? winmail.fileName() + " › tệp " + (files.size() + 1) : name),
					"application/octet-stream", attached.getContents()));
		}
		return new Opened(files, files.isEmpty() ? "(winmail.dat của Outlook) không có tệp nào bên trong" : null, false);
	}
}
