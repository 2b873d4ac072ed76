package vn.ictrank.model.campaign;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CampaignCatalogTest {

	static Path projectCampaigns() {
		return Path.of(System.getProperty("ictrank.campaigns-dir", "../campaigns"));
	}

	@TempDir
	Path dir;

	@Test
	void loadsTheProjectsCampaignsWithBothGroupsEach() {
		CampaignCatalog catalog = CampaignCatalog.load(projectCampaigns());

		Campaign thanhHoa = catalog.require("thanh-hoa-2016");
		assertThat(thanhHoa.form(AgencyGroup.DEPARTMENT).formName()).isEqualTo("Mẫu 01");
		assertThat(thanhHoa.form(AgencyGroup.DISTRICT).formName()).isEqualTo("Mẫu 02");
		assertThat(thanhHoa.agencies(AgencyGroup.DEPARTMENT)).hasSize(20);
		assertThat(thanhHoa.agencies(AgencyGroup.DISTRICT)).hasSize(27);
		assertThat(thanhHoa.mailbox()).isEqualTo("cntt.stttt@thanhhoa.gov.vn");
		Campaign caoBang = catalog.require("cao-bang-2017");
		assertThat(caoBang.form(AgencyGroup.DEPARTMENT).formName()).isEqualTo("Phụ lục I");
		assertThat(caoBang.form(AgencyGroup.DISTRICT).criteria().maxTotal()).isEqualByComparingTo("100");
	}

	@Test
	void judgesLatenessByTheDeadlineDayInVietnam() {
		Campaign campaign = CampaignCatalog.load(projectCampaigns()).require("cao-bang-2017");

		assertThat(campaign.isLate(Instant.parse("2017-11-03T16:59:59Z"))).isFalse();
		assertThat(campaign.isLate(Instant.parse("2017-11-03T17:00:00Z"))).isTrue();
	}

	@Test
	void takesADeadlineWithATimeOfDayAsTheLetterWritesIt() throws IOException {
		Path file = copyCampaign().resolve("campaign.yaml");
		replace(file, "deadline: 2016-11-25", "deadline: 2016-11-25T17:00");

		Campaign campaign = CampaignCatalog.load(this.dir).require("thanh-hoa-2016");

		assertThat(campaign.isLate(Instant.parse("2016-11-25T09:59:59Z"))).as("16:59:59 in Vietnam").isFalse();
		assertThat(campaign.isLate(Instant.parse("2016-11-25T10:00:00Z"))).as("17:00 in Vietnam").isTrue();
		assertThat(campaign.deadlineText()).isEqualTo("17 giờ 00 ngày 25/11/2016");
		assertThat(CampaignCatalog.load(projectCampaigns()).require("thanh-hoa-2016").deadlineText()).isEqualTo("hết ngày 25/11/2016");
	}

	@Test
	void findsAnAgencyWhateverItsDiacriticsCaseOrUbndPrefix() {
		Campaign campaign = CampaignCatalog.load(projectCampaigns()).require("thanh-hoa-2016");

		assertThat(campaign.agencyByName("SỞ  NỘI VỤ")).map(Agency::id).contains("so-noi-vu");
		assertThat(campaign.agencyByName("So noi vu")).map(Agency::id).contains("so-noi-vu");
		assertThat(campaign.agencyByName("UBND huyện Bá Thước")).map(Agency::id).contains("huyen-ba-thuoc");
		assertThat(campaign.agencyByName("Ủy ban nhân dân huyện Bá Thước")).map(Agency::id).contains("huyen-ba-thuoc");
		assertThat(campaign.agencyByName("Sở Ngoại giao")).isEmpty();
		assertThat(campaign.agencyBySender("SoNoiVu@ThanhHoa.gov.vn")).map(Agency::id).contains("so-noi-vu");
	}

	@Test
	void assignsTheGradeBandByTheUnroundedLowerBound() {
		CriteriaSet set = CampaignCatalog.load(projectCampaigns()).require("thanh-hoa-2016").form(AgencyGroup.DEPARTMENT).criteria();

		assertThat(set.band(new BigDecimal("85")).label()).isEqualTo("Tốt");
		assertThat(set.band(new BigDecimal("84.99")).label()).isEqualTo("Khá");
		assertThat(set.band(new BigDecimal("49.5")).label()).isEqualTo("Yếu");
	}

	@Test
	void stopsOnAFormulaThatReadsAnUnknownInputNamingFileLineAndIndicator() throws IOException {
		Path criteria = copyCampaign().resolve("criteria-department.yaml");
		replace(criteria, "bw_per_staff / group_max(bw_per_staff), 0) * 5", "bw_per_staf / group_max(bw_per_staff), 0) * 5");

		assertThatThrownBy(() -> CampaignCatalog.load(this.dir))
			.isInstanceOf(InvalidCampaignException.class)
			.hasMessageContaining(criteria + ":" + lineOf(criteria, "bw_per_staf /"))
			.hasMessageContaining("chỉ tiêu HT3")
			.hasMessageContaining("'bw_per_staf'");
	}

	@Test
	void stopsOnAnIndicatorWithoutMaximum() throws IOException {
		Path criteria = copyCampaign().resolve("criteria-department.yaml");
		int line = lineOf(criteria, "id: HT2") + 2;
		removeLine(criteria, line);

		assertThatThrownBy(() -> CampaignCatalog.load(this.dir))
			.hasMessageContaining("chỉ tiêu HT2: thiếu mục 'max'");
	}

	@Test
	void stopsOnACycleBetweenDerivedValues() throws IOException {
		Path criteria = copyCampaign().resolve("criteria-department.yaml");
		replace(criteria, "kinh_phi_cntt_trieu / tong_chi_ngan_sach_trieu", "bw_per_staff / tong_chi_ngan_sach_trieu");
		replace(criteria, "bang_thong_quy_doi_mbps / tong_cbccvc", "it_spend_share / tong_cbccvc");

		assertThatThrownBy(() -> CampaignCatalog.load(this.dir)).hasMessageContaining("vòng lặp giữa các giá trị dẫn xuất");
	}

	@Test
	void stopsOnAMisspeltKeyNamingFileLineAndTheKeyItWasMeantToBe() throws IOException {
		Path folder = copyCampaign();
		Path campaign = folder.resolve("campaign.yaml");
		Path criteria = folder.resolve("criteria-department.yaml");
		int formula = lineOf(criteria, "id: HT1") + 3;
		replaceLine(criteria, formula, "formula:", "fomula:");

		assertThatThrownBy(() -> CampaignCatalog.load(this.dir))
			.isInstanceOf(InvalidCampaignException.class)
			.hasMessageContaining(criteria + ":" + formula + ": ")
			.hasMessageContaining("khóa 'fomula' không được dùng ở đây; có phải 'formula'?");

		replaceLine(criteria, formula, "fomula:", "formula:");
		replace(campaign, "emails: [sotuphap@thanhhoa.gov.vn]", "email: [sotuphap@thanhhoa.gov.vn]");

		assertThatThrownBy(() -> CampaignCatalog.load(this.dir))
			.hasMessageContaining(campaign + ":" + lineOf(campaign, "email: [sotuphap@")
					+ ": cơ quan so-tu-phap: khóa 'email' không được dùng ở đây; có phải 'emails'?");
	}

	@Test
	void readsEachDataCheckWithTheIndicatorsWhoseFiguresItReads() {
		CriteriaSet department = CampaignCatalog.load(projectCampaigns()).require("thanh-hoa-2016").form(AgencyGroup.DEPARTMENT).criteria();

		CriteriaSet.Check computers = department.checks().stream().filter(c -> c.id().equals("C01")).findFirst().orElseThrow();
		assertThat(computers.severity()).isEqualTo(CriteriaSet.Severity.ERROR);
		// HT1 reads both; HT3 reads staff through bandwidth per staff.
		assertThat(computers.indicators()).contains("HT1", "HT3").doesNotContain("HT2");
		CriteriaSet.Check bandwidth = department.checks().stream().filter(c -> c.id().equals("C18")).findFirst().orElseThrow();
		assertThat(bandwidth.severity()).isEqualTo(CriteriaSet.Severity.WARNING);
		assertThat(bandwidth.rule().calls("group_median")).isTrue();
		assertThat(department.nameOf("bw_per_staff")).isEqualTo("Băng thông quy đổi trên mỗi CBCCVC (Mbps/người)");
	}

	@Test
	void stopsOnADataCheckWithAnUnknownSeverityOrAMedianInAScoringFormula() throws IOException {
		Path criteria = copyCampaign().resolve("criteria-department.yaml");
		replace(criteria, "{id: C01, severity: error,", "{id: C01, severity: loi,");
		int formula = lineOf(criteria, "id: HT1") + 3;
		replaceLine(criteria, formula, "min(1, so_cbccvc_co_may_tinh / tong_cbccvc)", "min(1, so_cbccvc_co_may_tinh / group_median(tong_cbccvc))");

		assertThatThrownBy(() -> CampaignCatalog.load(this.dir))
			.hasMessageContaining(criteria + ":" + lineOf(criteria, "{id: C01,") + ": kiểm tra C01: mức 'loi' không hợp lệ")
			.hasMessageContaining(criteria + ":" + formula + ": ")
			.hasMessageContaining("group_median chỉ dùng trong mục checks");
	}

	@Test
	void readsChecksThatCompareWithLastYearAndRefusesLastYearInAScoringFormula() throws IOException {
		CriteriaSet department = CampaignCatalog.load(projectCampaigns()).require("thanh-hoa-2016").form(AgencyGroup.DEPARTMENT).criteria();
		assertThat(department.comparesWithLastYear()).isTrue();
		CriteriaSet.Check computers = department.checks().stream().filter(c -> c.id().equals("C21")).findFirst().orElseThrow();
		assertThat(computers.severity()).isEqualTo(CriteriaSet.Severity.WARNING);
		assertThat(computers.indicators()).contains("HT1");

		Path criteria = copyCampaign().resolve("criteria-department.yaml");
		int formula = lineOf(criteria, "id: HT1") + 3;
		replaceLine(criteria, formula, "min(1, so_cbccvc_co_may_tinh / tong_cbccvc)", "min(1, so_cbccvc_co_may_tinh / last_year(tong_cbccvc))");

		assertThatThrownBy(() -> CampaignCatalog.load(this.dir))
			.hasMessageContaining(criteria + ":" + formula + ": ")
			.hasMessageContaining("last_year chỉ dùng trong mục checks");
	}

	@Test
	void findsTheCampaignTheSameProvinceRanBeforeWhateverTheDiacritics() {
		CampaignCatalog catalog = CampaignCatalog.load(projectCampaigns());

		assertThat(catalog.previous(catalog.require("thanh-hoa-2026"))).map(Campaign::id).hasValue("thanh-hoa-2016");
		assertThat(catalog.previous(catalog.require("thanh-hoa-2016"))).isEmpty();
		assertThat(catalog.previous(catalog.require("cao-bang-2017"))).isEmpty();
	}

	@Test
	void givesACriteriaSetANewVersionWhenItsFileChangesAndOnlyThen() throws IOException {
		Path criteria = copyCampaign().resolve("criteria-department.yaml");
		String first = CampaignCatalog.load(this.dir).require("thanh-hoa-2016").form(AgencyGroup.DEPARTMENT).criteria().version();
		assertThat(CampaignCatalog.load(this.dir).require("thanh-hoa-2016").form(AgencyGroup.DEPARTMENT).criteria().version())
			.isEqualTo(first).matches("[0-9a-f]{12}");

		int max = lineOf(criteria, "id: HT1") + 2;
		replaceLine(criteria, max, "max: 6", "max: 6.0");

		assertThat(CampaignCatalog.load(this.dir).require("thanh-hoa-2016").form(AgencyGroup.DEPARTMENT).criteria().version())
			.isNotEqualTo(first);
	}

	@Test
	void stopsOnBrokenYamlWithItsLine() throws IOException {
		Path campaign = copyCampaign().resolve("campaign.yaml");
		replace(campaign, "mailbox: cntt.stttt@thanhhoa.gov.vn", "mailbox: [cntt.stttt@thanhhoa.gov.vn");

		assertThatThrownBy(() -> CampaignCatalog.load(this.dir)).hasMessageContaining(campaign.toString())
			.hasMessageContaining("sai cú pháp YAML");
	}

	@Test
	void stopsOnAnAgencyInAGroupWithoutForm() throws IOException {
		Path campaign = copyCampaign().resolve("campaign.yaml");
		replace(campaign, "name: \"Sở Tư pháp\", group: department", "name: \"Sở Tư pháp\", group: commune");

		assertThatThrownBy(() -> CampaignCatalog.load(this.dir)).hasMessageContaining("cơ quan so-tu-phap")
			.hasMessageContaining("nhóm không hợp lệ: 'commune'");
	}

	private Path copyCampaign() throws IOException {
		Path target = Files.createDirectories(this.dir.resolve("thanh-hoa-2016"));
		try (Stream<Path> files = Files.list(projectCampaigns().resolve("thanh-hoa-2016"))) {
			for (Path file : files.toList()) {
				Files.copy(file, target.resolve(file.getFileName()));
			}
		}
		return target;
	}

	private static void replace(Path file, String from, String to) throws IOException {
		String text = Files.readString(file);
		assertThat(text).contains(from);
		Files.writeString(file, text.replace(from, to));
	}

	private static int lineOf(Path file, String text) throws IOException {
		var lines = Files.readAllLines(file);
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text)) {
				return i + 1;
			}
		}
		throw new AssertionError(text + " not in " + file);
	}

	private static void replaceLine(Path file, int line, String from, String to) throws IOException {
		var lines = new java.util.ArrayList<>(Files.readAllLines(file));
		lines.set(line - 1, lines.get(line - 1).replace(from, to));
		Files.write(file, lines);
	}

	private static void removeLine(Path file, int line) throws IOException {
		var lines = new java.util.ArrayList<>(Files.readAllLines(file));
		lines.remove(line - 1);
		Files.write(file, lines);
	}
}
