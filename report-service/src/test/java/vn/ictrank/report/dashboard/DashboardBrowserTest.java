package vn.ictrank.report.dashboard;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;


import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static vn.ictrank.report.submissions.SubmissionEvents.ON_TIME;
import static vn.ictrank.report.submissions.SubmissionEvents.extracted;
import static vn.ictrank.report.submissions.SubmissionEvents.received;
import static vn.ictrank.report.submissions.SubmissionEvents.rejected;
import static vn.ictrank.report.submissions.SubmissionEvents.scored;

/** Staff use of the dashboard in a real browser (Debian's Chromium, headless). */
class DashboardBrowserTest extends MailServerSupport {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@TempDir
	Path profile;

	private WebDriver browser;

	@BeforeEach
	void openBrowser() {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Chromium is not installed (apt-get install chromium chromium-driver); .ci/run installs it");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--lang=vi",
				"--user-data-dir=" + this.profile, "--window-size=1280,900");
		this.browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort().build(), options);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void staffSignInSeeWhatArrivedAreToldOfNewMailOpenASubmissionAndTheRanking() throws Exception {
		send(Topics.SUBMISSIONS, received("so-noi-vu", ON_TIME));
		send(Topics.FORMS, extracted("so-noi-vu", ON_TIME));
		send(Topics.SCORES, scored("so-noi-vu", ON_TIME, "78.45", 1));
		send(Topics.SUBMISSIONS, received("so-tu-phap", ON_TIME.plusSeconds(60)));
		send(Topics.SUBMISSIONS, rejected("so-tu-phap", ON_TIME.plusSeconds(60), "Thư không có tệp đính kèm."));

		this.browser.get(url("/"));
		assertThat(this.browser.getTitle()).contains("Đăng nhập");
		this.browser.findElement(By.id("username")).sendKeys("admin");
		this.browser.findElement(By.id("password")).sendKeys(PASSWORD);
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			this.browser.navigate().refresh();
			assertThat(this.browser.findElement(By.id("ho-so")).getText()).contains("Sở Nội vụ").contains("78,45")
				.contains("Sở Tư pháp").contains("Thư không có tệp đính kèm.");
		});
		screenshot("tong-quan");

		send(Topics.SUBMISSIONS, received("so-xay-dung", ON_TIME.plusSeconds(120)));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.browser.findElement(By.id("co-cap-nhat")).isDisplayed()).isTrue());
		this.browser.findElement(By.cssSelector("#co-cap-nhat a")).click();
		assertThat(this.browser.findElement(By.id("ho-so")).getText()).contains("Sở Xây dựng");
		assertThat(this.browser.findElement(By.id("co-cap-nhat")).isDisplayed()).isFalse();
		String scoredBefore = this.browser.findElement(By.id("so-da-cham")).getText();

		// A change to a submission on the page redraws its row and the counters where they are.
		send(Topics.FORMS, extracted("so-xay-dung", ON_TIME.plusSeconds(120)));
		send(Topics.SCORES, scored("so-xay-dung", ON_TIME.plusSeconds(120), "64.5", 1));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(row("Sở Xây dựng")).contains("Đã chấm điểm").contains("64,5"));
		assertThat(this.browser.findElement(By.id("so-da-cham")).getText()).isEqualTo(String.valueOf(Integer.parseInt(scoredBefore) + 1));
		assertThat(this.browser.findElement(By.id("co-cap-nhat")).isDisplayed()).isFalse();

		// Staff find an agency by its name typed without diacritics.
		this.browser.findElement(By.name("tim")).sendKeys("so tu phap");
		this.browser.findElement(By.cssSelector("#loc button[type=submit]")).click();
		// The page is replaced by the filtered one: read it once it is there.
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> assertThat(this.browser.findElement(By.id("ho-so")).getText())
			.contains("Sở Tư pháp").doesNotContain("Sở Nội vụ").doesNotContain("Sở Xây dựng"));
		this.browser.findElement(By.linkText("Bỏ lọc")).click();

		this.browser.findElement(By.linkText("20/11/2016 09:00:00")).click();
		assertThat(this.browser.findElement(By.tagName("main")).getText()).contains("Điểm từng chỉ tiêu")
			.contains("Tỷ lệ CBCCVC được trang bị máy tính").contains("Mẫu 01!D9");

		// Staff send the form back with what to correct; the agency finds it in its inbox.
		this.browser.findElement(By.name("yeu-cau")).sendKeys("Đề nghị ghi rõ tổng số CBCCVC tại ô D9.");
		screenshot("ho-so");
		this.browser.findElement(By.xpath("//button[text()='Trả lại']")).click();
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
			.untilAsserted(() -> assertThat(this.browser.findElement(By.id("trang-thai-xem-xet")).getText()).isEqualTo("Trả lại"));
		screenshot("ho-so-tra-lai");
		await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> inbox("sonoivu@thanhhoa.gov.vn").stream()
			.map(DashboardBrowserTest::textOf).anyMatch(letter -> letter.contains("Đề nghị ghi rõ tổng số CBCCVC tại ô D9.")));

		this.browser.findElement(By.linkText("Xếp hạng")).click();
		assertThat(this.browser.findElement(By.cssSelector("table.ranking")).getText()).contains("1 Sở Nội vụ 78,45 Khá");
		screenshot("xep-hang");
	}

	/** The text of the submissions-table row of an agency, as the browser shows it now. */
	private String row(String agency) {
		return this.browser.findElements(By.cssSelector("#ho-so tr[data-submission]")).stream().map(WebElement::getText)
			.filter(text -> text.contains(agency)).findFirst().orElse("");
	}

	private static String textOf(jakarta.mail.internet.MimeMessage letter) {
		try {
			return text(letter);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void screenshot(String name) throws Exception {
		File shot = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.FILE);
		Path target = Files.createDirectories(Path.of("target", "screenshots"));
		Files.copy(shot.toPath(), target.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}
}
