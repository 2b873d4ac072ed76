package vn.ictrank.scoring.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;

import vn.ictrank.model.event.SubmissionId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scores a group of 1,000 agencies, then again after a new group best arrives, and prints the
 * time each took and how many scores changed (what scoring would publish again). Not part of the
 * test run (its name is no test's); started by the command in the README.
 */
class GroupScoringBenchmark {

	private static final int AGENCIES = 1_000;

	private static final int ROUNDS = 5;

	@Test
	void scoresAThousandAgencyGroupAndRescoresItAfterANewBest() {
		List<GroupScorer.Form> forms = new ArrayList<>();
		for (int i = 0; i < AGENCIES; i++) {
			forms.add(new GroupScorer.Form("co-quan-" + i, SubmissionId.of("ho-so-" + i), ExtractedForms.eightyPercent(50 + i % 400)));
		}
		GroupScorer.Form newBest = new GroupScorer.Form("co-quan-moi", SubmissionId.of("ho-so-moi"), ExtractedForms.eightyPercent(1_000));
		List<GroupScorer.Form> withNewBest = new ArrayList<>(forms);
		withNewBest.add(newBest);

		long firstNanos = Long.MAX_VALUE;
		long againNanos = Long.MAX_VALUE;
		Map<SubmissionId, GroupScorer.Result> before = null;
		Map<SubmissionId, GroupScorer.Result> after = null;
		// The best of several rounds: the first ones include the JIT's warm-up.
		for (int round = 0; round < ROUNDS; round++) {
			long start = System.nanoTime();
			before = GroupScorer.score(ExtractedForms.DEPARTMENT, forms, List.of());
			firstNanos = Math.min(firstNanos, System.nanoTime() - start);
			start = System.nanoTime();
			after = GroupScorer.score(ExtractedForms.DEPARTMENT, withNewBest, List.of());
			againNanos = Math.min(againNanos, System.nanoTime() - start);
		}
		Map<SubmissionId, GroupScorer.Result> old = before;
		long changed = after.entrySet().stream().filter(e -> !Objects.equals(old.get(e.getKey()), e.getValue())).count();

		System.out.printf("%n| figure | value |%n|---|---|%n");
		System.out.printf("| agencies in the group | %d |%n", AGENCIES);
		System.out.printf("| scoring the group | %.1f ms |%n", firstNanos / 1e6);
		System.out.printf("| scoring it again after a new best arrived | %.1f ms |%n", againNanos / 1e6);
		System.out.printf("| scores republished (changed) | %d of %d |%n%n", changed, after.size());
		assertThat(after.get(newBest.submissionId()).score().orElseThrow().total())
			.isGreaterThan(after.get(forms.get(0).submissionId()).score().orElseThrow().total());
		// Every agency's bandwidth points follow the new best, so each score changes, and the new form has its first.
		assertThat(changed).isEqualTo(AGENCIES + 1L);
	}
}
