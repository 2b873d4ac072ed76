package vn.ictrank.report.ranking;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CampaignCatalog;
import vn.ictrank.model.event.SubmissionScored;
import vn.ictrank.report.submissions.SubmissionChanged;
import vn.ictrank.report.submissions.SubmissionDocument;
import vn.ictrank.report.submissions.SubmissionStore;

/**
 * Where each agency stood in the campaign the same province ran before this one, when that
 * campaign is loaded, so that the ranking and each submission show last year beside this year.
 * An agency is the same one across years by its id, else by its name whatever the diacritics.
 */
@Component
public class PreviousYear {

	private static final Duration KEEP = Duration.ofMinutes(1);

	private final CampaignCatalog catalog;

	private final SubmissionStore store;

	private final LateExceptions lateExceptions;

	/**
	 * Results worked out lately, by campaign. Last year's campaign hardly changes, and working
	 * its standing out reads every one of its submissions: not on every page served. A change
	 * to one of its submissions, here or on another instance, makes what was worked out from it stale.
	 */
	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	/** When a submission of each campaign last changed ({@link System#nanoTime()}). */
	private final Map<String, Long> changedAt = new ConcurrentHashMap<>();

	PreviousYear(CampaignCatalog catalog, SubmissionStore store, LateExceptions lateExceptions) {
		this.catalog = catalog;
		this.store = store;
		this.lateExceptions = lateExceptions;
	}

	private record Cached(long at, String previousId, Map<String, Result> results) {
	}

	@EventListener
	void on(SubmissionChanged change) {
		this.changedAt.put(change.now().campaignId(), System.nanoTime());
	}

	/**
	 * An agency's result in the previous campaign.
	 *
	 * @param rank {@code null} when it was not ranked (late, held, excluded)
	 * @param of how many agencies of its group were ranked
	 */
	public record Result(int year, String campaignId, String submissionId, BigDecimal total, String band, Integer rank, int of) {
	}

	/**
	 * The previous campaign's result of each agency of {@code campaign} that had a scored form
	 * then, by this campaign's agency id; at most a minute old.
	 */
	public Map<String, Result> results(Campaign campaign) {
		Cached cached = this.cache.get(campaign.id());
		if (cached != null && fresh(cached)) {
			return cached.results();
		}
		long at = System.nanoTime();
		Optional<Campaign> previous = this.catalog.previous(campaign);
		Map<String, Result> results = previous.map(p -> workOut(campaign, p)).orElse(Map.of());
		this.cache.put(campaign.id(), new Cached(at, previous.map(Campaign::id).orElse(null), results));
		return results;
	}

	/** Worked out less than {@link #KEEP} ago, and no submission of the previous campaign changed since. */
	private boolean fresh(Cached cached) {
		if (System.nanoTime() - cached.at() >= KEEP.toNanos()) {
			return false;
		}
		Long changed = cached.previousId() == null ? null : this.changedAt.get(cached.previousId());
		return changed == null || changed - cached.at() < 0;
	}

	private Map<String, Result> workOut(Campaign campaign, Campaign previous) {
		Standing standing = Standing.of(previous, this.store.ofCampaign(previous.id()), this.lateExceptions.of(previous.id()));
		Map<String, Result> byPreviousId = new HashMap<>();
		standing.ranking().values().forEach(ranked -> ranked.forEach(r -> byPreviousId.put(r.agency().id(),
				result(previous, r.submission(), r.rank(), ranked.size()))));
		for (Standing.AgencyState state : standing.agencies()) {
			SubmissionDocument current = state.current();
			if (!byPreviousId.containsKey(state.agency().id()) && current != null && current.score() != null && current.rejection() == null) {
				byPreviousId.put(state.agency().id(), result(previous, current, null,
						standing.ranking().getOrDefault(state.agency().group(), List.of()).size()));
			}
		}
		Map<String, Result> results = new HashMap<>();
		for (Agency agency : campaign.agencies()) {
			previous.sameAgencyAs(agency).map(a -> byPreviousId.get(a.id())).ifPresent(r -> results.put(agency.id(), r));
		}
		return Map.copyOf(results);
	}

	/**
	 * The indicators whose points changed most from the previous submission to this one, largest
	 * change first, at most {@code limit}. An indicator whose maximum changed between the years is
	 * not compared: its points are not on the same scale.
	 */
	public List<Moved> movedMost(SubmissionDocument now, String previousSubmissionId, int limit) {
		SubmissionDocument then = this.store.find(previousSubmissionId);
		if (now.score() == null || now.score().indicators() == null || then == null || then.score() == null
				|| then.score().indicators() == null) {
			return List.of();
		}
		Map<String, SubmissionScored.IndicatorScore> before = new HashMap<>();
		then.score().indicators().forEach(i -> before.put(i.id(), i));
		return now.score().indicators().stream()
			.filter(i -> before.containsKey(i.id()) && before.get(i.id()).max().compareTo(i.max()) == 0)
			.map(i -> new Moved(i, before.get(i.id()).score(), i.score().subtract(before.get(i.id()).score())))
			.filter(m -> m.change().signum() != 0)
			.sorted(Comparator.comparing((Moved m) -> m.change().abs()).reversed())
			.limit(limit)
			.toList();
	}

	/** One indicator's points last year and this year. */
	public record Moved(SubmissionScored.IndicatorScore now, BigDecimal before, BigDecimal change) {
	}

	private static Result result(Campaign previous, SubmissionDocument submission, Integer rank, int of) {
		return new Result(previous.year(), previous.id(), submission.id(), submission.score().total(), submission.score().bandLabel(), rank, of);
	}
}
