package vn.ictrank.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapServer;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.ServerSetup;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import jakarta.mail.internet.MimeMessage;

import vn.ictrank.model.campaign.Campaign;

/**
 * The whole system as production runs it, every part of which a test can break: a Kafka broker
 * and the three services each in its own JVM, the MongoDB wire server and the mailbox in this one
 * (their data survives a restart, as a real server's disk does), and a {@link TcpProxy} on every
 * connection a service makes to the broker, the database and the mailbox (unless
 * {@link #direct()}, as a benchmark wants it).
 */
public final class ProcessStack implements AutoCloseable {

	public static final String PASSWORD = "faults-test-password";

	private final Path dir;

	private final Campaign campaign;

	private final Path campaignsDir;

	private final Map<String, Integer> ports = new LinkedHashMap<>();

	private final List<TcpProxy> proxies = new ArrayList<>();

	private JavaProcess broker;

	private MongoServer mongo;

	/** The mail server's store, kept across its restarts (GreenMail's own stop() starts afresh). */
	private final Managers mailStore = new Managers();

	private GreenMailUser mailUser;

	private List<AbstractServer> mailServers = List.of();

	private final Map<String, JavaProcess> services = new LinkedHashMap<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private boolean direct;

	private final Map<String, Map<String, Object>> extraProperties = new HashMap<>();

	private final Map<String, List<String>> jvmOptions = new HashMap<>();

	private final Map<String, Integer> instances = new HashMap<>();

	/** The {@code Authorization} header of the stack's one login, on the dashboard and every actuator. */
	public static final String LOGIN = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

	/** Empties {@code dir} (a run's folder, kept after the run for whoever reads its logs), and makes it. */
	public static Path freshDirectory(Path dir) throws IOException {
		if (Files.exists(dir)) {
			try (Stream<Path> paths = Files.walk(dir)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
		return Files.createDirectories(dir);
	}

	public ProcessStack(Path dir, Path campaignsDir, Campaign campaign) {
		this.dir = dir;
		this.campaignsDir = campaignsDir;
		this.campaign = campaign;
	}

	/** The services connect straight to the broker, the database and the mailbox, with no proxy between. */
	public ProcessStack direct() {
		this.direct = true;
		return this;
	}

	/** Settings of one service ({@code ingest}, {@code scoring}, {@code report}) beyond those the stack gives it. */
	public ProcessStack with(String service, Map<String, Object> properties, List<String> jvm) {
		this.extraProperties.put(service, new LinkedHashMap<>(properties));
		this.jvmOptions.put(service, List.copyOf(jvm));
		return this;
	}

	/**
	 * Runs this many instances of a service ({@code scoring}, {@code report}) in one consumer group;
	 * the first is named as the service, the others {@code scoring-2}, {@code scoring-3}, …
	 */
	public ProcessStack instances(String service, int count) {
		this.instances.put(service, count);
		return this;
	}

	public ProcessStack start() throws IOException {
		List<String> names = new ArrayList<>();
		for (String service : List.of("scoring", "report", "ingest")) {
			for (int i = 1; i <= this.instances.getOrDefault(service, 1); i++) {
				names.add(i == 1 ? service : service + "-" + i);
			}
		}
		for (String port : List.of("kafka", "kafka-controller", "kafka-proxy", "mongo", "mongo-proxy", "smtp", "imap", "imap-proxy")) {
			this.ports.put(port, FreePorts.take());
		}
		for (String name : names) {
			this.ports.put(name, FreePorts.take());
		}
		LocalKafka.configure(this.dir.resolve("kafka"), port("kafka"), port("kafka-controller"), port(link("kafka")));
		this.broker = new JavaProcess("kafka", "kafka.Kafka", List.of("-Xmx512m", "-XX:+UseSerialGC"),
				List.of(this.dir.resolve("kafka/server.properties").toString()), this.dir.resolve("logs"));
		this.broker.start();
		startDatabase();
		try {
			this.mailUser = this.mailStore.getUserManager().createUser(this.campaign.mailbox(), this.campaign.mailbox(), PASSWORD);
		}
		catch (UserException ex) {
			throw new IllegalStateException(ex);
		}
		startMail();
		if (!this.direct) {
			this.proxies.add(new TcpProxy("kafka", port("kafka-proxy"), port("kafka")));
			this.proxies.add(new TcpProxy("mongo", port("mongo-proxy"), port("mongo")));
			this.proxies.add(new TcpProxy("imap", port("imap-proxy"), port("imap")));
		}

		for (String name : names) {
			this.services.put(name, newService(name));
		}
		this.services.values().forEach(JavaProcess::start);
		return this;
	}

	/** Stops a service and starts it again with these settings added to its own. */
	public void restart(String name, Map<String, Object> properties) {
		this.services.get(name).stop();
		this.extraProperties.computeIfAbsent(name, n -> new LinkedHashMap<>()).putAll(properties);
		JavaProcess replaced = newService(name);
		this.services.put(name, replaced);
		replaced.start();
	}

	public List<String> serviceNames() {
		return List.copyOf(this.services.keySet());
	}

	List<TcpProxy> proxies() {
		return this.proxies;
	}

	public JavaProcess service(String name) {
		return this.services.get(name);
	}

	JavaProcess broker() {
		return this.broker;
	}

	public int smtpPort() {
		return port("smtp");
	}

	/** The report service's database, for what the dashboard does not show (the replies' states). */
	public String reportDatabaseUri() {
		return mongoUri("ictrank-report");
	}

	/** Every reply in the agencies' inboxes: every message on the mail server that is not in the campaign mailbox. */
	public List<MimeMessage> replies() throws FolderException {
		List<MimeMessage> replies = new ArrayList<>();
		for (GreenMailUser user : this.mailStore.getUserManager().listUser()) {
			if (!user.getEmail().equals(this.campaign.mailbox())) {
				this.mailStore.getImapHostManager().getInbox(user).getMessages().forEach(m -> replies.add(m.getMimeMessage()));
			}
		}
		return replies;
	}

	public String kafkaBootstrap() {
		return "127.0.0.1:" + port("kafka");
	}

	synchronized void startDatabase() {
		this.mongo = new MongoServer(new H2Backend(this.dir.resolve("mongo.mv").toAbsolutePath().toString()));
		this.mongo.bind("127.0.0.1", port("mongo"));
	}

	synchronized void stopDatabase() {
		this.mongo.shutdownNow();
	}

	synchronized void stopMail() {
		this.mailServers.forEach(AbstractServer::stopService);
		this.mailServers = List.of();
	}

	/** Starts the mail server (SMTP and IMAP) on the same store: mail it held is still there. */
	synchronized void startMail() {
		List<AbstractServer> servers = List.of(new SmtpServer(new ServerSetup(port("smtp"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP), this.mailStore),
				new ImapServer(new ServerSetup(port("imap"), "127.0.0.1", ServerSetup.PROTOCOL_IMAP), this.mailStore));
		for (AbstractServer server : servers) {
			server.startService();
			try {
				if (!server.waitTillRunning(10_000)) {
					throw new IllegalStateException("The mail server did not start: " + server);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		this.mailServers = servers;
	}

	/**
	 * Every message in the campaign mailbox, whether the service has marked it or not: it marks
	 * by keyword on this server, so all of them stay in the inbox.
	 */
	public List<MimeMessage> mailbox() throws FolderException {
		return this.mailStore.getImapHostManager().getInbox(this.mailUser).getMessages().stream().map(StoredMessage::getMimeMessage).toList();
	}

	/** Whether every service says it is ready (readiness includes the broker, and for ingest the mailbox reader). */
	public boolean ready() {
		for (String name : this.services.keySet()) {
			try {
				HttpResponse<Void> response = this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(name)
						+ "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() != 200) {
					return false;
				}
			}
			catch (IOException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	/** Every page of the dashboard's submissions list, one after the other. */
	public String dashboard() throws IOException, InterruptedException {
		StringBuilder pages = new StringBuilder();
		String path = "/";
		// At most as many pages as any run here fills, so that a page that links to itself cannot loop.
		for (int page = 0; path != null && page < 1000; page++) {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port("report") + path))
				.header("Authorization", LOGIN).timeout(Duration.ofSeconds(20)).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			if (response.statusCode() != 200) {
				throw new IOException("dashboard answered " + response.statusCode());
			}
			pages.append(response.body());
			java.util.regex.Matcher next = NEXT_PAGE.matcher(response.body());
			path = next.find() ? next.group(1).replace("&amp;", "&") : null;
		}
		return pages.toString();
	}

	/**
	 * The submissions-list rows of dashboard pages, as text, by the token their subject carries
	 * (rows without one under "(none)").
	 */
	public static Map<String, List<String>> rowsByToken(String pages, java.util.regex.Pattern token) {
		Map<String, List<String>> rows = new LinkedHashMap<>();
		java.util.regex.Matcher row = ROW.matcher(pages);
		while (row.find()) {
			String text = row.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
			java.util.regex.Matcher found = token.matcher(text);
			rows.computeIfAbsent(found.find() ? found.group(1) : "(none)", t -> new ArrayList<>()).add(text);
		}
		return rows;
	}

	private static final java.util.regex.Pattern ROW = java.util.regex.Pattern.compile("<tr data-submission=[^>]*>(.*?)</tr>",
			java.util.regex.Pattern.DOTALL);

	private static final java.util.regex.Pattern NEXT_PAGE = java.util.regex.Pattern.compile("rel=\"next\" href=\"([^\"]+)\"");

	private JavaProcess newService(String name) {
		Map<String, Object> props = new LinkedHashMap<>();
		props.put("server.port", port(name));
		props.put("ictrank.campaigns-dir", this.campaignsDir.toAbsolutePath().toString());
		props.put("spring.kafka.bootstrap-servers", "127.0.0.1:" + port(link("kafka")));
		props.put("spring.thymeleaf.check-template-location", "false");
		props.put("spring.main.banner-mode", "off");
		// The wire-protocol server does not answer the "hello" command the MongoDB health check sends.
		props.put("management.health.mongodb.enabled", "false");
		props.put("ictrank.operator.username", "admin");
		props.put("ictrank.operator.password", PASSWORD);
		String service = name.replaceFirst("-\\d+$", "");
		String mainClass = switch (service) {
			case "scoring" -> {
				props.put("spring.autoconfigure.exclude", LocalStack.NO_MONGO);
				yield "vn.ictrank.scoring.ScoringApplication";
			}
			case "report" -> {
				props.putAll(Map.of("spring.mongodb.uri", mongoUri("ictrank-report"), "ictrank.report.campaign", this.campaign.id(),
						"ictrank.report.password", PASSWORD, "spring.mail.host", "127.0.0.1", "spring.mail.port", port("smtp"),
						// A run lasts minutes: replies wait at most 5 s for a mail server back up, and one a killed instance was sending is given up after 45 s.
						"ictrank.report.replies.max-backoff", "5s", "ictrank.report.replies.claim-timeout", "45s"));
				yield "vn.ictrank.report.ReportApplication";
			}
			case "ingest" -> {
				props.putAll(Map.of("spring.mongodb.uri", mongoUri("ictrank-ingest"), "ictrank.ingest.campaign", this.campaign.id(),
						"ictrank.ingest.mail.host", "127.0.0.1", "ictrank.ingest.mail.port", port(link("imap")),
						"ictrank.ingest.mail.username", this.campaign.mailbox(), "ictrank.ingest.mail.password", PASSWORD));
				yield "vn.ictrank.ingest.IngestApplication";
			}
			default -> throw new IllegalArgumentException(name);
		};
		props.putAll(this.extraProperties.getOrDefault(service, Map.of()));
		List<String> args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
		List<String> jvm = new ArrayList<>(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8"));
		// Later options win, so a service's own replace these.
		jvm.addAll(this.jvmOptions.getOrDefault(service, List.of()));
		return new JavaProcess(name, mainClass, jvm, args, this.dir.resolve("logs"));
	}

	/** The port a service dials to reach {@code server}: the proxy in front of it, or the server itself. */
	private String link(String server) {
		return this.direct ? server : server + "-proxy";
	}

	/** The port of a server or service: kafka, mongo, smtp, imap, ingest, scoring, report, scoring-2, … (and *-proxy). */
	public int port(String name) {
		return this.ports.get(name);
	}

	private String mongoUri(String database) {
		return "mongodb://127.0.0.1:" + port(link("mongo")) + "/" + database;
	}

	@Override
	public void close() {
		this.services.values().forEach(JavaProcess::stop);
		if (this.broker != null) {
			this.broker.stop();
		}
		for (TcpProxy proxy : this.proxies) {
			try {
				proxy.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
		stopMail();
		if (this.mongo != null) {
			this.mongo.shutdownNow();
		}
	}
}
