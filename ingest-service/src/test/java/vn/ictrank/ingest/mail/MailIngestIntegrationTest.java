package vn.ictrank.ingest.mail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.ictrank.ingest.archive.MailArchive;
import vn.ictrank.ingest.extraction.Forms;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.event.EventCodec;
import vn.ictrank.model.event.EventEnvelope;
import vn.ictrank.model.event.FormExtracted;
import vn.ictrank.model.event.SubmissionReceived;
import vn.ictrank.model.event.SubmissionRejected;
import vn.ictrank.model.event.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(properties = { "ictrank.ingest.campaign=thanh-hoa-2016", "ictrank.ingest.mail.username=" + MailIngestIntegrationTest.MAILBOX,
		"ictrank.ingest.mail.password=test-only-secret", "server.port=0" })
@EmbeddedKafka(partitions = 1, topics = { Topics.SUBMISSIONS, Topics.FORMS })
class MailIngestIntegrationTest {

	static final String MAILBOX = "cntt.stttt@thanhhoa.gov.vn";

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(com.icegreen.greenmail.util.ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser(MAILBOX, MAILBOX, "test-only-secret"))
		.withPerMethodLifecycle(false);

	static MongoServer mongo = new MongoServer(new MemoryBackend());

	static String mongoUri = mongo.bindAndGetConnectionString();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("ictrank.ingest.mail.port", () -> greenMail.getImap().getPort());
		registry.add("spring.mongodb.uri", () -> mongoUri + "/ingest-test");
	}

	@AfterAll
	static void stopMongo() {
		mongo.shutdownNow();
	}

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	MailArchive archive;

	private Consumer<String, String> consumer;

	private final List<EventEnvelope> seen = new ArrayList<>();

	private Mails mails;

	@BeforeEach
	void subscribe() {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "ingest-test-" + System.nanoTime(), false);
		props.put("auto.offset.reset", "earliest");
		this.consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new StringDeserializer()).createConsumer();
		this.consumer.subscribe(List.of(Topics.SUBMISSIONS, Topics.FORMS));
		this.mails = new Mails(greenMail.getSmtp().getPort());
	}

	@AfterEach
	void close() {
		this.consumer.close();
	}

	@Test
	void archivesPublishesAndThenMarksAFilledForm() throws Exception {
		MimeMessage message = this.mails.message("sonoivu@thanhhoa.gov.vn", MAILBOX, "Sở Nội vụ gửi phiếu tự đánh giá năm 2016",
				Forms.pdf(), Forms.filled(Forms.department(), Forms.figures(AgencyGroup.DEPARTMENT, 21)));
		Mails.encodeFileNameAsEncodedWord(message, 2);
		this.mails.send(message);

		FormExtracted form = awaitEvent(FormExtracted.class, e -> "so-noi-vu".equals(e.agencyId()));
		EventEnvelope received = this.seen.stream().filter(e -> e.payload() instanceof SubmissionReceived).findFirst().orElseThrow();

		assertThat(form.formName()).isEqualTo("Mẫu 01");
		assertThat(form.values()).containsKey("tong_cbccvc");
		SubmissionReceived receipt = received.payloadAs(SubmissionReceived.class);
		assertThat(receipt.subject()).isEqualTo("Sở Nội vụ gửi phiếu tự đánh giá năm 2016");
		assertThat(receipt.attachments()).extracting(SubmissionReceived.Attachment::fileName)
			.containsExactly("Quyết định kèm theo.pdf", "Mẫu 01 - Sở Nội vụ.xlsx");
		assertThat(new String(this.archive.load(received.submissionId()))).contains("Subject:");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			MimeMessage stored = java.util.Arrays.stream(greenMail.getReceivedMessages())
				.filter(m -> subject(m).startsWith("Sở Nội vụ")).findFirst().orElseThrow();
			assertThat(stored.getFlags().contains("ictrank-archived")).isTrue();
			assertThat(stored.getFlags().contains(Flags.Flag.SEEN)).isTrue();
		});
	}

	@Test
	void explainsBrokenAndEmptyMailsAndGoesOnWithTheNext() throws Exception {
		this.mails.send(this.mails.message("sotuphap@thanhhoa.gov.vn", MAILBOX, "Phiếu Sở Tư pháp", Forms.corruptXlsx()));
		this.mails.send(this.mails.message("sotaichinh@thanhhoa.gov.vn", MAILBOX, "Quên đính kèm"));
		this.mails.send(this.mails.message("soyte@thanhhoa.gov.vn", MAILBOX, "Phiếu Sở Y tế",
				Forms.filled(Forms.CAMPAIGN.agency("so-y-te").orElseThrow(), Forms.figures(AgencyGroup.DEPARTMENT, 4))));

		awaitEvent(FormExtracted.class, e -> "so-y-te".equals(e.agencyId()));
		SubmissionRejected corrupt = awaitEvent(SubmissionRejected.class, e -> "so-tu-phap".equals(e.agencyId()));
		SubmissionRejected empty = awaitEvent(SubmissionRejected.class, e -> "so-tai-chinh".equals(e.agencyId()));

		assertThat(corrupt.reason()).isEqualTo(SubmissionRejected.Reason.UNREADABLE_SPREADSHEET);
		assertThat(corrupt.message()).contains("bị hỏng");
		assertThat(empty.reason()).isEqualTo(SubmissionRejected.Reason.NO_ATTACHMENT);
	}

	@Test
	void marksAMessageThatCameWithoutMessageId() throws Exception {
		MimeMessage message = this.mails.message("soxaydung@thanhhoa.gov.vn", MAILBOX, "Phiếu Sở Xây dựng (không có Message-ID)",
				Forms.filled(Forms.CAMPAIGN.agency("so-xay-dung").orElseThrow(), Forms.figures(AgencyGroup.DEPARTMENT, 30)));
		this.mails.sendWithoutMessageId(message);

		awaitEvent(FormExtracted.class, e -> "so-xay-dung".equals(e.agencyId()));
		assertThat(this.seen).filteredOn(e -> "so-xay-dung".equals(e.agencyId()) && e.payload() instanceof SubmissionReceived)
			.singleElement().satisfies(e -> assertThat(e.payloadAs(SubmissionReceived.class).messageId()).isNull());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(java.util.Arrays.stream(greenMail.getReceivedMessages())
			.filter(m -> subject(m).contains("không có Message-ID")).findFirst().orElseThrow().getFlags().contains("ictrank-archived")).isTrue());
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private <T> T awaitEvent(Class<T> type, java.util.function.Predicate<EventEnvelope> which) {
		return await().atMost(Duration.ofSeconds(20)).until(() -> {
			for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(200))) {
				this.seen.add(EventCodec.read(record.value()));
			}
			return this.seen.stream().filter(e -> type.isInstance(e.payload())).filter(which).findFirst();
		}, java.util.Optional::isPresent).map(e -> type.cast(e.payload())).orElseThrow();
	}
}
