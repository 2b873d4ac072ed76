package vn.ictrank.ingest.extraction;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

import vn.ictrank.ingest.IngestProperties;

/**
 * What a compressed file (a workbook, a document, a .zip) holds, found by inflating it as a
 * stream and counting, before anything keeps it in memory. The entries are read the way POI
 * reads a workbook from a stream, so what passes here is what POI will see. A file that would
 * unpack beyond the limits is refused as soon as it crosses one, having cost a buffer.
 */
final class ZipContents {

	private final List<Entry> entries;

	private ZipContents(List<Entry> entries) {
		this.entries = entries;
	}

	/** One entry: its path, and its bytes when they were kept. */
	record Entry(String name, byte[] bytes) {
	}

	List<Entry> entries() {
		return this.entries;
	}

	boolean has(String name) {
		return this.entries.stream().anyMatch(e -> e.name().equals(name));
	}

	boolean hasUnder(String folder) {
		return this.entries.stream().anyMatch(e -> e.name().startsWith(folder));
	}

	/**
	 * Reads the entries of {@code bytes}, keeping each entry's bytes when {@code keep} says so.
	 *
	 * @throws Refused when the file breaks a limit, or is not a readable zip
	 */
	static ZipContents read(byte[] bytes, IngestProperties.Limits limits, long maxKeptEntry, boolean keep) throws Refused {
		List<Entry> entries = new ArrayList<>();
		Set<String> names = new HashSet<>();
		long total = 0;
		byte[] buffer = new byte[64 * 1024];
		try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new ByteArrayInputStream(bytes), "Cp437", true, true)) {
			for (ZipArchiveEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				if (entries.size() >= limits.maxEntries()) {
					throw new Refused("có hơn " + limits.maxEntries() + " phần nén bên trong", true);
				}
				String name = entry.getName();
				if (!names.add(name)) {
					throw new Refused("có hai phần nén cùng tên '" + MailParts.displayName(name) + "'", true);
				}
				long entryLimit = isXml(name) ? limits.maxXmlPartSize().toBytes() : limits.maxInflatedSize().toBytes();
				boolean kept = keep && !entry.isDirectory();
				ByteArrayOutputStream content = kept ? new ByteArrayOutputStream() : null;
				long size = 0;
				for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
					size += n;
					total += n;
					if (size > entryLimit || (kept && size > maxKeptEntry)) {
						throw new Refused("phần '" + MailParts.displayName(name) + "' khi giải nén lớn hơn "
								+ Math.min(entryLimit, kept ? maxKeptEntry : entryLimit) / (1024 * 1024) + " MB", true);
					}
					if (total > limits.maxInflatedSize().toBytes()) {
						throw new Refused("khi giải nén lớn hơn " + limits.maxInflatedSize().toMegabytes() + " MB", true);
					}
					if (kept) {
						content.write(buffer, 0, n);
					}
				}
				entries.add(new Entry(name, kept ? content.toByteArray() : null));
			}
		}
		catch (IOException | RuntimeException ex) {
			throw new Refused("bị hỏng hoặc không giải nén được", false);
		}
		if (entries.isEmpty()) {
			throw new Refused("là tệp nén rỗng hoặc bị hỏng", false);
		}
		return new ZipContents(entries);
	}

	private static boolean isXml(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.endsWith(".xml") || lower.endsWith(".rels") || lower.endsWith(".vml");
	}

	/**
	 * A compressed file that will not be opened.
	 *
	 * @param hostile whether it breaks a limit (it may be built to exhaust the reader) rather than being damaged
	 */
	static final class Refused extends Exception {

		private final boolean hostile;

		Refused(String why, boolean hostile) {
			super(why, null, false, false);
			this.hostile = hostile;
		}

		boolean hostile() {
			return this.hostile;
		}
	}
}
