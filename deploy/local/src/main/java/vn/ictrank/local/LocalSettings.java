package vn.ictrank.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the local system keeps its data and which ports it uses. Every value can be changed
 * with {@code --name=value} on the command line; other {@code --name=value} arguments go to the
 * services as Spring properties.
 */
record LocalSettings(Path dataDir, Path campaignsDir, String campaign, int dashboardPort, int ingestPort, int scoringPort,
		int kafkaPort, int kafkaControllerPort, int mongoPort, int smtpPort, int imapPort, boolean demo,
		Map<String, String> overrides) {

	static LocalSettings fromArgs(String... args) {
		Map<String, String> given = new LinkedHashMap<>();
		boolean demo = false;
		for (String arg : args) {
			if (arg.equals("--demo")) {
				demo = true;
			}
			else if (arg.startsWith("--") && arg.contains("=")) {
				given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
			}
			else {
				throw new IllegalArgumentException("Tham số không hợp lệ: " + arg + " (dùng --demo hoặc --tên=giá-trị)");
			}
		}
		Map<String, String> overrides = new LinkedHashMap<>(given);
		return new LocalSettings(Path.of(take(overrides, "data-dir", "data")), Path.of(take(overrides, "campaigns-dir", "campaigns")),
				take(overrides, "campaign", "thanh-hoa-2026"), port(overrides, "dashboard-port", 8080), port(overrides, "ingest-port", 8081),
				port(overrides, "scoring-port", 8082), port(overrides, "kafka-port", 9092), port(overrides, "kafka-controller-port", 9093),
				port(overrides, "mongo-port", 27017), port(overrides, "smtp-port", 3025), port(overrides, "imap-port", 3143), demo, overrides);
	}

	private static String take(Map<String, String> overrides, String key, String fallback) {
		String value = overrides.remove(key);
		return value == null ? fallback : value;
	}

	private static int port(Map<String, String> overrides, String key, int fallback) {
		return Integer.parseInt(take(overrides, key, String.valueOf(fallback)));
	}
}
