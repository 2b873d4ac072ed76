package vn.ictrank.report.ranking;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Late forms staff accepted anyway, each with the reason and who accepted it: such a form is
 * ranked, and the ranking says why. An acceptance is recorded once and never edited.
 */
@Component
public class LateExceptions {

	private final MongoTemplate mongo;

	LateExceptions(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Records that a late submission is accepted; a second acceptance of the same one changes nothing. */
	public void accept(String campaignId, String submissionId, String reason, String by) {
		if (this.mongo.findById(submissionId, Accepted.class) == null) {
			this.mongo.insert(new Accepted(submissionId, campaignId, reason, by, Instant.now()));
		}
	}

	/** The accepted late submissions of a campaign, by submission id. */
	public Map<String, Accepted> of(String campaignId) {
		return this.mongo.find(Query.query(Criteria.where("campaignId").is(campaignId)), Accepted.class).stream()
			.collect(Collectors.toMap(Accepted::submissionId, Function.identity()));
	}

	@Document("late-exceptions")
	public record Accepted(@Id String submissionId, String campaignId, String reason, String by, Instant at) {
	}
}
