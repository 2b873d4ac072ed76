package vn.ictrank.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The local all-in-one as a test starts it: its own data folder, and every server on a port of its own ({@link FreePorts}). */
final class LocalStackOnFreePorts {

	private LocalStackOnFreePorts() {
	}

	static LocalStack start(Path data, Path campaignsDir, String campaign) throws IOException {
		List<String> args = new ArrayList<>(List.of("--data-dir=" + data, "--campaign=" + campaign, "--campaigns-dir=" + campaignsDir));
		for (String port : List.of("dashboard-port", "ingest-port", "scoring-port", "kafka-port", "kafka-controller-port",
				"mongo-port", "smtp-port", "imap-port")) {
			args.add("--" + port + "=" + FreePorts.take());
		}
		return new LocalStack(LocalSettings.fromArgs(args.toArray(String[]::new))).start();
	}

	/** The system started again on the data folder and ports of {@code settings}, taking mail for {@code campaign}. */
	static LocalStack restart(LocalSettings settings, String campaign) throws IOException {
		return new LocalStack(LocalSettings.fromArgs("--data-dir=" + settings.dataDir(), "--campaign=" + campaign,
				"--campaigns-dir=" + settings.campaignsDir(), "--dashboard-port=" + settings.dashboardPort(),
				"--ingest-port=" + settings.ingestPort(), "--scoring-port=" + settings.scoringPort(), "--kafka-port=" + settings.kafkaPort(),
				"--kafka-controller-port=" + settings.kafkaControllerPort(), "--mongo-port=" + settings.mongoPort(),
				"--smtp-port=" + settings.smtpPort(), "--imap-port=" + settings.imapPort())).start();
	}
}
