package vn.ictrank.model.event;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventContractTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static String golden(EventType type) throws IOException {
		String name = "/golden/" + type.wireName() + ".v" + type.version() + ".json";
		try (InputStream in = EventContractTest.class.getResourceAsStream(name)) {
			assertThat(in).as("golden file %s", name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void readsGoldenFileAndWritesItBackUnchanged(EventType type) throws IOException {
		String golden = golden(type);

		EventEnvelope envelope = EventCodec.read(golden);

		assertThat(envelope.payload()).isInstanceOf(type.payloadType());
		assertThat(envelope.type()).isEqualTo(type.wireName());
		assertThat(JSON.readTree(EventCodec.write(envelope))).isEqualTo(JSON.readTree(golden));
	}

	@Test
	void keepsVietnameseTextAndCellOfEachValue() throws IOException {
		FormExtracted form = EventCodec.read(golden(EventType.FORM_EXTRACTED)).payloadAs(FormExtracted.class);

		assertThat(form.formName()).isEqualTo("Mẫu 01");
		FormExtracted.ExtractedValue bandwidth = form.values().get("bang_thong_quy_doi_mbps");
		assertThat(bandwidth.value()).isEqualByComparingTo("120.5");
		assertThat(bandwidth.raw()).isEqualTo("120,5");
		assertThat(bandwidth.cell()).isEqualTo("E12");
	}

	@Test
	void ignoresFieldsAddedByANewerProducerOfTheSameVersion() throws IOException {
		String withExtra = golden(EventType.SUBMISSION_REJECTED).replace("\"reason\":", "\"detail\": \"mới\", \"reason\":");

		SubmissionRejected rejected = EventCodec.read(withExtra).payloadAs(SubmissionRejected.class);

		assertThat(rejected.reason()).isEqualTo(SubmissionRejected.Reason.NO_ATTACHMENT);
	}

	@Test
	void refusesAnUnknownVersionInsteadOfMisreadingIt() throws IOException {
		String future = golden(EventType.SUBMISSION_SCORED).replace("\"version\": 1", "\"version\": 9");

		assertThatThrownBy(() -> EventCodec.read(future)).isInstanceOf(EventType.UnknownEventTypeException.class);
	}

	@Test
	void givesTheSameEventIdWhenTheSameEventIsProducedAgain() {
		SubmissionId id = SubmissionId.forMessage("thanh-hoa-2016", "<a@b>");
		SubmissionRejected payload = new SubmissionRejected(SubmissionRejected.Reason.NO_ATTACHMENT, "Thư không có tệp đính kèm.");

		EventEnvelope first = EventEnvelope.wrap(payload, "thanh-hoa-2016", null, id, null, "", Instant.EPOCH);
		EventEnvelope again = EventEnvelope.wrap(payload, "thanh-hoa-2016", null, id, null, "", Instant.now());
		EventEnvelope otherRevision = EventEnvelope.wrap(new SubmissionScored(null, "x", 2, BigDecimal.ONE,
				BigDecimal.TEN, new SubmissionScored.Band("YEU", "Yếu"), java.util.List.of()), "thanh-hoa-2016", null, id, null, "2", Instant.EPOCH);

		assertThat(again.eventId()).isEqualTo(first.eventId());
		assertThat(otherRevision.eventId()).isNotEqualTo(first.eventId());
		assertThat(SubmissionId.forMessage("thanh-hoa-2016", "<a@b>")).isEqualTo(id);
	}
}
