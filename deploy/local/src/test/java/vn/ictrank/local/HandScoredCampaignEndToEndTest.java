package vn.ictrank.local;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import vn.ictrank.forms.FormWorkbook;
import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.Campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A campaign whose figures were chosen to hit every scoring and ranking rule (ties, band edges,
 * zero divisors, a new group best arriving last, an implausible best held back by an error check,
 * late forms with and without an exception, an excluded unit, resubmissions), mailed in and
 * scored by the whole system. Its expected ranking is a table computed by hand
 * ({@code hand-scored/kiem-thu-2026/expected-ranking.csv}), never by the code under test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandScoredCampaignEndToEndTest {

	private static final Path CAMPAIGN = Path.of("src/test/resources/hand-scored/kiem-thu-2026");

	private LocalStack stack;

	private DemoMailer mailer;

	private final HttpClient staff = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	@BeforeAll
	void start(@TempDir Path data) throws IOException {
		this.stack = LocalStackOnFreePorts.start(data, CAMPAIGN.getParent(), "kiem-thu-2026");
		this.mailer = new DemoMailer(this.stack.campaign(), this.stack.settings().smtpPort());
	}

	@AfterAll
	void stop() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	void rankingOfEveryMailedFormEqualsTheTableWorkedOutByHand() throws Exception {
		List<Mail> mails = mails();
		deliver(mails.stream().filter(m -> !m.last()).toList());

		// Before the group's best arrives, Sở Tư pháp's 1,5 Mbps a head is the department group's best:
		// A1 36 + A2 1,5/1,5×20 = 20 + A3 22,5 + A4 10 = 88,50, Tốt.
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			Map<String, String> states = states(ranking());
			assertThat(states).containsEntry("department/so-ngoai-vu", "LATE").containsEntry("department/so-giao-duc-va-dao-tao", "LATE")
				.containsEntry("department/so-giao-thong-van-tai", "AWAITING_CONFIRMATION").containsEntry("district/huyen-yen-lap", "FAILED")
				.containsEntry("district/huyen-lam-thao", "LATE").containsEntry("district/huyen-ha-lang", "AWAITING_CONFIRMATION");
			assertThat(rows(ranking()).stream().filter(r -> r.contains("|RANKED|"))).hasSize(8 + 8);
		});
		assertThat(rows(ranking())).contains("department|so-tu-phap|RANKED|1|88.50|Tốt");

		acceptLate("Sở Giáo dục và Đào tạo", "Công văn 12/SGDĐT: hộp thư của Sở bị lỗi ngày 03/11");
		deliver(mails.stream().filter(Mail::last).toList());

		List<String> expected = expected();
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(rows(ranking())).containsExactlyElementsOf(expected));
		JsonNode accepted = find(ranking(), "department", "ranked", "so-giao-duc-va-dao-tao");
		assertThat(accepted.get("lateAccepted").asString()).isEqualTo("Công văn 12/SGDĐT: hộp thư của Sở bị lỗi ngày 03/11");
	}

	/** Each mail is put in the mailbox by IMAP APPEND, so that the server records it as received at the time the table gives. */
	private void deliver(List<Mail> mails) throws Exception {
		Campaign campaign = this.stack.campaign();
		Properties props = new Properties();
		Store store = Session.getInstance(props).getStore("imap");
		store.connect("127.0.0.1", this.stack.settings().imapPort(), campaign.mailbox(), this.stack.secrets().mailPassword());
		try {
			Folder inbox = store.getFolder("INBOX");
			for (Mail mail : mails) {
				Agency agency = campaign.agency(mail.agency()).orElseThrow();
				byte[] form = mail.figures().isEmpty() ? null : FormWorkbook.filled(campaign, agency.group(), agency, mail.figures());
				MimeMessage message = this.mailer.message(agency, "tinh-tay-" + mail.agency() + "-" + mail.received().toString().replace(":", ""), "Phiếu tự đánh giá",
						form == null ? null : FormWorkbook.fileName(campaign, agency.group(), agency), form);
				message.saveChanges();
				message.setSentDate(Date.from(mail.received().atZone(campaign.zone()).toInstant()));
				inbox.appendMessages(new Message[] { message });
			}
		}
		finally {
			store.close();
		}
	}

	private void acceptLate(String agencyName, String reason) throws Exception {
		Matcher row = Pattern.compile("<tr data-submission=\"([^\"]+)\"[^>]*>(?:(?!</tr>).)*>" + Pattern.quote(agencyName) + "<", Pattern.DOTALL)
			.matcher(get("/"));
		assertThat(row.find()).as("the row of %s on the overview", agencyName).isTrue();
		String id = row.group(1);
		Matcher form = Pattern.compile("action=\"(/ho-so/[^\"]+/chap-nhan-nop-muon)\".*?name=\"_csrf\" value=\"([^\"]+)\"", Pattern.DOTALL)
			.matcher(get("/ho-so/" + id));
		assertThat(form.find()).as("the form to accept the late form").isTrue();
		HttpResponse<String> accepted = this.staff.send(HttpRequest.newBuilder(uri(form.group(1))).header("Authorization", basic())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + form.group(2) + "&ly-do=" + URLEncoder.encode(reason, StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(accepted.statusCode()).isEqualTo(302);
	}

	private JsonNode ranking() throws Exception {
		return JsonMapper.builder().build().readTree(get("/api/xep-hang"));
	}

	/** The ranking as the table's rows: the ranked in their order, then those not ranked in roster order. */
	private static List<String> rows(JsonNode ranking) {
		List<String> rows = new ArrayList<>();
		for (JsonNode group : ranking.get("groups")) {
			for (JsonNode r : group.get("ranked")) {
				rows.add(String.join("|", group.get("group").asString(), r.get("agencyId").asString(), "RANKED", r.get("rank").asString(),
						new BigDecimal(r.get("total").asString()).setScale(2).toPlainString(), r.get("band").asString()));
			}
			for (JsonNode n : group.get("notRanked")) {
				rows.add(String.join("|", group.get("group").asString(), n.get("agencyId").asString(), n.get("state").asString(), "", "", ""));
			}
		}
		return rows;
	}

	private static Map<String, String> states(JsonNode ranking) {
		Map<String, String> states = new LinkedHashMap<>();
		for (String row : rows(ranking)) {
			String[] cells = row.split("\\|", -1);
			states.put(cells[0] + "/" + cells[1], cells[2]);
		}
		return states;
	}

	private static JsonNode find(JsonNode ranking, String group, String list, String agencyId) {
		for (JsonNode g : ranking.get("groups")) {
			if (g.get("group").asString().equals(group)) {
				for (JsonNode r : g.get(list)) {
					if (r.get("agencyId").asString().equals(agencyId)) {
						return r;
					}
				}
			}
		}
		throw new AssertionError(agencyId + " is not in " + group + "/" + list);
	}

	/** The hand-worked table, in the order the ranking lists it; the calculation column is for readers. */
	private List<String> expected() throws IOException {
		List<String> rows = new ArrayList<>();
		List<String> notRanked = new ArrayList<>();
		for (String[] cells : csv(CAMPAIGN.resolve("expected-ranking.csv"))) {
			String row = String.join("|", cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]);
			(cells[2].equals("RANKED") ? rows : notRanked).add(row);
		}
		// Those not ranked come after the ranked of their group, in the roster's order.
		List<String> ordered = new ArrayList<>();
		for (String group : List.of("department", "district")) {
			rows.stream().filter(r -> r.startsWith(group + "|")).forEach(ordered::add);
			this.stack.campaign().agencies().stream().map(a -> group + "|" + a.id() + "|")
				.forEach(prefix -> notRanked.stream().filter(r -> r.startsWith(prefix)).forEach(ordered::add));
		}
		return ordered;
	}

	private static List<Mail> mails() throws IOException {
		List<Mail> mails = new ArrayList<>();
		for (String[] cells : csv(CAMPAIGN.resolve("mails.csv"))) {
			Map<String, Object> figures = new LinkedHashMap<>();
			for (String pair : cells.length > 3 && !cells[3].isBlank() ? cells[3].split(";") : new String[0]) {
				String[] kv = pair.split("=", 2);
				figures.put(kv[0], switch (kv[1]) {
					case FormWorkbook.YES -> Boolean.TRUE;
					case FormWorkbook.NO -> Boolean.FALSE;
					default -> kv[1].contains(".") ? (Object) new BigDecimal(kv[1]) : (Object) Integer.valueOf(kv[1]);
				});
			}
			mails.add(new Mail(cells[0].equals("last"), cells[1], LocalDateTime.parse(cells[2]), figures));
		}
		return mails;
	}

	/** Rows after the header, without comment lines; no cell of these files holds a comma. */
	private static List<String[]> csv(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
		return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = this.staff.send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic()).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.stack.settings().dashboardPort() + path);
	}

	private String basic() {
		return "Basic " + Base64.getEncoder().encodeToString(("admin:" + this.stack.secrets().dashboardPassword()).getBytes(StandardCharsets.UTF_8));
	}

	private record Mail(boolean last, String agency, LocalDateTime received, Map<String, Object> figures) {
	}
}
