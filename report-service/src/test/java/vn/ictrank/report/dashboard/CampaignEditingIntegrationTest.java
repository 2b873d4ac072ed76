package vn.ictrank.report.dashboard;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.model.campaign.CampaignDefined;
import vn.ictrank.support.CampaignStore;
import vn.ictrank.support.CampaignStoreProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Administrators copy last year's campaign for the next round and change an agency's addresses on
 * the dashboard; another service's catalog, reading the broker, has the change too.
 */
class CampaignEditingIntegrationTest extends ReportTestSupport {

	@Autowired
	KafkaProperties kafkaProperties;

	@Autowired
	CampaignCatalog catalog;

	@Autowired
	CampaignStore store;

	@Test
	void copiesLastYearsCampaignForTheNextRoundCheckingAnUploadedCriteriaFileLineByLine() throws Exception {
		Path criteria = Path.of(System.getProperty("ictrank.campaigns-dir", "../campaigns")).resolve("thanh-hoa-2016/criteria-department.yaml");
		String good = Files.readString(criteria);
		String wrong = good.replaceFirst("max-total: 100", "max-totl: 100");
		int wrongLine = good.substring(0, good.indexOf("max-total: 100")).split("\n", -1).length;
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("nguon", "thanh-hoa-2016");
		fields.put("ma", "thanh-hoa-2017");
		fields.put("nam", "2017");
		fields.put("tieu-de", "Đánh giá, xếp hạng mức độ ứng dụng CNTT năm 2017");
		fields.put("han-nop", "2017-11-24");
		fields.put("gio", "17:00");
		String page = get("/dot-danh-gia?chien-dich=thanh-hoa-2016");
		assertThat(page).contains("thanh-hoa-2017").as("the next round's id is offered");

		HttpResponse<String> refused = submitMultipart(page, "/dot-danh-gia/sao-chep", fields, "tieu-chi-department", "tieu-chi-2017.yaml",
				wrong.getBytes(StandardCharsets.UTF_8));

		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("Chưa tạo được đợt mới").contains("tieu-chi-2017.yaml (bộ tiêu chí Mẫu 01):" + wrongLine + ":")
			.contains("max-totl");
		assertThat(get("/dot-danh-gia")).doesNotContain(">thanh-hoa-2017</a>");

		HttpResponse<String> created = submitMultipart(get("/dot-danh-gia?chien-dich=thanh-hoa-2016"), "/dot-danh-gia/sao-chep", fields,
				"tieu-chi-department", "tieu-chi-2017.yaml", good.replace("max-total: 100", "max-total: 100 # 2017").getBytes(StandardCharsets.UTF_8));

		assertThat(created.statusCode()).isEqualTo(302);
		String campaigns = get("/dot-danh-gia?chien-dich=thanh-hoa-2017");
		assertThat(campaigns).contains(">thanh-hoa-2017</a>").contains("17 giờ 00 ngày 24/11/2017").contains("Tạo hoặc sửa trên trang này");
		assertThat(get("/dot-danh-gia/thanh-hoa-2017/tep/criteria-department.yaml")).contains("max-total: 100 # 2017");
		assertThat(get("/?chien-dich=thanh-hoa-2017")).contains("Sở Tư pháp");
		assertThat(get("/nhat-ky?chien-dich=thanh-hoa-2017")).contains("Tạo đợt đánh giá").contains("Tạo từ đợt thanh-hoa-2016");
		CampaignCatalog elsewhere = readByAnotherService();
		assertThat(elsewhere.require("thanh-hoa-2017").agencies()).as("the roster of 2016, with what the other tests changed").hasSizeGreaterThanOrEqualTo(47)
			.anySatisfy(a -> assertThat(a.id()).isEqualTo("so-tu-phap"));
		assertThat(elsewhere.previous(elsewhere.require("thanh-hoa-2017")).orElseThrow().id()).isEqualTo("thanh-hoa-2016");
	}

	@Test
	void changesTheAddressesAnAgencySendsFromForEveryServiceAndKeepsTheChange() throws Exception {
		String page = get("/co-quan/so-tu-phap?chien-dich=thanh-hoa-2016");
		assertThat(page).contains("sotuphap@thanhhoa.gov.vn");

		assertThat(submit(page, "/co-quan/so-tu-phap/dia-chi", "chien-dich=thanh-hoa-2016&dia-chi="
				+ URLEncoder.encode("sonoivu@thanhhoa.gov.vn", StandardCharsets.UTF_8))).isEqualTo(200);
		assertThat(submit(page, "/co-quan/so-tu-phap/dia-chi", "chien-dich=thanh-hoa-2016&dia-chi="
				+ URLEncoder.encode("VanThu.STP@ThanhHoa.gov.vn\nsotuphap@thanhhoa.gov.vn", StandardCharsets.UTF_8))).isEqualTo(302);

		String changed = get("/co-quan/so-tu-phap?chien-dich=thanh-hoa-2016");
		assertThat(changed).contains("<li>vanthu.stp@thanhhoa.gov.vn</li>").contains("(trước đó: sotuphap@thanhhoa.gov.vn)");
		assertThat(get("/?chien-dich=thanh-hoa-2016")).contains("vanthu.stp@thanhhoa.gov.vn, sotuphap@thanhhoa.gov.vn");
		assertThat(get("/nhat-ky?chien-dich=thanh-hoa-2016")).contains("Sửa địa chỉ thư");
		CampaignCatalog elsewhere = readByAnotherService();
		assertThat(elsewhere.require("thanh-hoa-2016").agencyBySender("vanthu.stp@thanhhoa.gov.vn")).map(Agency::id).contains("so-tu-phap");
		assertThat(elsewhere.require("thanh-hoa-2016").agencyBySender("sonoivu@thanhhoa.gov.vn")).map(Agency::id).contains("so-noi-vu");
	}

	@Test
	void addsAnAgencyTheRosterLacksAndLeavesAnotherOutOfTheRankingWithTheReason() throws Exception {
		String overview = get("/?chien-dich=thanh-hoa-2016");
		assertThat(submit(overview, "/co-quan/them", "chien-dich=thanh-hoa-2016&nhom=department&ten="
				+ URLEncoder.encode("so khoa hoc va cong nghe", StandardCharsets.UTF_8))).isEqualTo(302);
		assertThat(get("/?chien-dich=thanh-hoa-2016")).contains("Chưa thêm được cơ quan").contains("Đã có cơ quan Sở Khoa học và Công nghệ");

		assertThat(submit(overview, "/co-quan/them", "chien-dich=thanh-hoa-2016&nhom=department&ten="
				+ URLEncoder.encode("Ban Quản lý dự án đầu tư xây dựng", StandardCharsets.UTF_8) + "&dia-chi=bqlda%40thanhhoa.gov.vn")).isEqualTo(302);

		assertThat(get("/co-quan/ban-quan-ly-du-an-dau-tu-xay-dung?chien-dich=thanh-hoa-2016")).contains("Ban Quản lý dự án đầu tư xây dựng")
			.contains("<li>bqlda@thanhhoa.gov.vn</li>").contains("Thêm cơ quan Ban Quản lý dự án đầu tư xây dựng (Sở, ban, ngành)");
		assertThat(get("/?chien-dich=thanh-hoa-2016")).contains(">Ban Quản lý dự án đầu tư xây dựng</a>");

		String ngoaiVu = get("/co-quan/so-ngoai-vu?chien-dich=thanh-hoa-2016");
		assertThat(submit(ngoaiVu, "/co-quan/so-ngoai-vu/mien", "chien-dich=thanh-hoa-2016&ly-do="
				+ URLEncoder.encode("Sáp nhập vào Văn phòng UBND tỉnh từ năm 2025", StandardCharsets.UTF_8))).isEqualTo(302);
		assertThat(get("/xep-hang?chien-dich=thanh-hoa-2016")).contains("Sáp nhập vào Văn phòng UBND tỉnh từ năm 2025");

		CampaignCatalog elsewhere = readByAnotherService();
		assertThat(elsewhere.require("thanh-hoa-2016").agencyBySender("bqlda@thanhhoa.gov.vn")).map(Agency::name)
			.contains("Ban Quản lý dự án đầu tư xây dựng");
		assertThat(elsewhere.require("thanh-hoa-2016").agency("so-ngoai-vu").orElseThrow().excludedBecause())
			.isEqualTo("Sáp nhập vào Văn phòng UBND tỉnh từ năm 2025");
	}

	/** The campaigns as another service reads them: its own files, and what the broker holds. */
	@Test
	void namesAChangeMadeOnTheDashboardThatTheCampaignsFolderHasChangedSinceAndNowOverrides() throws Exception {
		// A change made on the dashboard while the folder was at another version: someone has edited its files since.
		Campaign campaign = this.catalog.require("cao-bang-2017");
		CampaignDefined change = this.catalog.change(campaign.withAgency(new Agency("so-thu-nghiem", "Sở Thử nghiệm", campaign.agencies().get(0).group(),
				java.util.List.of("sothunghiem@caobang.gov.vn"), java.util.List.of(), null)), "admin", java.time.Instant.parse("2017-10-02T03:04:00Z"), "Thêm cơ quan Sở Thử nghiệm");
		assertThat(this.store.define(new CampaignDefined(change.campaignId(), change.files(), "phien-ban-cu-cua-thu-muc", change.definedBy(),
				change.definedAt(), change.change()))).isEmpty();

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get("/dot-danh-gia?chien-dich=cao-bang-2017"))
			.contains("không còn hiệu lực").contains("cao-bang-2017: Thêm cơ quan Sở Thử nghiệm (admin, 02/10/2017 10:04:00)"));
		assertThat(this.catalog.require("cao-bang-2017").agency("so-thu-nghiem")).as("the folder counts").isEmpty();
	}

	private CampaignCatalog readByAnotherService() {
		CampaignCatalog catalog = CampaignCatalog.load(Path.of(System.getProperty("ictrank.campaigns-dir", "../campaigns")));
		CampaignStore store = new CampaignStore(catalog, this.kafkaProperties, new CampaignStoreProperties(Duration.ofSeconds(30), Duration.ofSeconds(10)));
		store.start();
		try {
			await().atMost(Duration.ofSeconds(30)).until(store::caughtUp);
			return catalog;
		}
		finally {
			store.stop();
		}
	}

	/** Posts a form with a file, as a browser does, with the page's CSRF token. */
	private HttpResponse<String> submitMultipart(String page, String action, Map<String, String> fields, String fileField, String fileName,
			byte[] content) throws Exception {
		Matcher form = Pattern.compile("action=\"(" + action + ")\".*?name=\"_csrf\" value=\"([^\"]+)\"", Pattern.DOTALL).matcher(page);
		assertThat(form.find()).as("a form posting to %s", action).isTrue();
		String boundary = "----ictrank" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		Map<String, String> all = new LinkedHashMap<>();
		all.put("_csrf", form.group(2));
		all.putAll(fields);
		all.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
				+ "\r\n").getBytes(StandardCharsets.UTF_8)));
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/yaml\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return this.staff.send(HttpRequest.newBuilder(URI.create(url(form.group(1)))).header("Authorization", basic())
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}
}
