package vn.ictrank.report.review;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Where staff stand on each submission (chưa xem xét, đạt, cần bổ sung, trả lại) and their
 * comments, which are added and never changed.
 */
@Component
public class Reviews {

	private final MongoTemplate mongo;

	private final Clock clock = Clock.systemUTC();

	Reviews(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	public enum State {
		NOT_REVIEWED("Chưa xem xét"),
		ACCEPTED("Đạt"),
		NEEDS_MORE("Cần bổ sung"),
		RETURNED("Trả lại");

		private final String label;

		State(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}
	}

	public record Comment(String by, Instant at, String text) {
	}

	/** A submission's review; one that staff never touched is {@link State#NOT_REVIEWED} without comments. */
	@Document("reviews")
	public record Review(@Id String id, String campaignId, State state, String stateBy, Instant stateAt, List<Comment> comments) {

		public Review {
			comments = comments == null ? List.of() : List.copyOf(comments);
		}
	}

	public Review of(String submissionId) {
		return Optional.ofNullable(this.mongo.findById(submissionId, Review.class))
			.orElse(new Review(submissionId, null, State.NOT_REVIEWED, null, null, List.of()));
	}

	void setState(String campaignId, String submissionId, State state, String by) {
		this.mongo.upsert(Query.query(Criteria.where("_id").is(submissionId)), new Update().set("campaignId", campaignId).set("state", state)
			.set("stateBy", by).set("stateAt", this.clock.instant()), Review.class);
	}

	void comment(String campaignId, String submissionId, String text, String by) {
		this.mongo.upsert(Query.query(Criteria.where("_id").is(submissionId)), new Update().set("campaignId", campaignId)
			.setOnInsert("state", State.NOT_REVIEWED).push("comments", new Comment(by, this.clock.instant(), text)), Review.class);
	}
}
