package vn.ictrank.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Apache Kafka broker in KRaft mode, running in this JVM, whose logs live in a
 * folder that survives restarts.
 */
final class LocalKafka implements AutoCloseable {

	private final KafkaRaftServer server;

	private final int port;

	private LocalKafka(KafkaRaftServer server, int port) {
		this.server = server;
		this.port = port;
	}

	static LocalKafka start(Path dir, int port, int controllerPort) throws IOException {
		Properties props = configure(dir, port, controllerPort, port);
		KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
		server.startup();
		return new LocalKafka(server, port);
	}

	/**
	 * Writes {@code server.properties} in {@code dir} and formats the storage once, so that a broker
	 * can start on it, in this JVM or in its own ({@code kafka.Kafka dir/server.properties}).
	 * @param advertisedPort the port clients are told to connect to: {@code port} itself, or a proxy in front of it
	 */
	static Properties configure(Path dir, int port, int controllerPort, int advertisedPort) throws IOException {
		Files.createDirectories(dir);
		Path clusterIdFile = dir.resolve("cluster.id");
		if (!Files.exists(clusterIdFile)) {
			Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
		}
		Properties props = new Properties();
		props.setProperty("process.roles", "broker,controller");
		props.setProperty("node.id", "1");
		props.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
		props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
		props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + advertisedPort);
		props.setProperty("controller.listener.names", "CONTROLLER");
		props.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
		props.setProperty("inter.broker.listener.name", "PLAINTEXT");
		props.setProperty("log.dirs", dir.resolve("logs").toAbsolutePath().toString());
		props.setProperty("num.partitions", "3");
		props.setProperty("offsets.topic.replication.factor", "1");
		props.setProperty("offsets.topic.num.partitions", "3");
		props.setProperty("transaction.state.log.replication.factor", "1");
		props.setProperty("transaction.state.log.min.isr", "1");
		props.setProperty("share.coordinator.state.topic.replication.factor", "1");
		props.setProperty("share.coordinator.state.topic.min.isr", "1");
		props.setProperty("group.initial.rebalance.delay.ms", "0");
		props.setProperty("log.retention.hours", "-1");
		Path config = dir.resolve("server.properties");
		try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
			props.store(out, "written by ictrank local on every start");
		}
		ByteArrayOutputStream formatLog = new ByteArrayOutputStream();
		int formatted = StorageTool.execute(new String[] { "format", "-t", Files.readString(clusterIdFile).trim(), "-c",
				config.toAbsolutePath().toString(), "--ignore-formatted" }, new PrintStream(formatLog, true, StandardCharsets.UTF_8));
		if (formatted != 0) {
			throw new IllegalStateException("Could not format Kafka storage in " + dir + ": " + formatLog.toString(StandardCharsets.UTF_8));
		}
		return props;
	}

	String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	@Override
	public void close() {
		this.server.shutdown();
		this.server.awaitShutdown();
	}
}
