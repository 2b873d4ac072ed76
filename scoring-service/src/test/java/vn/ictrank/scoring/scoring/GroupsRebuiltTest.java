package vn.ictrank.scoring.scoring;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class GroupsRebuiltTest {

	private static final TopicPartition FIRST = new TopicPartition("ictrank.forms", 0);

	private static final TopicPartition SECOND = new TopicPartition("ictrank.forms", 1);

	/** Last year's forms already read: only the rebuild is under test. */
	private final GroupsRebuilt readiness = new GroupsRebuilt(new LastYearForms(ExtractedForms.CATALOG, new DefaultKafkaConsumerFactory<>(Map.of())) {

		@Override
		boolean caughtUp() {
			return true;
		}
	});

	@Test
	void isNotReadyBeforeItHasJoinedItsGroup() {
		assertThat(this.readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
	}

	@Test
	void isReadyOnlyOnceEveryPartitionIsReadUpToWhereItStoodWhenAssigned() {
		this.readiness.assigned(Map.of(FIRST, 120L, SECOND, 40L));
		assertThat(this.readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(this.readiness.health().getDetails()).containsEntry("partitionsRebuilding", Map.of("ictrank.forms-0", 120L, "ictrank.forms-1", 40L));

		this.readiness.read(SECOND, 40);
		this.readiness.read(FIRST, 119);
		assertThat(this.readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

		this.readiness.read(FIRST, 120);
		assertThat(this.readiness.health().getStatus()).isEqualTo(Status.UP);
		// Forms that came after the assignment are scored as usual; they never make it unready.
		this.readiness.read(FIRST, 500);
		assertThat(this.readiness.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void isReadyAtOnceForPartitionsWithNothingToRebuild() {
		this.readiness.assigned(Map.of(FIRST, 0L));
		assertThat(this.readiness.ready()).isTrue();
		// No partition at all, when the group has more instances than partitions.
		this.readiness.revoked(List.of(FIRST));
		this.readiness.assigned(Map.of());
		assertThat(this.readiness.ready()).isTrue();
	}

	@Test
	void isNotReadyWhileItsGroupRebalances() {
		this.readiness.assigned(Map.of(FIRST, 0L));
		this.readiness.revoked(List.of(FIRST));
		assertThat(this.readiness.ready()).isFalse();
		this.readiness.assigned(Map.of(FIRST, 10L));
		assertThat(this.readiness.ready()).isFalse();
		// The partition's beginning is past where it stood (its old forms were deleted): nothing to rebuild.
		this.readiness.read(FIRST, 10);
		assertThat(this.readiness.ready()).isTrue();
	}
}
