package vn.ictrank.local;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import vn.ictrank.forms.DemoFigures;
import vn.ictrank.forms.FormWorkbook;
import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.CriteriaSet;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The whole system as the README starts it: real Kafka broker, MongoDB wire server, GreenMail
 * and the three services. Mail goes in over SMTP; what staff see is read from the dashboard's HTML.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AllInOneEndToEndTest {

	private static final String REPORT_GROUP = "ictrank-report";

	private LocalStack stack;

	private DemoMailer mailer;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	void start(@TempDir Path data) throws IOException {
		this.stack = LocalStackOnFreePorts.start(data, Path.of(System.getProperty("ictrank.campaigns-dir", "../../campaigns")), "thanh-hoa-2016");
		this.mailer = new DemoMailer(this.stack.campaign(), this.stack.settings().smtpPort());
	}

	@AfterAll
	void stop() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	@Order(1)
	void scoresAnEmailedFormAndExplainsBrokenOnesWhileLaterFormsStillGetScored() throws Exception {
		Agency noiVu = agency("so-noi-vu");
		this.mailer.send(this.mailer.message(noiVu, "e2e-noi-vu", "Phiếu tự đánh giá", "Mẫu 01 - Sở Nội vụ.xlsx",
				FormWorkbook.filled(this.stack.campaign(), AgencyGroup.DEPARTMENT, noiVu, eightyPercentForm())));

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(row(dashboard(), "Sở Nội vụ"))
			.contains("Đã chấm điểm").contains(format(expectedEightyPercentTotal())));

		Agency tuPhap = agency("so-tu-phap");
		Agency taiChinh = agency("so-tai-chinh");
		Agency baThuoc = agency("huyen-ba-thuoc");
		this.mailer.send(this.mailer.message(tuPhap, "e2e-tu-phap", "Phiếu tự đánh giá", "Mẫu 01 - Sở Tư pháp.xlsx",
				"PK\u0003\u0004 không phải tệp Excel".getBytes(StandardCharsets.UTF_8)));
		this.mailer.send(this.mailer.message(taiChinh, "e2e-tai-chinh", "Gửi phiếu", null, null));
		this.mailer.send(this.mailer.message(baThuoc, "e2e-ba-thuoc", "Phiếu tự đánh giá", "Mẫu 02 - Huyện Bá Thước.xlsx",
				FormWorkbook.filled(this.stack.campaign(), AgencyGroup.DISTRICT, baThuoc,
						DemoFigures.forAgency(this.stack.campaign().form(AgencyGroup.DISTRICT).criteria(), 42))));

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			String page = dashboard();
			assertThat(row(page, "Sở Tư pháp")).contains("Lỗi").contains("bị hỏng hoặc không mở được bằng Excel");
			assertThat(row(page, "Sở Tài chính")).contains("Lỗi").contains("Thư không có tệp đính kèm");
			assertThat(row(page, "Huyện Bá Thước")).contains("Đã chấm điểm");
			assertThat(count(page, "so-thu")).isEqualTo(4);
		});
		// Each agency hears back once, from the campaign's mailbox, in its own inbox.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(replies(noiVu)).singleElement().satisfies(r -> assertThat(r.getSubject()).startsWith("Đã tiếp nhận: "));
			assertThat(replies(tuPhap)).singleElement().satisfies(r -> assertThat(r.getSubject()).startsWith("Chưa tiếp nhận được phiếu"));
			assertThat(replies(taiChinh)).singleElement().satisfies(r -> assertThat(r.getContent().toString()).contains("không có tệp đính kèm"));
			assertThat(replies(baThuoc)).hasSize(1);
		});
	}

	@Test
	@Order(5)
	void staffAssignAMailFromAPrivateAddressToItsAgencyAndItIsScoredFromTheArchive() throws Exception {
		Agency privateAddress = new Agency("van-thu", "Văn thư cơ quan", AgencyGroup.DEPARTMENT, List.of("vanthu.canhan@gmail.com"), List.of(), null);
		Agency xayDung = agency("so-xay-dung");
		this.mailer.send(this.mailer.message(privateAddress, "e2e-dia-chi-rieng", "Phiếu tự đánh giá của Sở Xây dựng", "Phieu.xlsx",
				FormWorkbook.filled(this.stack.campaign(), AgencyGroup.DEPARTMENT, privateAddress,
						DemoFigures.forAgency(this.stack.campaign().form(AgencyGroup.DEPARTMENT).criteria(), 7))));
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
		String failures = await().atMost(Duration.ofSeconds(60)).until(() -> page(browser, "/loi"), p -> p.contains("vanthu.canhan@gmail.com"));
		Matcher link = Pattern.compile("/ho-so/([^/\"]+)/thu-goc").matcher(failures);
		assertThat(link.find()).isTrue();
		String id = link.group(1);

		// The original, as ingest archived it, downloaded from the dashboard.
		HttpResponse<String> original = browser.send(HttpRequest.newBuilder(uri("/ho-so/" + id + "/thu-goc")).header("Authorization", basic()).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
		assertThat(original.statusCode()).isEqualTo(200);
		assertThat(original.body()).contains("Message-ID: <e2e-dia-chi-rieng.");
		// Staff know whose it is: the mail is read again from the archive, as Sở Xây dựng's.
		String submission = page(browser, "/ho-so/" + id);
		Matcher csrf = Pattern.compile("action=\"/ho-so/" + id + "/xu-ly-lai\".*?name=\"_csrf\" value=\"([^\"]+)\"", Pattern.DOTALL).matcher(submission);
		assertThat(csrf.find()).as("the form to read the mail again").isTrue();
		HttpResponse<String> asked = browser.send(HttpRequest.newBuilder(uri("/ho-so/" + id + "/xu-ly-lai")).header("Authorization", basic())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1) + "&co-quan=" + xayDung.id())).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(asked.statusCode()).isEqualTo(302);

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(row(dashboard(), "Sở Xây dựng")).contains("Đã chấm điểm"));
		// The reply held while the sender was unknown goes out once, saying the form was taken.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(replies(privateAddress)).singleElement()
			.satisfies(r -> assertThat(r.getSubject()).startsWith("Đã tiếp nhận: ")));
	}

	@Test
	@Order(6)
	void anAddressStaffAddOnTheRosterIsKnownToIngestFromTheNextMail() throws Exception {
		Agency yTe = agency("so-y-te");
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
		String page = page(browser, "/co-quan/" + yTe.id());
		Matcher csrf = Pattern.compile("action=\"/co-quan/so-y-te/dia-chi\".*?name=\"_csrf\" value=\"([^\"]+)\"", Pattern.DOTALL).matcher(page);
		assertThat(csrf.find()).as("the form to change the addresses").isTrue();
		HttpResponse<String> changed = browser.send(HttpRequest.newBuilder(uri("/co-quan/so-y-te/dia-chi")).header("Authorization", basic())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1) + "&chien-dich=" + this.stack.campaign().id() + "&dia-chi="
					+ java.net.URLEncoder.encode(yTe.emails().get(0) + "\nvanthu.soyte@gmail.com", StandardCharsets.UTF_8))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(changed.statusCode()).isEqualTo(302);
		// Ingest says when it has the change; the mail is sent after that, as it would be minutes later.
		URI ingestHealth = URI.create("http://localhost:" + this.stack.settings().ingestPort() + "/actuator/health");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.http.send(HttpRequest.newBuilder(ingestHealth).header("Authorization", basic()).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body(), h -> h.contains("Địa chỉ thư của Sở Y tế"));

		// Sent from the new address, by a clerk who wrote the office's own name on the form: known by its address alone.
		Agency clerk = new Agency("van-thu-so-y-te", "Văn thư cơ quan", AgencyGroup.DEPARTMENT, List.of("vanthu.soyte@gmail.com"), List.of(), null);
		this.mailer.send(this.mailer.message(clerk, "e2e-dia-chi-moi", "Phiếu tự đánh giá của Sở Y tế", "Phieu.xlsx",
				FormWorkbook.filled(this.stack.campaign(), AgencyGroup.DEPARTMENT, clerk,
						DemoFigures.forAgency(this.stack.campaign().form(AgencyGroup.DEPARTMENT).criteria(), 11))));

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(row(dashboard(), "Sở Y tế")).contains("Đã chấm điểm"));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(replies(clerk)).singleElement()
			.satisfies(r -> assertThat(r.getSubject()).startsWith("Đã tiếp nhận: ")));
		assertThat(page(browser, "/co-quan/" + yTe.id())).contains("<li>vanthu.soyte@gmail.com</li>");
	}

	@Test
	@Order(7)
	void takesTheMailOfTheNextRoundCopiedOnTheDashboardOnceStartedWithItsId() throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
		String page = page(browser, "/dot-danh-gia");
		Matcher csrf = Pattern.compile("action=\"/dot-danh-gia/sao-chep\".*?name=\"_csrf\" value=\"([^\"]+)\"", Pattern.DOTALL).matcher(page);
		assertThat(csrf.find()).as("the form to copy the campaign").isTrue();
		String boundary = "ictrank-e2e-boundary";
		StringBuilder body = new StringBuilder();
		Map.of("_csrf", csrf.group(1), "nguon", "thanh-hoa-2016", "ma", "thanh-hoa-2027", "nam", "2027", "tieu-de", "Đánh giá năm 2027",
				"han-nop", "2027-11-30").forEach((name, value) -> body.append("--").append(boundary)
					.append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
		body.append("--").append(boundary).append("--\r\n");
		HttpResponse<String> copied = browser.send(HttpRequest.newBuilder(uri("/dot-danh-gia/sao-chep")).header("Authorization", basic())
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(copied.statusCode()).isEqualTo(302);

		LocalSettings settings = this.stack.settings();
		this.stack.close();
		this.stack = LocalStackOnFreePorts.restart(settings, "thanh-hoa-2027");
		this.mailer = new DemoMailer(this.stack.campaign(), this.stack.settings().smtpPort());
		assertThat(this.stack.campaign().title()).isEqualTo("Đánh giá năm 2027");

		Agency noiVu = agency("so-noi-vu");
		this.mailer.send(this.mailer.message(noiVu, "e2e-nam-2027", "Phiếu tự đánh giá năm 2027", "Mẫu 01 - Sở Nội vụ.xlsx",
				FormWorkbook.filled(this.stack.campaign(), AgencyGroup.DEPARTMENT, noiVu, eightyPercentForm())));

		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			String overview = dashboard();
			assertThat(overview).contains("Đánh giá năm 2027");
			assertThat(row(overview, "Sở Nội vụ")).contains("Đã chấm điểm").contains(format(expectedEightyPercentTotal()));
			assertThat(count(overview, "so-thu")).isEqualTo(1);
		});
	}

	private String page(HttpClient browser, String path) throws Exception {
		HttpResponse<String> response = browser.send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic()).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.stack.settings().dashboardPort() + path);
	}

	private String basic() {
		return "Basic " + Base64.getEncoder().encodeToString(("admin:" + this.stack.secrets().dashboardPassword()).getBytes(StandardCharsets.UTF_8));
	}

	/** The replies in an agency's inbox on the local mail server. */
	private List<jakarta.mail.internet.MimeMessage> replies(Agency agency) {
		String address = agency.emails().get(0);
		return java.util.Arrays.stream(this.stack.mailServer().getReceivedMessages()).filter(m -> {
			try {
				return java.util.Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	@Test
	@Order(2)
	void restartingTheReportServiceEvenWithEveryEventRedeliveredCountsNothingTwice() throws Exception {
		String before = dashboard();
		String readModelBefore = readModelHash();

		this.stack.stopReport();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + this.stack.settings().kafkaPort()))) {
			// Forget what the report service had read, so that it reads every event again.
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
				.until(() -> admin.deleteConsumerGroups(List.of(REPORT_GROUP)).all().get() == null);
			this.stack.startReport();
			await().atMost(Duration.ofSeconds(60)).until(() -> caughtUp(admin));
		}

		String after = dashboard();
		assertThat(readModelHash()).as("every read-model collection, after a replay of every event").isEqualTo(readModelBefore);
		for (String card : List.of("so-thu", "so-da-cham", "so-loi", "so-chua-nop")) {
			assertThat(count(after, card)).as(card).isEqualTo(count(before, card));
		}
		assertThat(row(after, "Sở Nội vụ")).contains(format(expectedEightyPercentTotal()));
		for (String agencyId : List.of("so-noi-vu", "so-tu-phap", "so-tai-chinh", "huyen-ba-thuoc")) {
			assertThat(replies(agency(agencyId))).as("replies to %s after the replay", agencyId).hasSize(1);
		}
	}

	@Test
	@Order(3)
	void refusesASecondLauncherOnTheSameDataFolderAndTheFirstGoesOn() throws Exception {
		LocalStack second = new LocalStack(this.stack.settings());

		assertThatThrownBy(second::start).isInstanceOf(DataFolderLock.InUse.class)
			.hasMessageContaining("đang được một ictrank khác dùng").hasMessageContaining("--data-dir");

		Agency yTe = agency("so-y-te");
		this.mailer.send(this.mailer.message(yTe, "e2e-y-te", "Phiếu tự đánh giá", "Mẫu 01 - Sở Y tế.xlsx",
				FormWorkbook.filled(this.stack.campaign(), AgencyGroup.DEPARTMENT, yTe, eightyPercentForm())));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(row(dashboard(), "Sở Y tế")).contains("Đã chấm điểm"));
	}

	@Test
	@Order(4)
	void everyServiceTellsAnyoneItIsHealthyButShowsItsMetricsOnlyWithALogin() throws Exception {
		LocalSettings settings = this.stack.settings();
		StringBuilder allMetrics = new StringBuilder();
		assertThat(this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + settings.ingestPort() + "/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString()).body()).contains("\"mailboxReader\"");
		for (int port : List.of(settings.ingestPort(), settings.scoringPort(), settings.dashboardPort())) {
			HttpResponse<String> health = this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(health.statusCode()).as("port %d", port).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"broker\"");
			HttpResponse<String> ready = this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(ready.statusCode()).as("readiness on port %d", port).isEqualTo(200);
			URI metrics = URI.create("http://localhost:" + port + "/actuator/prometheus");
			assertThat(this.http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
				.as("metrics without a login on port %d", port).isEqualTo(401);
			String login = Base64.getEncoder().encodeToString(("admin:" + this.stack.secrets().dashboardPassword()).getBytes(StandardCharsets.UTF_8));
			HttpResponse<String> scraped = this.http.send(HttpRequest.newBuilder(metrics).header("Authorization", "Basic " + login).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(scraped.statusCode()).as("metrics with the login on port %d", port).isEqualTo(200);
			allMetrics.append(scraped.body());
			assertThat(scraped.body()).contains(port == settings.ingestPort() ? "ictrank_ingest_submissions_total"
					: port == settings.scoringPort() ? "ictrank_scoring_results_total" : "ictrank_report_events_total");
		}
		// Every series the operators' Grafana dashboard graphs is one the services expose.
		Matcher metric = Pattern.compile("\\b(ictrank_[a-z_]+|kafka_consumer_[a-z_]+)")
			.matcher(java.nio.file.Files.readString(Path.of("../grafana/ictrank-dashboard.json")));
		List<String> graphed = new ArrayList<>();
		while (metric.find()) {
			graphed.add(metric.group(1));
		}
		assertThat(graphed).hasSizeGreaterThan(8).allSatisfy(name -> assertThat(allMetrics.toString()).as(name).containsPattern("(?m)^" + name + "[{ ]"));
	}

	/** A hash of every document of every collection of the read model, in id order. */
	private String readModelHash() throws Exception {
		java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
		try (com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients.create("mongodb://127.0.0.1:" + this.stack.settings().mongoPort())) {
			com.mongodb.client.MongoDatabase database = client.getDatabase("ictrank-report");
			for (String collection : database.listCollectionNames().into(new ArrayList<>()).stream().sorted().toList()) {
				digest.update(collection.getBytes(StandardCharsets.UTF_8));
				for (org.bson.Document document : database.getCollection(collection).find().sort(new org.bson.Document("_id", 1))) {
					digest.update(document.toJson().getBytes(StandardCharsets.UTF_8));
				}
			}
		}
		return java.util.HexFormat.of().formatHex(digest.digest());
	}

	/** Whether the report service has read every event on its topics. */
	private static boolean caughtUp(Admin admin) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> read = admin.listConsumerGroupOffsets(REPORT_GROUP).partitionsToOffsetAndMetadata().get();
		if (read.isEmpty()) {
			return false;
		}
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		for (String topic : List.of(Topics.SUBMISSIONS, Topics.FORMS, Topics.SCORES)) {
			for (var partition : admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()) {
				latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
			}
		}
		for (var end : admin.listOffsets(latest).all().get().entrySet()) {
			OffsetAndMetadata position = read.get(end.getKey());
			if (end.getValue().offset() > 0 && (position == null || position.offset() < end.getValue().offset())) {
				return false;
			}
		}
		return true;
	}

	/** Every ratio at 80 of 100, every yes/no at "Có", 4 sector applications. */
	private Map<String, Object> eightyPercentForm() {
		Map<String, Object> figures = new HashMap<>();
		for (CriteriaSet.Input input : this.stack.campaign().form(AgencyGroup.DEPARTMENT).criteria().inputs()) {
			figures.put(input.id(), input.type() == CriteriaSet.InputType.BOOLEAN ? (Object) Boolean.TRUE : (Object) 100);
		}
		for (String part : List.of("so_cbccvc_co_may_tinh", "so_may_tinh_diet_virus", "so_may_tinh_ket_noi_lan", "so_van_ban_di_dien_tu",
				"so_cbccvc_dung_thu_cong_vu", "so_muc_tt_dat", "so_ho_so_truc_tuyen", "so_can_bo_cntt_tu_cao_dang", "so_cbccvc_duoc_tap_huan")) {
			figures.put(part, 80);
		}
		figures.put("so_dvc_muc_3", 40);
		figures.put("so_dvc_muc_4", 40);
		figures.put("so_ung_dung_chuyen_nganh", 4);
		figures.put("kinh_phi_cntt_trieu", 2);
		return figures;
	}

	/**
	 * By hand from the department criteria: 80% of the ratio indicators' points (HT1 6, HT2 4,
	 * HT4 3, UD2 8, UD3 6, TD2 6, TD3 7, TD4 6, NL2 3, NL3 4), all points of the yes/no ones (HT5 3,
	 * HT6 2, HT7 2, UD1 4, UD4 3, UD6 4, TD1 2, TD5 4, NL1 3, CS1 3, CS2 3), 4 points for four
	 * sector applications, and full HT3 (5) and CS3 (4): alone in its group, it is the best.
	 */
	private static BigDecimal expectedEightyPercentTotal() {
		double ratios = 0.8 * (6 + 4 + 3 + 8 + 6 + 6 + 7 + 6 + 3 + 4);
		double yesNo = 3 + 2 + 2 + 4 + 3 + 4 + 2 + 4 + 3 + 3 + 3;
		return BigDecimal.valueOf(ratios + yesNo + 4 + 5 + 4).setScale(2, RoundingMode.HALF_UP);
	}

	private static String format(BigDecimal total) {
		return total.stripTrailingZeros().toPlainString().replace('.', ',');
	}

	private Agency agency(String id) {
		return this.stack.campaign().agency(id).orElseThrow();
	}

	private String dashboard() throws Exception {
		String auth = Base64.getEncoder().encodeToString(("admin:" + this.stack.secrets().dashboardPassword()).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.stack.settings().dashboardPort() + "/"))
			.header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	/** The submissions-table row of an agency, as text. */
	private static String row(String page, String agency) {
		Matcher rows = Pattern.compile("<tr data-submission=[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(page);
		while (rows.find()) {
			if (rows.group(1).contains(">" + agency + "<")) {
				return rows.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").replace("&#39;", "'");
			}
		}
		return "";
	}

	private static Integer count(String page, String id) {
		Matcher matcher = Pattern.compile("id=\"" + id + "\">(\\d+)<").matcher(page);
		return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
	}
}
