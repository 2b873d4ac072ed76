package vn.ictrank.ingest.mail;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

import vn.ictrank.ingest.extraction.Forms;
import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.FormExtracted;
import vn.ictrank.model.event.SubmissionRejected;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Marking one mail never hides another, whatever their Message-IDs. */
@SpringBootTest
@EmbeddedKafka(partitions = 1, topics = { Topics.SUBMISSIONS, Topics.FORMS })
class MailboxMarkingIntegrationTest extends MailboxTestSupport {

	@Autowired
	MailboxReader reader;

	@Autowired
	MeterRegistry meters;

	@Test
	void aMessageIdThatIsPartOfEveryOtherMarksOnlyItsOwnMail() throws Exception {
		this.mails.sendRaw("""
				From: sotaichinh@thanhhoa.gov.vn\r
				To: cntt.stttt@thanhhoa.gov.vn\r
				Subject: Message-ID la mot chu @\r
				Message-ID: @\r
				\r
				Khong co tep dinh kem.\r
				""");
		List<Agency> senders = Forms.CAMPAIGN.agencies(AgencyGroup.DISTRICT).subList(0, 12);
		for (Agency agency : senders) {
			this.mails.send(this.mails.message(agency.emails().get(0), MAILBOX, "Phiếu " + agency.name(),
					Forms.filled(agency, Forms.figures(AgencyGroup.DISTRICT, agency.id().hashCode()))));
		}

		awaitEvent(SubmissionRejected.class, e -> "so-tai-chinh".equals(e.agencyId()));
		for (Agency agency : senders) {
			awaitEvent(FormExtracted.class, e -> agency.id().equals(e.agencyId()));
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(marked("Message-ID la mot chu @")).isTrue();
			assertThat(senders).allSatisfy(agency -> assertThat(marked("Phiếu " + agency.name())).isTrue());
		});
	}

	@Test
	void fetchesTheMailsWaitingInTheMailboxWithOneCommandAndMarksThemAll() throws Exception {
		double refusedBefore = this.meters.counter("ictrank.ingest.fetch.batches", "outcome", "refused").count();
		double fetchedBefore = this.meters.counter("ictrank.ingest.fetch.batches", "outcome", "fetched").count();
		List<Agency> senders = Forms.CAMPAIGN.agencies(AgencyGroup.DEPARTMENT).subList(0, 6);
		// Mail that piled up while the reader was away, as after a restart or on deadline morning.
		this.reader.stop();
		try {
			for (Agency agency : senders) {
				this.mails.send(this.mails.message(agency.emails().get(0), MAILBOX, "Chờ trong hộp thư: " + agency.name(),
						Forms.filled(agency, Forms.figures(AgencyGroup.DEPARTMENT, agency.id().hashCode()))));
			}
		}
		finally {
			this.reader.start();
		}

		for (Agency agency : senders) {
			awaitEvent(FormExtracted.class, e -> agency.id().equals(e.agencyId()));
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(senders).allSatisfy(agency -> assertThat(marked("Chờ trong hộp thư: " + agency.name())).isTrue()));
		assertThat(this.meters.counter("ictrank.ingest.fetch.batches", "outcome", "fetched").count()).isGreaterThan(fetchedBefore);
		assertThat(this.meters.counter("ictrank.ingest.fetch.batches", "outcome", "refused").count()).isEqualTo(refusedBefore);
	}

	@Test
	void readsEveryMailThatSharesAMessageIdWithAnother() throws Exception {
		Agency first = Forms.CAMPAIGN.agency("so-cong-thuong").orElseThrow();
		Agency second = Forms.CAMPAIGN.agency("so-ngoai-vu").orElseThrow();
		for (Agency agency : List.of(first, second)) {
			MimeMessage message = this.mails.message(agency.emails().get(0), MAILBOX, "Cùng Message-ID: " + agency.name(),
					Forms.filled(agency, Forms.figures(AgencyGroup.DEPARTMENT, agency.id().hashCode())));
			this.mails.sendWithMessageId(message, "<phieu-tu-danh-gia@thanhhoa.gov.vn>");
		}

		EventEnvelope one = awaitEnvelope(FormExtracted.class, e -> first.id().equals(e.agencyId()));
		EventEnvelope other = awaitEnvelope(FormExtracted.class, e -> second.id().equals(e.agencyId()));

		assertThat(one.submissionId()).isNotEqualTo(other.submissionId());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(marked("Cùng Message-ID: " + first.name())).isTrue();
			assertThat(marked("Cùng Message-ID: " + second.name())).isTrue();
		});
	}

	@Test
	void readsEveryMailOfTwoThatCameWithoutMessageIdFromTheSameSenderAndSubject() throws Exception {
		Agency agency = Forms.CAMPAIGN.agency("ban-dan-toc").orElseThrow();
		for (int seed : List.of(1, 2)) {
			this.mails.sendWithoutMessageId(this.mails.message(agency.emails().get(0), MAILBOX, "Phiếu Ban Dân tộc",
					Forms.filled(agency, Forms.figures(AgencyGroup.DEPARTMENT, seed))));
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> this.seen.stream()
			.filter(e -> e.payload() instanceof FormExtracted && agency.id().equals(e.agencyId()))
			.map(EventEnvelope::submissionId).distinct().count() == 2);
	}
}
