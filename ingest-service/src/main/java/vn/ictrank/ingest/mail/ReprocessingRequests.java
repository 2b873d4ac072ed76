package vn.ictrank.ingest.mail;

import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import vn.ictrank.ingest.archive.MailArchive;
import vn.ictrank.ingest.WatchedCampaign;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.ReprocessingRequested;
import vn.ictrank.model.event.Topics;
import vn.ictrank.support.DeadLetterPublishing;

/**
 * Reads a submission's mail again from the archive when staff ask: after a reader or the campaign
 * was fixed, to release a quarantined mail, or with the agency staff assigned it to. The mail goes
 * through the same stages as one from the mailbox and its events replace the earlier ones. A
 * request that cannot be carried out (no such mail in the archive) goes to
 * {@code ictrank.requests-dlt}, where staff see why; a broker or database away is waited out.
 */
@Configuration(proxyBeanMethods = false)
class ReprocessingRequests {

	private static final Logger log = LoggerFactory.getLogger(ReprocessingRequests.class);

	private final MailArchive archive;

	private final WatchedCampaign campaign;

	private final MessageChannel extract;

	/** The channel is made when the flows are, after this bean: it is looked up on first use. */
	ReprocessingRequests(MailArchive archive, WatchedCampaign campaign,
			@org.springframework.context.annotation.Lazy @Qualifier("extractForms.input") MessageChannel extract) {
		this.archive = archive;
		this.campaign = campaign;
		this.extract = extract;
	}

	@KafkaListener(id = "ingestRequests", idIsGroup = false, topics = Topics.REQUESTS, containerFactory = "requestListenerFactory")
	void on(EventEnvelope event) throws jakarta.mail.MessagingException {
		if (!(event.payload() instanceof ReprocessingRequested request) || !this.campaign.id().equals(event.campaignId())) {
			// Another campaign's mailbox is watched by another instance.
			return;
		}
		MDC.put(MailFlows.SUBMISSION_MDC, event.submissionId().value());
		try {
			if (request.assignedAgencyId() != null && this.campaign.now().agency(request.assignedAgencyId()).isEmpty()) {
				throw new IllegalArgumentException("Cơ quan '" + request.assignedAgencyId() + "' không có trong danh sách của đợt " + this.campaign.id());
			}
			MailArchive.Archived archived = this.archive.find(event.submissionId())
				.orElseThrow(() -> new IllegalStateException("Không có thư của hồ sơ " + event.submissionId().value() + " trong kho lưu thư gốc"));
			boolean complete = archived.complete() != null ? archived.complete() : ReceivedMail.hasBody(archived.raw());
			ReceivedMail mail = ReceivedMail.of(new FetchedMail(null, archived.raw(), complete, archived.size(), archived.receivedAt(), null),
					this.campaign.id());
			if (!mail.submissionId().equals(event.submissionId())) {
				throw new IllegalStateException("Thư lưu của hồ sơ " + event.submissionId().value() + " không khớp với hồ sơ (" + mail.submissionId().value() + ")");
			}
			log.info("Reading {} again from the archive, as {} asked", mail, request.requestedBy());
			MailFlows.StaffDecision staff = new MailFlows.StaffDecision(event.eventId().toString(), request.assignedAgencyId(),
					request.quarantineReleased());
			this.extract.send(MessageBuilder.withPayload(MailFlows.Archived.of(mail, MailArchive.ref(mail.submissionId()), null, this.archive, staff))
				.build());
		}
		finally {
			MDC.remove(MailFlows.SUBMISSION_MDC);
		}
	}

	@Bean
	static NewTopic requestsTopic() {
		return TopicBuilder.name(Topics.REQUESTS).partitions(Topics.REQUESTS_PARTITIONS).build();
	}

	@Bean
	static NewTopic requestsDeadLetters() {
		return TopicBuilder.name(Topics.REQUESTS_DEAD_LETTERS).partitions(1).build();
	}

	/** Retries while the archive or the broker is away, for as long as that lasts; gives up on anything else at once. */
	@Bean
	static org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory<String, EventEnvelope> requestListenerFactory(
			org.springframework.kafka.core.ConsumerFactory<String, EventEnvelope> consumers, KafkaTemplate<String, EventEnvelope> events,
			KafkaProperties kafka) {
		var factory = new org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory<String, EventEnvelope>();
		factory.setConsumerFactory(consumers);
		DefaultErrorHandler handler = new DefaultErrorHandler(DeadLetterPublishing.recoverer(events, DeadLetterPublishing.rawTemplate(kafka)),
				new FixedBackOff(0, 0));
		ExponentialBackOff untilItIsBack = new ExponentialBackOff(500, 2);
		untilItIsBack.setMaxInterval(30_000);
		handler.setBackOffFunction((record, ex) -> MailboxReader.isTransient(ex) ? untilItIsBack : null);
		factory.setCommonErrorHandler(handler);
		return factory;
	}
}
