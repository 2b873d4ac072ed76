package vn.ictrank.report.ranking;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.report.submissions.SubmissionDocument;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ictrank.report.submissions.SubmissionEvents.CAMPAIGN;
import static vn.ictrank.report.submissions.SubmissionEvents.ON_TIME;

class StandingTest {

	private static SubmissionDocument scored(String agencyId, Instant at, String total) {
		return new SubmissionDocument(agencyId + at, CAMPAIGN.id(), agencyId, "DEPARTMENT", at, null, null, null, List.of(), null, List.of(), null, null,
				new SubmissionDocument.Score(1, new BigDecimal(total), BigDecimal.valueOf(100), "KHA", "Khá", List.of()), at);
	}

	private static SubmissionDocument rejected(String agencyId, Instant at) {
		return new SubmissionDocument(agencyId + at, CAMPAIGN.id(), agencyId, null, at, null, null, null, List.of(), null, List.of(), null,
				new SubmissionDocument.Rejection("NO_ATTACHMENT", "Thư không có tệp đính kèm."), null, at);
	}

	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(longs = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })
	void ranksEveryAgencyOneBelowThoseWithAHigherTotal(long seed) {
		java.util.Random random = new java.util.Random(seed);
		List<SubmissionDocument> submissions = new java.util.ArrayList<>();
		for (vn.ictrank.model.campaign.Agency agency : CAMPAIGN.agencies(AgencyGroup.DEPARTMENT)) {
			if (agency.excludedBecause() == null && random.nextInt(4) != 0) {
				// Few distinct totals, so that ties are common.
				submissions.add(scored(agency.id(), ON_TIME, String.valueOf(60 + random.nextInt(8) * 2.5)));
			}
		}

		List<Standing.Ranked> ranking = Standing.of(CAMPAIGN, submissions).ranking().get(AgencyGroup.DEPARTMENT);

		assertThat(ranking).hasSize(submissions.size());
		for (Standing.Ranked ranked : ranking) {
			BigDecimal total = ranked.submission().score().total();
			long higher = ranking.stream().filter(r -> r.submission().score().total().compareTo(total) > 0).count();
			assertThat(ranked.rank()).as(ranked.agency().id()).isEqualTo(higher + 1);
		}
	}

	@Test
	void givesEqualTotalsTheSameRankAndSkipsTheNext() {
		Standing standing = Standing.of(CAMPAIGN, List.of(scored("so-y-te", ON_TIME, "90"), scored("so-tu-phap", ON_TIME, "85.5"),
				scored("so-noi-vu", ON_TIME, "85.50"), scored("so-xay-dung", ON_TIME, "70")));

		assertThat(standing.ranking().get(AgencyGroup.DEPARTMENT))
			.extracting(r -> r.rank() + " " + r.agency().id())
			.containsExactly("1 so-y-te", "2 so-noi-vu", "2 so-tu-phap", "4 so-xay-dung");
	}

	@Test
	void leavesLateAndMissingAgenciesOutOfTheRanking() {
		Instant late = CAMPAIGN.lateFrom();
		Standing standing = Standing.of(CAMPAIGN, List.of(scored("so-y-te", ON_TIME, "60"), scored("so-ngoai-vu", late, "99")));

		assertThat(standing.ranking().get(AgencyGroup.DEPARTMENT)).extracting(r -> r.agency().id()).containsExactly("so-y-te");
		assertThat(state(standing, "so-ngoai-vu")).isEqualTo(Standing.State.LATE);
		assertThat(state(standing, "so-xay-dung")).isEqualTo(Standing.State.MISSING);
		assertThat(standing.count(Standing.State.MISSING)).isEqualTo(CAMPAIGN.agencies().size() - 2);
	}

	@Test
	void keepsRankingTheOnTimeFormWhenALateCorrectionFollows() {
		Standing standing = Standing.of(CAMPAIGN, List.of(scored("so-y-te", ON_TIME, "70"), scored("so-y-te", CAMPAIGN.lateFrom(), "95")));

		assertThat(standing.ranking().get(AgencyGroup.DEPARTMENT)).singleElement()
			.satisfies(r -> assertThat(r.submission().score().total()).isEqualByComparingTo("70"));
	}

	@Test
	void ranksTheLatestScoredFormAndKeepsItWhenALaterMailFails() {
		Standing standing = Standing.of(CAMPAIGN, List.of(scored("so-y-te", ON_TIME, "60"), scored("so-y-te", ON_TIME.plusSeconds(60), "75"),
				rejected("so-y-te", ON_TIME.plusSeconds(120)), rejected("so-cong-thuong", ON_TIME)));

		assertThat(standing.ranking().get(AgencyGroup.DEPARTMENT)).singleElement()
			.satisfies(r -> assertThat(r.submission().score().total()).isEqualByComparingTo("75"));
		assertThat(state(standing, "so-cong-thuong")).isEqualTo(Standing.State.FAILED);
	}

	@Test
	void ranksALateFormStaffAcceptedAndSaysWhy() {
		SubmissionDocument late = scored("so-ngoai-vu", CAMPAIGN.lateFrom().plusSeconds(3600), "99");
		LateExceptions.Accepted accepted = new LateExceptions.Accepted(late.id(), CAMPAIGN.id(),
				"Công văn 12/SNV: máy chủ thư của Sở gặp sự cố ngày hết hạn", "admin", Instant.now());

		Standing standing = Standing.of(CAMPAIGN, List.of(scored("so-y-te", ON_TIME, "60"), late), Map.of(late.id(), accepted));

		assertThat(standing.ranking().get(AgencyGroup.DEPARTMENT)).extracting(r -> r.agency().id() + " " + r.lateAccepted())
			.containsExactly("so-ngoai-vu " + accepted, "so-y-te null");
		assertThat(state(standing, "so-ngoai-vu")).isEqualTo(Standing.State.RANKED);
	}

	@Test
	void neverRanksAnAgencyTheCampaignLeavesOutWhateverItSends() {
		Campaign withExcluded = new Campaign(CAMPAIGN.id(), CAMPAIGN.province(), CAMPAIGN.year(), CAMPAIGN.title(), CAMPAIGN.letter(),
				CAMPAIGN.deadline(), CAMPAIGN.deadlineTime(), CAMPAIGN.zone(), CAMPAIGN.mailbox(), CAMPAIGN.department(), CAMPAIGN.forms(),
				CAMPAIGN.agencies().stream().map(a -> a.id().equals("so-y-te")
						? new Agency(a.id(), a.name(), a.group(), a.emails(), a.aliases(), "đơn vị an ninh") : a).toList());

		Standing standing = Standing.of(withExcluded, List.of(scored("so-y-te", ON_TIME, "90"), scored("so-tu-phap", ON_TIME, "80")));

		assertThat(standing.ranking().get(AgencyGroup.DEPARTMENT)).extracting(r -> r.agency().id()).containsExactly("so-tu-phap");
		assertThat(state(standing, "so-y-te")).isEqualTo(Standing.State.EXCLUDED);
	}

	private static Standing.State state(Standing standing, String agencyId) {
		return standing.agencies().stream().filter(a -> a.agency().id().equals(agencyId)).findFirst().orElseThrow().state();
	}
}
