package vn.ictrank.model.campaign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Campaigns staff define on the dashboard: the next round copied from the last, and roster addresses changed. */
class CampaignDefinitionsTest {

	private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");

	@TempDir
	Path dir;

	@Test
	void copiesACampaignForTheNextRoundWithItsRosterAndCriteriaUnderANewDeadline() {
		CampaignCatalog catalog = CampaignCatalog.load(CampaignCatalogTest.projectCampaigns());
		Campaign source = catalog.require("thanh-hoa-2016");
		Campaign next = source.nextRound("thanh-hoa-2017", 2017, "Đánh giá năm 2017", "Công văn số 1/STTTT", LocalDate.of(2017, 11, 24),
				LocalTime.of(17, 0));

		assertThat(catalog.define(catalog.copy(source, next, Map.of(), "admin", NOW))).isEmpty();

		Campaign copy = catalog.require("thanh-hoa-2017");
		assertThat(copy.agencies()).isEqualTo(source.agencies());
		assertThat(copy.deadlineText()).isEqualTo("17 giờ 00 ngày 24/11/2017");
		assertThat(copy.letter()).isEqualTo("Công văn số 1/STTTT");
		assertThat(copy.form(AgencyGroup.DEPARTMENT).criteria()).isEqualTo(source.form(AgencyGroup.DEPARTMENT).criteria());
		assertThat(catalog.previous(copy)).contains(source);
		assertThat(catalog.campaigns()).last().isEqualTo(copy);
		assertThat(catalog.definitionsInUse()).containsKey("thanh-hoa-2017");
	}

	@Test
	void refusesAnUploadedCriteriaFileNamingEachWrongLine() throws IOException {
		CampaignCatalog catalog = CampaignCatalog.load(CampaignCatalogTest.projectCampaigns());
		Campaign source = catalog.require("thanh-hoa-2016");
		Campaign next = source.nextRound("thanh-hoa-2017", 2017, "Đánh giá năm 2017", null, LocalDate.of(2017, 11, 24), null);
		List<String> lines = Files.readAllLines(CampaignCatalogTest.projectCampaigns().resolve("thanh-hoa-2016/criteria-department.yaml"));
		int formula = lines.indexOf(lines.stream().filter(l -> l.trim().startsWith("formula: \"")).findFirst().orElseThrow());
		lines.set(formula, lines.get(formula).replaceFirst("formula: \"", "formula: \"khong_co_so_lieu + "));
		lines.add(3, "max-totl: 100");

		List<String> problems = catalog.define(catalog.copy(source, next, Map.of(AgencyGroup.DEPARTMENT, String.join("\n", lines)), "admin", NOW));

		assertThat(problems).anySatisfy(p -> assertThat(p).contains("criteria-department.yaml:4:").contains("max-totl"));
		assertThat(problems).anySatisfy(p -> assertThat(p).contains("criteria-department.yaml:" + (formula + 2) + ":").contains("khong_co_so_lieu"));
		assertThat(catalog.find("thanh-hoa-2017")).as("nothing defined").isEmpty();
	}

	@Test
	void answersWithAnAgencysChangedAddressesEverywhere() {
		CampaignCatalog catalog = CampaignCatalog.load(CampaignCatalogTest.projectCampaigns());
		Campaign campaign = catalog.require("thanh-hoa-2016");
		Campaign changed = campaign.withEmails("so-tu-phap", List.of(" VanThu.STP@ThanhHoa.gov.vn", "sotuphap@thanhhoa.gov.vn"));

		assertThat(catalog.define(catalog.change(changed, "admin", NOW, "Địa chỉ thư của Sở Tư pháp"))).isEmpty();

		Campaign now = catalog.require("thanh-hoa-2016");
		assertThat(now.agencyBySender("vanthu.stp@thanhhoa.gov.vn")).map(Agency::id).contains("so-tu-phap");
		assertThat(now.form(AgencyGroup.DISTRICT).criteria().version())
			.as("the criteria are the same file").isEqualTo(campaign.form(AgencyGroup.DISTRICT).criteria().version());
		assertThat(catalog.version()).as("scores need not be worked out again").isEqualTo(CampaignCatalog.load(CampaignCatalogTest.projectCampaigns()).version());
	}

	@Test
	void refusesAnAddressAnotherAgencyAlreadyHas() {
		CampaignCatalog catalog = CampaignCatalog.load(CampaignCatalogTest.projectCampaigns());
		Campaign changed = catalog.require("thanh-hoa-2016").withEmails("so-tu-phap", List.of("sonoivu@thanhhoa.gov.vn"));

		assertThat(catalog.define(catalog.change(changed, "admin", NOW, "")))
			.anySatisfy(p -> assertThat(p).contains("sonoivu@thanhhoa.gov.vn").contains("so-noi-vu"));
		assertThat(catalog.require("thanh-hoa-2016").agencyBySender("sonoivu@thanhhoa.gov.vn")).map(Agency::id).contains("so-noi-vu");
	}

	@Test
	void letsTheFolderCountAgainWhenItChangedAfterTheDashboardsChange() throws IOException {
		copyCampaigns();
		CampaignCatalog before = CampaignCatalog.load(this.dir);
		CampaignDefined change = before.change(before.require("cao-bang-2017").withEmails("so-tu-phap", List.of("moi@caobang.gov.vn")), "admin",
				NOW, "");
		CampaignCatalog unchanged = CampaignCatalog.load(this.dir);
		assertThat(unchanged.define(change)).isEmpty();
		assertThat(unchanged.require("cao-bang-2017").agencyBySender("moi@caobang.gov.vn")).isPresent();

		Path file = this.dir.resolve("cao-bang-2017/campaign.yaml");
		Files.writeString(file, Files.readString(file).replace("deadline: ", "# sửa sau\ndeadline: "));
		CampaignCatalog edited = CampaignCatalog.load(this.dir);
		assertThat(edited.define(change)).isEmpty();

		assertThat(edited.require("cao-bang-2017").agencyBySender("moi@caobang.gov.vn")).as("the folder is the newer").isEmpty();
		assertThat(edited.definitionsInUse()).doesNotContainKey("cao-bang-2017");
		assertThat(edited.definitionsSuperseded()).containsKey("cao-bang-2017");
		assertThat(unchanged.definitionsSuperseded()).isEmpty();
	}

	@Test
	void travelsWithItsTypeAndVersion() {
		CampaignDefined defined = new CampaignDefined("thanh-hoa-2017", Map.of("campaign.yaml", "id: thanh-hoa-2017\n"), null, "admin", NOW,
				"Tạo từ đợt thanh-hoa-2016");

		byte[] json = defined.toJson();

		assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"type\":\"CampaignDefined\"").contains("\"version\":1");
		assertThat(CampaignDefined.fromJson(json)).isEqualTo(defined);
	}

	private void copyCampaigns() throws IOException {
		Path from = CampaignCatalogTest.projectCampaigns();
		try (Stream<Path> files = Files.walk(from)) {
			for (Path path : files.toList()) {
				Path to = this.dir.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(to);
				}
				else {
					Files.copy(path, to);
				}
			}
		}
	}
}
