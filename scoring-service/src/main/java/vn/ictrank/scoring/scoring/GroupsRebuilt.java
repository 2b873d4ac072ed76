package vn.ictrank.scoring.scoring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.TopicPartition;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of scoring's readiness: it holds its partitions of the forms topic, has rebuilt their
 * groups up to where each stood when it was assigned, and has read last year's forms. Until then
 * a form that comes waits behind the rebuild, so scoring says it is not ready yet (not that it
 * is broken: liveness is unaffected). After a restart this is what an operator, or a rolling
 * update, waits for before the service scores at its usual speed.
 */
@Component("groupsRebuiltHealthIndicator")
class GroupsRebuilt implements HealthIndicator {

	/** The offset each partition's rebuild must read up to, while it has not. */
	private final Map<TopicPartition, Long> rebuildingUntil = new ConcurrentHashMap<>();

	private final LastYearForms lastYear;

	private volatile boolean joined;

	GroupsRebuilt(LastYearForms lastYear) {
		this.lastYear = lastYear;
	}

	/** @param positions where each assigned partition stood before it was read again from its beginning */
	void assigned(Map<TopicPartition, Long> positions) {
		positions.forEach((partition, position) -> {
			if (position > 0) {
				this.rebuildingUntil.put(partition, position);
			}
			else {
				this.rebuildingUntil.remove(partition);
			}
		});
		this.joined = true;
	}

	/** The group is rebalancing: until partitions are assigned again this instance scores nothing. */
	void revoked(Iterable<TopicPartition> partitions) {
		partitions.forEach(this.rebuildingUntil::remove);
		this.joined = false;
	}

	/** @param next the next offset to read of {@code partition} */
	void read(TopicPartition partition, long next) {
		this.rebuildingUntil.computeIfPresent(partition, (p, until) -> next >= until ? null : until);
	}

	boolean ready() {
		return this.joined && this.rebuildingUntil.isEmpty() && this.lastYear.caughtUp();
	}

	@Override
	public Health health() {
		if (ready()) {
			return Health.up().build();
		}
		return Health.outOfService().withDetail("joinedGroup", this.joined).withDetail("partitionsRebuilding", this.rebuildingUntil.entrySet().stream()
				.collect(java.util.stream.Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)))
			.withDetail("lastYearsFormsRead", this.lastYear.caughtUp()).build();
	}
}
