package vn.ictrank.report.dashboard;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import vn.ictrank.model.event.Topics;
import vn.ictrank.report.users.StaffUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.ictrank.report.submissions.SubmissionEvents.CAMPAIGN;
import static vn.ictrank.report.submissions.SubmissionEvents.id;
import static vn.ictrank.report.submissions.SubmissionEvents.received;
import static vn.ictrank.report.submissions.SubmissionEvents.scored;

/** What each role (xem, thẩm định, quản trị) may and may not do, with users an administrator adds. */
class StaffRolesIntegrationTest extends ReportTestSupport {

	@Autowired
	MongoTemplate mongo;

	@Test
	void viewersOnlyLookReviewersActOnSubmissionsAndOnlyAdministratorsManageUsersAndAcceptLateForms() throws Exception {
		String users = get("/nguoi-dung");
		assertThat(submit(users, "/nguoi-dung", form("xem.nguyen", "Nguyễn Thị Xem", "VIEW", "mat-khau-xem-01"))).isEqualTo(302);
		assertThat(submit(get("/nguoi-dung"), "/nguoi-dung", form("thamdinh.tran", "Trần Văn Thẩm", "REVIEW", "mat-khau-tham-dinh"))).isEqualTo(302);
		assertThat(get("/nguoi-dung")).contains("xem.nguyen").contains("Nguyễn Thị Xem").contains("thamdinh.tran").contains("Thẩm định");
		StaffUsers.StaffUser stored = this.mongo.findById("xem.nguyen", StaffUsers.StaffUser.class);
		assertThat(stored.passwordHash()).startsWith("{bcrypt}$2").doesNotContain("mat-khau-xem-01");

		Instant late = CAMPAIGN.lateFrom().plusSeconds(600);
		send(Topics.SUBMISSIONS, received("so-lao-dong-thuong-binh-va-xa-hoi", late));
		send(Topics.SCORES, scored("so-lao-dong-thuong-binh-va-xa-hoi", late, "77", 1));
		String id = id("so-lao-dong-thuong-binh-va-xa-hoi", late).value();
		await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> get("/ho-so/" + id), p -> p.contains("77,00"));

		Staff viewer = new Staff("xem.nguyen", "mat-khau-xem-01");
		String seen = viewer.get("/ho-so/" + id).body();
		assertThat(seen).contains("77,00").doesNotContain("/ghi-chu\"").doesNotContain("/tra-lai\"").doesNotContain("Người dùng</a>");
		assertThat(viewer.get("/xep-hang.xlsx").statusCode()).isEqualTo(200);
		assertThat(viewer.post("/ho-so/" + id + "/ghi-chu", seen, "noi-dung=xem").statusCode()).isEqualTo(403);
		assertThat(viewer.post("/nhac-nop", seen, "").statusCode()).isEqualTo(403);
		assertThat(viewer.get("/nguoi-dung").statusCode()).isEqualTo(403);

		Staff reviewer = new Staff("thamdinh.tran", "mat-khau-tham-dinh");
		String page = reviewer.get("/ho-so/" + id).body();
		assertThat(page).contains("/ghi-chu\"").doesNotContain("/chap-nhan-nop-muon\"");
		assertThat(reviewer.post("/ho-so/" + id + "/ghi-chu", page, "noi-dung=" + URLEncoder.encode("Đã gọi điện xác nhận", StandardCharsets.UTF_8))
			.statusCode()).isEqualTo(302);
		assertThat(reviewer.post("/ho-so/" + id + "/chap-nhan-nop-muon", page, "ly-do=x").statusCode()).isEqualTo(403);
		assertThat(reviewer.post("/nguoi-dung", page, form("tu.nang.quyen", "", "ADMIN", "mat-khau-quan-tri")).statusCode()).isEqualTo(403);
		assertThat(reviewer.get("/co-quan/so-tu-phap").body()).contains("sotuphap@thanhhoa.gov.vn").doesNotContain("/dia-chi\"");
		assertThat(reviewer.post("/co-quan/so-tu-phap/dia-chi", page, "chien-dich=thanh-hoa-2016&dia-chi=x%40thanhhoa.gov.vn").statusCode())
			.isEqualTo(403);
		assertThat(reviewer.post("/dot-danh-gia/sao-chep", page, "nguon=thanh-hoa-2016&ma=thanh-hoa-2017").statusCode()).isEqualTo(403);
		assertThat(reviewer.get("/dot-danh-gia").body()).contains("thanh-hoa-2016").doesNotContain("/dot-danh-gia/sao-chep");
		assertThat(get("/ho-so/" + id)).contains("thamdinh.tran:").contains("Đã gọi điện xác nhận");
		assertThat(get("/nhat-ky")).contains("Cập nhật người dùng").contains("xem.nguyen: Xem, đặt mật khẩu mới");

		assertThat(submit(get("/nguoi-dung"), "/nguoi-dung", form("xem.nguyen", "Nguyễn Thị Xem", "VIEW", "") + "&khoa=true")).isEqualTo(302);
		assertThat(new Staff("xem.nguyen", "mat-khau-xem-01").get("/").statusCode()).isEqualTo(401);
		// Signed in before being locked: refused at its next request (sent back to sign in, or asked again).
		assertThat(viewer.get("/").statusCode()).isIn(302, 401);
		// Made a viewer: what the reviewer's session could do a moment ago is refused now.
		String before = reviewer.get("/ho-so/" + id).body();
		assertThat(submit(get("/nguoi-dung"), "/nguoi-dung", form("thamdinh.tran", "Trần Văn Thẩm", "VIEW", ""))).isEqualTo(302);
		assertThat(reviewer.post("/ho-so/" + id + "/ghi-chu", before, "noi-dung=x").statusCode()).isIn(302, 403);
		assertThat(get("/ho-so/" + id)).doesNotContain(">x</span>");
	}

	private static String form(String username, String name, String role, String password) {
		return "ten-dang-nhap=" + username + "&ho-ten=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&vai-tro=" + role + "&mat-khau=" + password;
	}

	/** A member of staff's browser, signed in as one user. */
	private final class Staff {

		private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

		private final String authorization;

		Staff(String username, String password) {
			this.authorization = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		}

		HttpResponse<String> get(String path) throws Exception {
			return this.http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", this.authorization).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}

		/** Posts with the CSRF token of a page this user was shown (every page has one, in its sign-out form). */
		HttpResponse<String> post(String path, String page, String fields) throws Exception {
			Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
			assertThat(token.find()).isTrue();
			return this.http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", this.authorization)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token.group(1) + (fields.isEmpty() ? "" : "&" + fields))).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
	}
}
