package vn.ictrank.ingest.mail;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

import vn.ictrank.ingest.extraction.Forms;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.event.FormExtracted;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An IMAP connection that goes silent without closing is noticed by its read timeout and replaced;
 * the mail that arrived meanwhile is read on the new one.
 */
@SpringBootTest(properties = { "ictrank.ingest.mail.timeout=3s", "ictrank.ingest.mail.reconnect-delay=500ms" })
@EmbeddedKafka(partitions = 1, topics = { Topics.SUBMISSIONS, Topics.FORMS })
class DeadConnectionIntegrationTest extends MailboxTestSupport {

	static LoopbackProxy proxy;

	@BeforeAll
	static void putAProxyBetweenServiceAndMailbox() throws IOException {
		proxy = new LoopbackProxy(greenMail.getImap().getPort());
		imapPortSeenByTheService = proxy.port();
	}

	@AfterAll
	static void closeProxy() throws IOException {
		imapPortSeenByTheService = 0;
		proxy.close();
	}

	@Test
	void replacesASilentlyDeadConnectionAndReadsTheMailThatCameMeanwhile() throws Exception {
		this.mails.send(this.mails.message("sotuphap@thanhhoa.gov.vn", MAILBOX, "Phiếu trước khi mất kết nối",
				Forms.filled(Forms.CAMPAIGN.agency("so-tu-phap").orElseThrow(), Forms.figures(AgencyGroup.DEPARTMENT, 2))));
		awaitEvent(FormExtracted.class, e -> "so-tu-phap".equals(e.agencyId()));

		proxy.freeze();
		long frozenAt = System.nanoTime();
		this.mails.send(this.mails.message("soyte@thanhhoa.gov.vn", MAILBOX, "Phiếu khi kết nối đã chết",
				Forms.filled(Forms.CAMPAIGN.agency("so-y-te").orElseThrow(), Forms.figures(AgencyGroup.DEPARTMENT, 3))));

		awaitEvent(FormExtracted.class, e -> "so-y-te".equals(e.agencyId()));
		Duration noticed = Duration.ofNanos(System.nanoTime() - frozenAt);
		System.out.printf("A silently dead IMAP connection was replaced and the waiting mail read after %d ms%n", noticed.toMillis());
		await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(marked("Phiếu khi kết nối đã chết")).isTrue());
	}
}
