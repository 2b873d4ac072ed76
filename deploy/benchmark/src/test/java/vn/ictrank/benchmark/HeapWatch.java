package vn.ictrank.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap of a service JVM as its own garbage collector reports it ({@code -Xlog:gc}): each
 * collection logs the heap used before and after it, so the largest "before" is the peak and an
 * "after" of a full collection is what was still in use.
 */
final class HeapWatch {

	private static final Pattern COLLECTION = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

	private final Path log;

	HeapWatch(Path log) {
		this.log = log;
	}

	/** Where the log stands now, to read only what comes after. */
	int mark() throws IOException {
		return lines().size();
	}

	/** The largest heap in use, in MB, before any collection since {@code mark}. */
	long peakSince(int mark) throws IOException {
		long peak = 0;
		List<String> lines = lines();
		for (String line : lines.subList(Math.min(mark, lines.size()), lines.size())) {
			Matcher m = COLLECTION.matcher(line);
			if (m.find()) {
				peak = Math.max(peak, Long.parseLong(m.group(1)));
			}
		}
		return peak;
	}

	/** Runs a full collection in the JVM and returns the heap still in use after it, in MB. */
	long liveAfterFullCollection(long pid) throws IOException, InterruptedException {
		int before = mark();
		Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid), "GC.run")
			.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		jcmd.waitFor(30, TimeUnit.SECONDS);
		List<String> lines = lines();
		for (int i = lines.size() - 1; i >= before; i--) {
			if (lines.get(i).contains("Pause Full")) {
				Matcher m = COLLECTION.matcher(lines.get(i));
				if (m.find()) {
					return Long.parseLong(m.group(2));
				}
			}
		}
		return -1;
	}

	private List<String> lines() throws IOException {
		return Files.exists(this.log) ? Files.readAllLines(this.log) : List.of();
	}
}
