package vn.ictrank.report.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.model.campaign.CriteriaSet;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.SubmissionId;
import vn.ictrank.model.event.SubmissionReceived;
import vn.ictrank.model.event.SubmissionRejected;
import vn.ictrank.model.event.SubmissionScored;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard of a campaign of 100 agencies with 1,000 submissions (issue 10's figure): each page
 * staff open is requested over and over by a few signed-in clients at once, and the time of each
 * response is taken from the client's side. Prints p50, p99 and the largest per page against the
 * 200 ms target and writes them to {@code target/benchmark/dashboard.json}. Not part of the test
 * run (its name is no test's); started by the command in the README.
 */
class DashboardBenchmark extends ReportTestSupport {

	private static final int AGENCIES = 100;

	private static final int SUBMISSIONS = 1_000;

	private static final int CLIENTS = Integer.getInteger("ictrank.bench.dashboard.clients", 4);

	private static final int REQUESTS = Integer.getInteger("ictrank.bench.dashboard.requests", 400);

	private static final Instant FIRST = Instant.parse("2016-11-14T01:00:00Z");

	private static final Path CAMPAIGNS = campaigns();

	private static final Campaign CAMPAIGN = CampaignCatalog.load(CAMPAIGNS).require("do-thu-100");

	/** Staff's browser: signed in once, it keeps the session's cookie. */
	private final java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
		.followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();

	@DynamicPropertySource
	static void campaign(DynamicPropertyRegistry registry) {
		registry.add("ictrank.campaigns-dir", CAMPAIGNS::toString);
		registry.add("ictrank.report.campaign", () -> "do-thu-100");
		// No mail server here: the receipts wait, as they do without spring.mail.host.
	}

	@Test
	void servesEveryPageOfAHundredAgencyCampaignWithAThousandSubmissions() throws Exception {
		List<String> ids = feed();
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
			.until(() -> String.valueOf(SUBMISSIONS).equals(count(get("/"), "so-thu")));

		signIn();
		Map<String, String> pages = new LinkedHashMap<>();
		pages.put("overview", "/");
		pages.put("overview, page 10", "/?trang=10");
		pages.put("overview, search", "/?tim=" + URLEncoder.encode("huyen 3", StandardCharsets.UTF_8));
		pages.put("overview, filtered", "/?nhom=district&sap-xep=diem-cao");
		pages.put("ranking", "/xep-hang");
		pages.put("ranking JSON", "/api/xep-hang");
		pages.put("submission", "/ho-so/" + ids.get(SUBMISSIONS / 2));
		pages.put("failures", "/loi");
		List<Row> rows = new ArrayList<>();
		for (Map.Entry<String, String> page : pages.entrySet()) {
			rows.add(measure(page.getKey(), page.getValue()));
		}
		List<Long> all = rows.stream().flatMap(r -> r.nanos().stream()).sorted().toList();
		rows.add(new Row("every page", "", all));
		print(rows);
		assertThat(all).hasSize(pages.size() * REQUESTS);
	}

	/**
	 * Signs in through the login form once, as a browser does; the pages are then asked for with the
	 * session's cookie. (HTTP Basic on every request would time the password hash, not the pages.)
	 */
	private void signIn() throws Exception {
		HttpResponse<String> form = this.browser.send(HttpRequest.newBuilder(URI.create(url("/dang-nhap"))).build(),
				HttpResponse.BodyHandlers.ofString());
		java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
		assertThat(csrf.find()).as("the login form's CSRF token").isTrue();
		HttpResponse<String> signedIn = this.browser.send(HttpRequest.newBuilder(URI.create(url("/dang-nhap")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1) + "&username=admin&password=" + PASSWORD)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
	}

	/** 1,000 mails of 100 agencies: most scored, one in ten refused, several resubmissions per agency. */
	private List<String> feed() throws Exception {
		Random random = new Random(20261207);
		List<String> ids = new ArrayList<>();
		List<CompletableFuture<?>> sent = new ArrayList<>();
		for (int i = 0; i < SUBMISSIONS; i++) {
			var agency = CAMPAIGN.agencies().get(i % AGENCIES);
			Instant at = FIRST.plusSeconds(600L * i);
			SubmissionId id = SubmissionId.forMessage(CAMPAIGN.id(), "<bench-" + i + "@test>");
			ids.add(id.value());
			sent.add(this.kafka.send(Topics.SUBMISSIONS, id.value(), EventEnvelope.wrap(new SubmissionReceived("<bench-" + i + "@test>",
					agency.emails().get(0), "Phiếu tự đánh giá của " + agency.name(), at,
					List.of(new SubmissionReceived.Attachment("Mẫu.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
							20_000 + random.nextInt(20_000), "%064x".formatted(i))), "gridfs:mail-archive/" + i),
					CAMPAIGN.id(), agency.id(), id, null, "", at)));
			EventEnvelope outcome = i % 10 == 9
					? EventEnvelope.wrap(new SubmissionRejected(SubmissionRejected.Reason.UNREADABLE_SPREADSHEET,
							"Tệp đính kèm bị hỏng hoặc không mở được bằng Excel."), CAMPAIGN.id(), agency.id(), id, null, "", at)
					: EventEnvelope.wrap(scored(CAMPAIGN.form(agency.group()).criteria(), agency.group(), random), CAMPAIGN.id(),
							agency.id(), id, null, "1", at);
			sent.add(this.kafka.send(i % 10 == 9 ? Topics.SUBMISSIONS : Topics.SCORES, id.value(), outcome));
		}
		CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();
		return ids;
	}

	/** A score with every indicator of the criteria set, as scoring publishes it. */
	private static SubmissionScored scored(CriteriaSet criteria, AgencyGroup group, Random random) {
		List<SubmissionScored.IndicatorScore> indicators = new ArrayList<>();
		BigDecimal total = BigDecimal.ZERO;
		for (CriteriaSet.IndicatorGroup g : criteria.groups()) {
			for (CriteriaSet.Indicator indicator : g.indicators()) {
				BigDecimal points = indicator.max().multiply(BigDecimal.valueOf(random.nextInt(101))).divide(BigDecimal.valueOf(100), 4,
						RoundingMode.HALF_UP);
				total = total.add(points);
				indicators.add(new SubmissionScored.IndicatorScore(indicator.id(), indicator.label(), g.id(), points, indicator.max()));
			}
		}
		total = total.setScale(2, RoundingMode.HALF_UP);
		CriteriaSet.Band band = criteria.band(total);
		return new SubmissionScored(group, criteria.id(), 1, total, criteria.maxTotal(), new SubmissionScored.Band(band.code(), band.label()),
				indicators, List.of(), false, criteria.version());
	}

	/** {@link #REQUESTS} requests of one page, {@link #CLIENTS} at a time, after as many to warm up. */
	private Row measure(String name, String path) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		try {
			run(clients, path, REQUESTS);
			return new Row(name, path, run(clients, path, REQUESTS).stream().sorted().toList());
		}
		finally {
			clients.shutdownNow();
		}
	}

	private List<Long> run(ExecutorService clients, String path, int requests) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url(path))).build();
		List<CompletableFuture<Long>> timed = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			timed.add(CompletableFuture.supplyAsync(() -> {
				long start = System.nanoTime();
				try {
					HttpResponse<byte[]> response = this.browser.send(request, HttpResponse.BodyHandlers.ofByteArray());
					if (response.statusCode() != 200) {
						throw new IllegalStateException(path + " answered " + response.statusCode());
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
				return System.nanoTime() - start;
			}, clients));
		}
		List<Long> nanos = new ArrayList<>();
		for (CompletableFuture<Long> t : timed) {
			nanos.add(t.get());
		}
		return nanos;
	}

	private record Row(String name, String path, List<Long> nanos) {

		double percentile(double p) {
			return this.nanos.get(Math.min(this.nanos.size() - 1, (int) Math.ceil(p * this.nanos.size()) - 1)) / 1e6;
		}
	}

	private static void print(List<Row> rows) throws IOException {
		StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
				"%nDashboard, %d agencies, %d submissions, %d clients at once, %d requests a page (%d cores)%n", AGENCIES, SUBMISSIONS,
				CLIENTS, REQUESTS, Runtime.getRuntime().availableProcessors()));
		table.append(String.format(Locale.ROOT, "%-20s %10s %10s %10s  %s%n", "page", "p50 ms", "p99 ms", "max ms", "p99 ≤ 200 ms"));
		StringBuilder json = new StringBuilder("{\"agencies\":" + AGENCIES + ",\"submissions\":" + SUBMISSIONS + ",\"clients\":" + CLIENTS
				+ ",\"requests\":" + REQUESTS + ",\"pages\":[");
		for (int i = 0; i < rows.size(); i++) {
			Row row = rows.get(i);
			table.append(String.format(Locale.ROOT, "%-20s %10.1f %10.1f %10.1f  %s%n", row.name(), row.percentile(0.5), row.percentile(0.99),
					row.percentile(1.0), row.percentile(0.99) <= 200 ? "met" : "missed"));
			json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"page\":\"%s\",\"p50\":%.1f,\"p99\":%.1f,\"max\":%.1f}",
					row.name(), row.percentile(0.5), row.percentile(0.99), row.percentile(1.0)));
		}
		System.out.println(table);
		Path out = Path.of("target/benchmark/dashboard.json");
		Files.createDirectories(out.getParent());
		Files.writeString(out, json.append("]}").toString());
		Files.writeString(out.resolveSibling("dashboard.txt"), table.toString());
	}

	/** A campaign of 100 agencies on Thanh Hóa 2016's criteria, half departments and half districts. */
	private static Path campaigns() {
		try {
			Path source = Path.of(System.getProperty("ictrank.campaigns-dir", "../campaigns")).resolve("thanh-hoa-2016");
			Path root = Files.createTempDirectory("ictrank-dashboard-benchmark");
			Path folder = Files.createDirectories(root.resolve("do-thu-100"));
			for (String criteria : List.of("criteria-department.yaml", "criteria-district.yaml")) {
				Files.copy(source.resolve(criteria), folder.resolve(criteria));
			}
			StringBuilder yaml = new StringBuilder("""
					id: do-thu-100
					province: "Tỉnh Đo Thử"
					year: 2016
					title: "Đánh giá, xếp hạng mức độ ứng dụng CNTT năm 2016 (đo thử bảng điều khiển)"
					deadline: 2016-11-25T17:00
					time-zone: Asia/Ho_Chi_Minh
					mailbox: cntt.stttt@dothu.gov.vn
					groups:
					  department: {form: "Mẫu 01", criteria: criteria-department.yaml}
					  district: {form: "Mẫu 02", criteria: criteria-district.yaml}
					agencies:
					""");
			for (int i = 1; i <= AGENCIES; i++) {
				boolean department = i <= AGENCIES / 2;
				String name = department ? "Sở số " + i : "Huyện " + i;
				String id = department ? "so-" + i : "huyen-" + i;
				yaml.append("  - {id: ").append(id).append(", name: \"").append(name).append("\", group: ")
					.append(department ? "department" : "district").append(", emails: [").append(id).append("@dothu.gov.vn]}\n");
			}
			Files.writeString(folder.resolve("campaign.yaml"), yaml);
			return root;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
