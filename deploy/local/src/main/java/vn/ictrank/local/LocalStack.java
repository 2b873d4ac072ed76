package vn.ictrank.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import vn.ictrank.ingest.IngestApplication;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.model.campaign.InvalidCampaignException;
import vn.ictrank.report.ReportApplication;
import vn.ictrank.scoring.ScoringApplication;
import vn.ictrank.support.CampaignStore;
import vn.ictrank.support.CampaignStoreProperties;

/**
 * The whole system on one machine: a KRaft Kafka broker, a MongoDB wire-protocol server backed
 * by a file, GreenMail as the campaign mailbox, and the three services, each in its own Spring
 * context. Everything that must survive a restart lives under the data folder.
 */
final class LocalStack implements AutoCloseable {

	/** Auto-configuration the scoring service, which keeps no state in MongoDB, leaves out. */
	static final String NO_MONGO = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration,"
			+ "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration,"
			+ "org.springframework.boot.mongodb.autoconfigure.metrics.MongoMetricsAutoConfiguration,"
			+ "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration,"
			+ "org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration";

	private final LocalSettings settings;

	private final CampaignCatalog catalog;

	/** The campaign the system takes mail for: from its folder, or, once the broker runs, as staff defined it on the dashboard. */
	private Campaign campaign;

	private DataFolderLock lock;

	private Secrets secrets;

	private LocalKafka kafka;

	private MongoServer mongo;

	private GreenMail mail;

	private ConfigurableApplicationContext scoring;

	private ConfigurableApplicationContext ingest;

	private ConfigurableApplicationContext report;

	LocalStack(LocalSettings settings) {
		this.settings = settings;
		this.catalog = CampaignCatalog.load(settings.campaignsDir());
		this.campaign = this.catalog.find(settings.campaign()).orElse(null);
	}

	/**
	 * Starts everything, once the data folder is this system's alone.
	 * @throws DataFolderLock.InUse when another local system runs on the same data folder
	 */
	LocalStack start() throws IOException {
		this.lock = DataFolderLock.acquire(this.settings.dataDir());
		this.secrets = Secrets.load(this.settings.dataDir().resolve("local-secrets.properties"));
		this.kafka = LocalKafka.start(this.settings.dataDir().resolve("kafka"), this.settings.kafkaPort(), this.settings.kafkaControllerPort());
		if (this.campaign == null) {
			this.campaign = definedOnTheDashboard();
		}
		this.mongo = new MongoServer(new H2Backend(this.settings.dataDir().resolve("mongo.mv").toAbsolutePath().toString()));
		this.mongo.bind("127.0.0.1", this.settings.mongoPort());
		this.mail = new GreenMail(new ServerSetup[] { new ServerSetup(this.settings.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
				new ServerSetup(this.settings.imapPort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP) });
		this.mail.setUser(this.campaign.mailbox(), this.campaign.mailbox(), this.secrets.mailPassword());
		this.mail.start();
		this.scoring = run(ScoringApplication.class, Map.of("server.port", this.settings.scoringPort(),
				"spring.autoconfigure.exclude", NO_MONGO,
				"ictrank.operator.username", "admin", "ictrank.operator.password", this.secrets.dashboardPassword()));
		startReport();
		this.ingest = run(IngestApplication.class, Map.of("server.port", this.settings.ingestPort(), "spring.mongodb.uri", mongoUri("ictrank-ingest"),
				"ictrank.ingest.campaign", this.campaign.id(),
				"ictrank.ingest.mail.host", "127.0.0.1", "ictrank.ingest.mail.port", this.settings.imapPort(),
				"ictrank.ingest.mail.username", this.campaign.mailbox(), "ictrank.ingest.mail.password", this.secrets.mailPassword(),
				"ictrank.operator.username", "admin", "ictrank.operator.password", this.secrets.dashboardPassword()));
		return this;
	}

	/**
	 * The campaign staff copied on the dashboard, as the broker holds it.
	 * @throws InvalidCampaignException when there is none by that id there either
	 */
	private Campaign definedOnTheDashboard() {
		org.springframework.boot.kafka.autoconfigure.KafkaProperties kafka = new org.springframework.boot.kafka.autoconfigure.KafkaProperties();
		kafka.setBootstrapServers(List.of("127.0.0.1:" + this.settings.kafkaPort()));
		CampaignStore store = new CampaignStore(this.catalog, kafka, new CampaignStoreProperties(Duration.ofSeconds(30), Duration.ofSeconds(15)));
		store.start();
		store.stop();
		try {
			return this.catalog.require(this.settings.campaign());
		}
		catch (InvalidCampaignException ex) {
			close();
			throw ex;
		}
	}

	void startReport() {
		this.report = run(ReportApplication.class, Map.of("server.port", this.settings.dashboardPort(), "spring.mongodb.uri",
				mongoUri("ictrank-report"), "ictrank.report.campaign", this.campaign.id(), "ictrank.report.password",
				this.secrets.dashboardPassword(),
				// Replies to agencies go out through the local mail server, where each agency's inbox holds them.
				"spring.mail.host", "127.0.0.1", "spring.mail.port", this.settings.smtpPort()));
	}

	void stopReport() {
		this.report.close();
	}

	Campaign campaign() {
		return this.campaign;
	}

	/** The local mail server: the campaign's mailbox, and every agency's inbox that replies went to. */
	GreenMail mailServer() {
		return this.mail;
	}

	Secrets secrets() {
		return this.secrets;
	}

	LocalSettings settings() {
		return this.settings;
	}

	/** Starts one service; its settings go in as command-line arguments, which win over the service's own defaults. */
	private ConfigurableApplicationContext run(Class<?> application, Map<String, Object> specific) {
		Map<String, Object> props = common();
		props.putAll(specific);
		String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
		return new SpringApplicationBuilder(application).run(args);
	}

	private Map<String, Object> common() {
		Map<String, Object> props = new LinkedHashMap<>();
		props.put("ictrank.campaigns-dir", this.settings.campaignsDir().toAbsolutePath().toString());
		props.put("spring.kafka.bootstrap-servers", this.kafka.bootstrapServers());
		props.put("spring.thymeleaf.check-template-location", "false");
		props.put("spring.main.banner-mode", "off");
		// The wire-protocol server does not answer the "hello" command the MongoDB health check sends.
		props.put("management.health.mongodb.enabled", "false");
		props.putAll(this.settings.overrides());
		return props;
	}

	private String mongoUri(String database) {
		return "mongodb://127.0.0.1:" + this.settings.mongoPort() + "/" + database;
	}

	@Override
	public void close() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { this.ingest, this.report, this.scoring }) {
			if (context != null) {
				context.close();
			}
		}
		this.ingest = null;
		this.report = null;
		this.scoring = null;
		if (this.mail != null) {
			this.mail.stop();
			this.mail = null;
		}
		if (this.kafka != null) {
			this.kafka.close();
			this.kafka = null;
		}
		if (this.mongo != null) {
			this.mongo.shutdownNow();
			this.mongo = null;
		}
		if (this.lock != null) {
			try {
				this.lock.close();
			}
			catch (IOException ex) {
				// The process is ending; the operating system releases the lock with it.
			}
			this.lock = null;
		}
	}

	/**
	 * Passwords of the local mailbox and dashboard: made up on the first start, kept in the data
	 * folder so that they stay the same, and never part of the repository.
	 */
	record Secrets(String mailPassword, String dashboardPassword) {

		static Secrets load(Path file) {
			try {
				Properties props = new Properties();
				if (Files.exists(file)) {
					try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
						props.load(in);
					}
				}
				boolean changed = props.putIfAbsent("mail-password", random()) == null;
				changed |= props.putIfAbsent("dashboard-password", random()) == null;
				if (changed) {
					Files.createDirectories(file.getParent());
					try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
						props.store(out, "ictrank local: generated passwords of the embedded mailbox and dashboard");
					}
				}
				return new Secrets(props.getProperty("mail-password"), props.getProperty("dashboard-password"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private static String random() {
			byte[] bytes = new byte[9];
			new SecureRandom().nextBytes(bytes);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		}
	}
}
