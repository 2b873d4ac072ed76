package vn.ictrank.report.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.report.ranking.Standing;
import vn.ictrank.report.submissions.SubmissionDocument;

/**
 * The overview's charts, drawn as SVG by the page: mails received per day, each group's ranked
 * totals in bands of ten points, and the days left to the deadline.
 *
 * @param width the width of the arrivals chart, in pixels
 */
record OverviewCharts(List<Bar> arrivals, int width, List<GroupScores> scores, String countdown) {

	/** The height of the tallest bar. */
	static final int HEIGHT = 80;

	static final int STEP = 22;

	/** Left of the first bar, so that its label is not cut. */
	static final int MARGIN = 8;

	private static final int MAX_DAYS = 31;

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM");

	/**
	 * One bar.
	 * @param label what the axis shows under it, empty where labels would crowd
	 * @param title what the bar says when pointed at
	 */
	record Bar(String label, String title, long count, int height, int x) {
	}

	record GroupScores(String group, List<Bar> bars, long ranked) {
	}

	static OverviewCharts of(Campaign campaign, CampaignSummaries.Summary summary, Instant now) {
		Map<LocalDate, Long> perDay = new TreeMap<>();
		for (SubmissionDocument submission : summary.newestFirst()) {
			if (submission.receivedAt() != null) {
				perDay.merge(submission.receivedAt().atZone(campaign.zone()).toLocalDate(), 1L, Long::sum);
			}
		}
		List<Bar> arrivals = new ArrayList<>();
		if (!perDay.isEmpty()) {
			LocalDate last = ((TreeMap<LocalDate, Long>) perDay).lastKey();
			LocalDate first = ((TreeMap<LocalDate, Long>) perDay).firstKey();
			if (first.isBefore(last.minusDays(MAX_DAYS - 1))) {
				first = last.minusDays(MAX_DAYS - 1);
			}
			long most = perDay.values().stream().mapToLong(Long::longValue).max().orElse(1);
			int i = 0;
			for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1), i++) {
				long count = perDay.getOrDefault(day, 0L);
				boolean labelled = day.equals(first) || day.equals(last) || i % 5 == 0;
				arrivals.add(new Bar(labelled ? DAY.format(day) : "", DAY.format(day) + ": " + count + " thư", count,
						(int) (count * HEIGHT / most), MARGIN + i * STEP));
			}
		}
		List<GroupScores> scores = new ArrayList<>();
		for (Map.Entry<AgencyGroup, List<Standing.Ranked>> group : summary.standing().ranking().entrySet()) {
			long[] bins = new long[10];
			for (Standing.Ranked ranked : group.getValue()) {
				SubmissionDocument.Score score = ranked.submission().score();
				if (score != null && score.maxTotal() != null && score.maxTotal().signum() > 0) {
					int bin = score.total().multiply(BigDecimal.TEN).divide(score.maxTotal(), 0, java.math.RoundingMode.FLOOR).intValue();
					bins[Math.max(0, Math.min(9, bin))]++;
				}
			}
			long most = java.util.Arrays.stream(bins).max().orElse(0);
			List<Bar> bars = new ArrayList<>();
			for (int b = 0; b < 10; b++) {
				String range = (b * 10) + "–" + (b * 10 + 10) + "%";
				bars.add(new Bar(String.valueOf(b * 10), range + " điểm tối đa: " + bins[b] + " cơ quan", bins[b],
						most == 0 ? 0 : (int) (bins[b] * HEIGHT / most), MARGIN + b * STEP));
			}
			scores.add(new GroupScores(group.getKey().label(), bars, group.getValue().size()));
		}
		// Room for a week at least, and for the first and last labels, which stand out of their bars.
		return new OverviewCharts(arrivals, Math.max(arrivals.size(), 7) * STEP + 2 * MARGIN, scores, countdown(campaign, now));
	}

	private static String countdown(Campaign campaign, Instant now) {
		if (!now.isBefore(campaign.lateFrom())) {
			return "Đã hết hạn nộp phiếu (" + campaign.deadlineText() + ").";
		}
		long days = ChronoUnit.DAYS.between(now.atZone(campaign.zone()).toLocalDate(), campaign.deadline());
		return (days == 0 ? "Hôm nay là ngày cuối nộp phiếu" : "Còn " + days + " ngày đến hạn nộp phiếu") + " (" + campaign.deadlineText() + ").";
	}
}
