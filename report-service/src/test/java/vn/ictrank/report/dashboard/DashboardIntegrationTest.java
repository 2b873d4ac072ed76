package vn.ictrank.report.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;


import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.ictrank.report.submissions.SubmissionEvents.ON_TIME;
import static vn.ictrank.report.submissions.SubmissionEvents.extracted;
import static vn.ictrank.report.submissions.SubmissionEvents.quarantined;
import static vn.ictrank.report.submissions.SubmissionEvents.receivedFromElsewhere;
import static vn.ictrank.report.submissions.SubmissionEvents.received;
import static vn.ictrank.report.submissions.SubmissionEvents.rejected;
import static vn.ictrank.report.submissions.SubmissionEvents.scored;

class DashboardIntegrationTest extends ReportTestSupport {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void showsEachSubmissionWithStatusTotalAndReasonAndIgnoresRedeliveryAndStaleScores() throws Exception {
		var t = ON_TIME.plusSeconds(3600);
		int before = Integer.parseInt(count(get("/"), "so-thu"));
		send(Topics.SUBMISSIONS, received("so-noi-vu", t));
		send(Topics.SCORES, scored("so-noi-vu", t, "80.10", 4));
		send(Topics.FORMS, extracted("so-noi-vu", t));
		send(Topics.SUBMISSIONS, received("so-tu-phap", t.plusSeconds(5)));
		send(Topics.SUBMISSIONS, rejected("so-tu-phap", t.plusSeconds(5), "Không tìm thấy phiếu: tệp 'a.xlsx' bị hỏng."));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			String page = get("/");
			assertThat(row(page, "Sở Nội vụ")).contains("Đã chấm điểm").contains("80,1");
			assertThat(row(page, "Sở Tư pháp")).contains("Lỗi").contains("tệp 'a.xlsx' bị hỏng");
			assertThat(count(page, "so-thu")).isEqualTo(String.valueOf(before + 2));
		});

		send(Topics.SUBMISSIONS, received("so-noi-vu", t));
		send(Topics.SCORES, scored("so-noi-vu", t, "60.00", 2));
		// Behind the stale score on the same partition: once it shows, the stale score was applied too.
		send(Topics.SUBMISSIONS, received("so-xay-dung", t));
		send(Topics.SCORES, scored("so-xay-dung", t, "70.00", 1));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(row(get("/"), "Sở Xây dựng")).contains("70"));
		String page = get("/");
		assertThat(row(page, "Sở Nội vụ")).contains("80,1").doesNotContain("60");
		assertThat(count(page, "so-thu")).isEqualTo(String.valueOf(before + 3));
	}

	@Test
	void pushesEachChangeOfASubmissionToAnOpenPageAndNothingForARedelivery() throws Exception {
		var t = ON_TIME.plusSeconds(12000);
		String auth = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		HttpResponse<java.io.InputStream> stream = this.http.send(HttpRequest.newBuilder(uri("/su-kien"))
			.header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(stream.statusCode()).isEqualTo(200);
		assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
		java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> {
			try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					lines.add(line);
				}
			}
			catch (java.io.IOException ex) {
				// the test ended the stream
			}
		});
		reader.setDaemon(true);
		reader.start();

		var received = received("so-tai-nguyen-va-moi-truong", t);
		send(Topics.SUBMISSIONS, received);
		send(Topics.FORMS, extracted("so-tai-nguyen-va-moi-truong", t));
		send(Topics.SCORES, scored("so-tai-nguyen-va-moi-truong", t, "66.25", 3));
		String id = received.submissionId().value();
		java.util.List<String> changes = new java.util.ArrayList<>();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			lines.drainTo(changes);
			// The three topics are read independently, so the three changes may come in any order.
			assertThat(changes.stream().filter(l -> l.startsWith("data:") && l.contains(id))).hasSize(3)
				.anySatisfy(l -> assertThat(l).contains("\"status\":\"SCORED\"").contains("\"total\":\"66,25\"").contains("Đã chấm điểm"));
		});
		assertThat(changes).contains("event:ho-so");

		// A redelivery changes nothing, so the page is told nothing; the next real change still arrives.
		send(Topics.SUBMISSIONS, received);
		var next = received("so-cong-thuong", t);
		send(Topics.SUBMISSIONS, next);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			lines.drainTo(changes);
			assertThat(changes).anySatisfy(l -> assertThat(l).contains(next.submissionId().value()));
		});
		assertThat(changes.stream().filter(l -> l.startsWith("data:") && l.contains(id))).hasSize(3);
		stream.body().close();
	}

	@Test
	void marksASubmissionStaffMustConfirmAndOneHeldInQuarantine() throws Exception {
		var t = ON_TIME.plusSeconds(7200);
		send(Topics.SUBMISSIONS, receivedFromElsewhere("so-giao-duc-va-dao-tao", t, "canbo.sgd@gmail.com"));
		send(Topics.FORMS, extracted("so-giao-duc-va-dao-tao", t));
		send(Topics.SUBMISSIONS, received("thanh-tra-tinh", t));
		send(Topics.SUBMISSIONS, quarantined("thanh-tra-tinh", t));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			String page = get("/");
			assertThat(row(page, "Sở Giáo dục và Đào tạo")).contains("Cần xác nhận").contains("canbo.sgd@gmail.com");
			assertThat(row(page, "Thanh tra tỉnh")).contains("Cách ly").contains("được cách ly");
		});
	}

	@Test
	void showsTheSameWhenEveryEventIsDeliveredTwice() throws Exception {
		var t = ON_TIME.plusSeconds(9000);
		List<String> agencies = List.of("so-lao-dong-thuong-binh-va-xa-hoi", "so-khoa-hoc-va-cong-nghe", "ban-dan-toc");
		List<java.util.Map.Entry<String, vn.ictrank.model.event.EventEnvelope>> events = new java.util.ArrayList<>();
		for (int i = 0; i < agencies.size(); i++) {
			String agency = agencies.get(i);
			events.add(java.util.Map.entry(Topics.SUBMISSIONS, received(agency, t)));
			events.add(java.util.Map.entry(Topics.FORMS, extracted(agency, t)));
			events.add(java.util.Map.entry(Topics.SCORES, i == 2 ? rejected(agency, t, "Không tính được điểm chỉ tiêu HT3.")
					: scored(agency, t, "7" + i + ".50", 1)));
		}
		for (var event : events) {
			send(event.getKey(), event.getValue());
		}
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(row(get("/"), "Ban Dân tộc")).contains("Lỗi"));
		String once = get("/");

		for (var event : events) {
			send(event.getKey(), event.getValue());
		}
		// Behind the repeated events on their partitions: once it shows, they were all applied again.
		send(Topics.SUBMISSIONS, received("so-ke-hoach-va-dau-tu", t));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(row(get("/"), "Sở Kế hoạch và Đầu tư")).isNotEmpty());
		String twice = get("/");

		for (String agency : List.of("Sở Lao động - Thương binh và Xã hội", "Sở Khoa học và Công nghệ", "Ban Dân tộc")) {
			assertThat(row(once, agency)).as(agency).isNotEmpty();
			assertThat(row(twice, agency)).as(agency).isEqualTo(row(once, agency));
		}
		for (String card : List.of("so-da-cham", "so-loi")) {
			assertThat(count(twice, card)).as(card).isEqualTo(count(once, card));
		}
		assertThat(Integer.parseInt(count(twice, "so-thu"))).isEqualTo(Integer.parseInt(count(once, "so-thu")) + 1);
	}

	@Test
	void ranksOnTimeAgenciesAndListsLateAndMissingOnesApart() throws Exception {
		send(Topics.SUBMISSIONS, received("so-y-te", ON_TIME));
		send(Topics.SCORES, scored("so-y-te", ON_TIME, "91.50", 1));
		send(Topics.SUBMISSIONS, received("so-ngoai-vu", java.time.Instant.parse("2016-12-01T02:00:00Z")));
		send(Topics.SCORES, scored("so-ngoai-vu", java.time.Instant.parse("2016-12-01T02:00:00Z"), "95.00", 1));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			String page = get("/xep-hang");
			assertThat(page).contains("Sở Y tế").contains("91,5");
			assertThat(page).contains("Sở Ngoại vụ: Nộp muộn, không xếp hạng");
			assertThat(page).contains("Sở Xây dựng: Chưa nộp");
		});
	}

	@Test
	void servesMetricsOnlyToSignedInClients() throws Exception {
		HttpResponse<String> anonymous = this.http.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(get("/actuator/prometheus")).contains("jvm_memory_used_bytes");
		// Up once every listener has joined its group, a moment after the start.
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(this.http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200));
	}

	@Test
	void isReadyOnlyOnceItsWritesAreWarmedUpAndLeavesNothingOfTheWarmUpBehind(
			@org.springframework.beans.factory.annotation.Autowired org.springframework.data.mongodb.core.MongoTemplate database) throws Exception {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))
			.build(), HttpResponse.BodyHandlers.ofString()).body()).contains("\"storeWarmedUp\":{\"status\":\"UP\""));

		assertThat(database.collectionExists("warm-up-submissions")).isFalse();
		assertThat(database.count(org.springframework.data.mongodb.core.query.Query.query(org.springframework.data.mongodb.core.query.Criteria
			.where("campaignId").is(vn.ictrank.model.event.WarmUpEvents.CAMPAIGN)), "submissions")).isZero();
		assertThat(get("/")).doesNotContain("warm-up");
	}

	@Test
	void sendsAStrangerToTheLoginPageButServesBlankFormsToAnyone() throws Exception {
		HttpResponse<String> dashboard = this.http.send(HttpRequest.newBuilder(uri("/")).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(dashboard.statusCode()).isEqualTo(302);
		assertThat(dashboard.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/dang-nhap"));

		HttpResponse<byte[]> form = this.http.send(HttpRequest.newBuilder(uri("/bieu-mau/thanh-hoa-2016/department")).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(form.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains("attachment"));
		assertThat(new String(form.body(), 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
	}

	private URI uri(String path) {
		return URI.create(url(path));
	}

}
