package vn.ictrank.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import vn.ictrank.forms.DemoFigures;
import vn.ictrank.forms.FormWorkbook;
import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scoring and report scale by adding instances to their consumer group: with two of each sharing
 * the work, and one of each stopped while mail keeps coming, every form is scored and shown once.
 */
class ScalingOutIT {

	private static final Pattern TOKEN = Pattern.compile("\\[(s-\\d+)]");

	private static final int MAILS = 40;

	@Test
	void everyFormIsScoredAndShownOnceWhileOneInstanceOfScoringAndOfReportIsStoppedMidway() throws Exception {
		Path campaigns = Path.of(System.getProperty("ictrank.campaigns-dir", "../../campaigns"));
		Campaign campaign = CampaignCatalog.load(campaigns).require("thanh-hoa-2026");
		Path dir = ProcessStack.freshDirectory(Path.of("target", "scaling"));
		try (ProcessStack stack = new ProcessStack(dir, campaigns, campaign).direct().instances("scoring", 2).instances("report", 2).start()) {
			await("every instance ready").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(stack::ready);
			// A page open on the second report instance, which must hear of every change, whichever instance applied it.
			java.util.Set<String> pushedToSecond = java.util.concurrent.ConcurrentHashMap.newKeySet();
			HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.port("report-2") + "/su-kien"))
				.header("Authorization", ProcessStack.LOGIN).build(), HttpResponse.BodyHandlers.ofLines())
				.thenAccept(response -> response.body().forEach(line -> {
					java.util.regex.Matcher token = TOKEN.matcher(line);
					if (line.startsWith("data:") && line.contains("SCORED") && token.find()) {
						pushedToSecond.add(token.group(1));
					}
				}));
			DemoMailer mailer = new DemoMailer(campaign, stack.smtpPort());
			List<Agency> agencies = campaign.agencies();
			for (int i = 0; i < MAILS; i++) {
				if (i == MAILS / 2) {
					await("the second report instance took its share of the events").atMost(Duration.ofMinutes(1))
						.until(() -> eventsApplied(stack, "report-2") > 0);
					List<String> sentSoFar = java.util.stream.IntStream.range(0, i).mapToObj("s-%03d"::formatted).toList();
					await("a page on the second report instance told of every form scored, whichever instance applied it")
						.atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(pushedToSecond).containsAll(sentSoFar));
					stack.service("scoring-2").stop();
					stack.service("report-2").stop();
				}
				Agency agency = agencies.get(i % agencies.size());
				String token = "s-%03d".formatted(i);
				mailer.send(mailer.message(agency, "scaling-" + token, "Phiếu tự đánh giá [" + token + "]",
						FormWorkbook.fileName(campaign, agency.group(), agency), FormWorkbook.filled(campaign, agency.group(), agency,
								DemoFigures.forAgency(campaign.form(agency.group()).criteria(), i))));
				TimeUnit.MILLISECONDS.sleep(100);
			}

			Map<String, List<String>> shown = new HashMap<>();
			await("every form scored on the dashboard").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
				.until(() -> {
					shown.clear();
					shown.putAll(ProcessStack.rowsByToken(stack.dashboard(), TOKEN));
					return shown.size() == MAILS && shown.values().stream().flatMap(List::stream).allMatch(r -> r.contains("Đã chấm điểm"));
				});
			assertThat(shown.values()).as("each form shown once").allSatisfy(rows -> assertThat(rows).hasSize(1));
		}
	}

	/** How many events a report instance applied to the read model, by its own metrics. */
	private static double eventsApplied(ProcessStack stack, String instance) throws Exception {
		HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
				URI.create("http://127.0.0.1:" + stack.port(instance) + "/actuator/prometheus")).header("Authorization", ProcessStack.LOGIN).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		return metrics.body().lines().filter(l -> l.startsWith("ictrank_report_events_total"))
			.mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
	}
}
