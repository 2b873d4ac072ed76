package vn.ictrank.report.replies;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.event.SubmissionReceived;
import vn.ictrank.model.event.SubmissionScored;
import vn.ictrank.model.text.VietnameseText;
import vn.ictrank.report.submissions.SubmissionDocument;

/**
 * The text of the reply to a submission, in Vietnamese: what arrived and when, which form of
 * which agency it was read as, or why it could not be taken and what to do; and each attachment
 * with its size and SHA-256, so that the agency and the Department can settle later exactly
 * what was sent. No score: it changes as the other agencies' forms arrive, and is published
 * once staff have checked it.
 */
final class ReplyLetters {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy");

	private ReplyLetters() {
	}

	record Letter(String subject, String body) {
	}

	static Letter of(Campaign campaign, SubmissionDocument submission, String signature) {
		return of(campaign, submission, signature, false);
	}

	/** @param afterAll the mail was first answered as not taken, and is taken now (read again, or scored after a fix) */
	static Letter of(Campaign campaign, SubmissionDocument submission, String signature, boolean afterAll) {
		Optional<Agency> agency = Optional.ofNullable(submission.agencyId()).flatMap(campaign::agency);
		String original = subjectOf(submission);
		boolean taken = submission.score() != null;
		StringBuilder body = new StringBuilder();
		body.append(greeting(agency.map(Agency::name).orElse("Quý cơ quan")));
		body.append(campaign.department()).append(" đã nhận thư của Quý cơ quan gửi tới địa chỉ ")
			.append(campaign.mailbox());
		if (submission.receivedAt() != null) {
			body.append(" lúc ").append(TIME.format(submission.receivedAt().atZone(campaign.zone())));
		}
		body.append(", tiêu đề \"").append(original).append("\", về việc ").append(lowerFirst(campaign.title())).append(".\n\n");
		if (taken) {
			String form = submission.form() != null ? submission.form().formName() : "phiếu tự đánh giá";
			body.append("KẾT QUẢ: ĐÃ TIẾP NHẬN. ");
			if (afterAll) {
				body.append(campaign.department()).append(" đã kiểm tra và xử lý lại thư này; thông báo \u201cchưa tiếp nhận\u201d đã gửi Quý cơ quan trước đây không còn hiệu lực. ");
			}
			body.append("Hệ thống đã đọc được ").append(form);
			agency.ifPresent(a -> body.append(" của ").append(a.name()));
			if (submission.group() != null) {
				body.append(" (nhóm ").append(groupLabel(submission.group())).append(")");
			}
			if (submission.form() != null && submission.form().attachmentName() != null) {
				body.append(" trong tệp \"").append(submission.form().attachmentName()).append("\"");
			}
			body.append(". Số liệu sẽ được Sở kiểm tra; nếu cần làm rõ, Sở sẽ liên hệ với Quý cơ quan. Điểm và xếp hạng được công bố sau khi Sở thẩm định xong.\n");
			findings(body, submission.score());
			if (submission.receivedAt() != null && campaign.isLate(submission.receivedAt())) {
				body.append("\nLƯU Ý: thư đến sau thời hạn (").append(campaign.deadlineText())
					.append("). Theo quy định, phiếu nộp muộn không được xếp hạng, trừ trường hợp được Sở chấp nhận.\n");
			}
		}
		else {
			body.append("KẾT QUẢ: CHƯA TIẾP NHẬN ĐƯỢC PHIẾU.\n");
			if (submission.rejection() != null && submission.rejection().message() != null) {
				body.append("Lý do: ").append(submission.rejection().message()).append("\n");
			}
			body.append("\nĐề nghị Quý cơ quan kiểm tra, hoàn thiện và gửi lại phiếu tự đánh giá (").append(formNames(campaign))
				.append(") tới địa chỉ ").append(campaign.mailbox()).append(" trước thời hạn (").append(campaign.deadlineText())
				.append("). Có thể trả lời ngay thư này và đính kèm phiếu.\n");
		}
		List<SubmissionReceived.Attachment> files = submission.attachments() == null ? List.of() : submission.attachments();
		body.append("\nCÁC TỆP ĐÍNH KÈM ĐÃ NHẬN: ").append(files.isEmpty() ? "không có tệp nào." : files.size() + " tệp.").append("\n");
		for (int i = 0; i < files.size(); i++) {
			SubmissionReceived.Attachment file = files.get(i);
			body.append(i + 1).append(". ").append(file.fileName()).append(" (").append(size(file.size())).append(")\n   SHA-256: ")
				.append(file.sha256() != null ? file.sha256() : "không tính (tệp vượt quá dung lượng cho phép)").append("\n");
		}
		if (!files.isEmpty()) {
			body.append("Mã SHA-256 giúp hai bên đối chiếu chính xác tệp đã gửi: tệp có cùng mã là cùng một nội dung.\n");
		}
		body.append("\nMã hồ sơ: ").append(submission.id()).append("\n\n");
		body.append("Thư này được gửi tự động từ hệ thống tiếp nhận phiếu tự đánh giá. Mỗi lần gửi phiếu, Quý cơ quan nhận được một thư xác nhận như thế này.\n\n");
		body.append(closing(campaign, signature));
		String subject = (taken ? "Đã tiếp nhận: " : "Chưa tiếp nhận được phiếu, đề nghị gửi lại: ") + original;
		// Names and messages come from events and files in any normalisation; the letter goes out in NFC, its lines kept.
		return new Letter(VietnameseText.nfc(subject), Normalizer.normalize(body, Normalizer.Form.NFC));
	}

	/** The data checks the figures failed, each with the indicators it puts in doubt. */
	private static void findings(StringBuilder body, SubmissionDocument.Score score) {
		if (score.findings().isEmpty()) {
			return;
		}
		body.append(score.awaitingConfirmation()
				? "\nKIỂM TRA SỐ LIỆU: có số liệu chưa hợp lý. Phiếu chưa được xếp hạng cho đến khi Quý cơ quan gửi lại phiếu đã sửa, "
						+ "hoặc xác nhận với Sở rằng số liệu là đúng:\n"
				: "\nKIỂM TRA SỐ LIỆU: có số liệu cần lưu ý (phiếu vẫn được chấm điểm); đề nghị Quý cơ quan kiểm tra lại:\n");
		for (SubmissionScored.Finding finding : score.findings()) {
			body.append("- ").append(finding.severity().label()).append(' ').append(finding.checkId());
			if (!finding.indicators().isEmpty()) {
				body.append(" (chỉ tiêu ").append(String.join(", ", finding.indicators())).append(")");
			}
			body.append(": ").append(finding.message());
			if (finding.confirmed()) {
				body.append(" Sở đã xác nhận với Quý cơ quan.");
			}
			body.append("\n");
		}
	}

	/**
	 * The letter sending a form back for correction: what staff ask for, in their words, and
	 * every figure as it was read with its cell, so that the agency corrects the right ones.
	 */
	static Letter returned(Campaign campaign, SubmissionDocument submission, String request, String signature) {
		Optional<Agency> agency = Optional.ofNullable(submission.agencyId()).flatMap(campaign::agency);
		String original = subjectOf(submission);
		StringBuilder body = new StringBuilder();
		body.append(greeting(agency.map(Agency::name).orElse("Quý cơ quan")));
		body.append(campaign.department()).append(" đã xem xét phiếu tự đánh giá Quý cơ quan gửi");
		if (submission.receivedAt() != null) {
			body.append(" lúc ").append(TIME.format(submission.receivedAt().atZone(campaign.zone())));
		}
		body.append(" (tiêu đề \"").append(original).append("\") và đề nghị Quý cơ quan hoàn thiện, gửi lại phiếu trước thời hạn (")
			.append(campaign.deadlineText()).append(") theo các nội dung sau:\n\n").append(request.strip()).append("\n");
		if (submission.form() != null && submission.form().values() != null && submission.group() != null) {
			body.append("\nSỐ LIỆU HỆ THỐNG ĐÃ ĐỌC ĐƯỢC TỪ PHIẾU (để Quý cơ quan đối chiếu):\n");
			for (vn.ictrank.model.campaign.CriteriaSet.Input input : campaign.form(AgencyGroup.valueOf(submission.group())).criteria().inputs()) {
				var value = submission.form().values().get(input.id());
				if (value != null) {
					body.append("- ").append(input.label()).append(": ").append(value.raw());
					if (input.unit() != null && !input.unit().isBlank()) {
						body.append(" (").append(input.unit()).append(")");
					}
					body.append(", ô ").append(value.sheet()).append("!").append(value.cell()).append("\n");
				}
			}
		}
		body.append("\nPhiếu gửi lại sẽ thay thế phiếu này. Quý cơ quan có thể trả lời ngay thư này và đính kèm phiếu đã hoàn thiện, hoặc gửi tới địa chỉ ")
			.append(campaign.mailbox()).append(".\n\nMã hồ sơ: ").append(submission.id()).append("\n\n").append(closing(campaign, signature));
		return new Letter(VietnameseText.nfc("Đề nghị hoàn thiện phiếu tự đánh giá: " + original),
				Normalizer.normalize(body, Normalizer.Form.NFC));
	}

	/** The reminder to an agency whose form has not arrived (or whose every mail failed). */
	static Letter reminder(Campaign campaign, Agency agency, java.time.LocalDate today, String signature) {
		long days = java.time.temporal.ChronoUnit.DAYS.between(today, campaign.deadline());
		String form = campaign.form(agency.group()) == null ? "phiếu tự đánh giá" : campaign.form(agency.group()).formName();
		StringBuilder body = new StringBuilder();
		body.append(greeting(agency.name()));
		body.append("Về việc ").append(lowerFirst(campaign.title()));
		if (campaign.letter() != null && !campaign.letter().isBlank()) {
			body.append(" (văn bản ").append(campaign.letter()).append(")");
		}
		body.append(", đến ngày ")
			.append(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy").format(today))
			.append(" ").append(campaign.department()).append(" chưa nhận được phiếu tự đánh giá (").append(form)
			.append(") hợp lệ của Quý cơ quan.\n\n");
		body.append("Đề nghị Quý cơ quan gửi phiếu tới địa chỉ ").append(campaign.mailbox()).append(" trước thời hạn (")
			.append(campaign.deadlineText()).append(days > 0 ? ", còn " + days + " ngày" : "").append("). Phiếu nộp muộn không được xếp hạng.\n\n");
		body.append("Nếu Quý cơ quan đã gửi, xin trả lời thư này để Sở kiểm tra lại.\n\n").append(closing(campaign, signature));
		return new Letter(VietnameseText.nfc("Nhắc gửi phiếu tự đánh giá mức độ ứng dụng CNTT năm " + campaign.year()),
				Normalizer.normalize(body, Normalizer.Form.NFC));
	}

	private static String subjectOf(SubmissionDocument submission) {
		return submission.subject() == null || submission.subject().isBlank() ? "(không có tiêu đề)" : submission.subject();
	}

	private static String greeting(String addressee) {
		return "Kính gửi: " + addressee + ".\n\n";
	}

	/** The foot of every letter: the sending office, then the department that signs for the campaign. */
	private static String closing(Campaign campaign, String signature) {
		return signature + "\n" + campaign.department() + "\n";
	}

	/** Why a reply waits for staff instead of going out by itself, or empty when it may go. */
	static Optional<String> heldBecause(SubmissionDocument submission) {
		if (vn.ictrank.report.submissions.SubmissionStatus.of(submission) == vn.ictrank.report.submissions.SubmissionStatus.QUARANTINED) {
			return Optional.of("Thư bị cách ly vì có thể giả mạo người gửi; trả lời có thể đến tay người bị mạo danh.");
		}
		List<SubmissionReceived.Flag> flags = submission.flags() == null ? List.of() : submission.flags();
		if (flags.stream().anyMatch(f -> f.code() == SubmissionReceived.Flag.Code.AUTO_SUBMITTED)) {
			return Optional.of("Thư do chương trình tự động gửi (trả lời vắng mặt, báo lỗi gửi thư); trả lời tự động có thể tạo vòng lặp thư.");
		}
		if (submission.agencyId() == null) {
			return Optional.of("Người gửi không có trong danh sách cơ quan của đợt đánh giá.");
		}
		if (flags.stream().anyMatch(f -> f.code() == SubmissionReceived.Flag.Code.SENDER_NOT_ON_ROSTER)) {
			return Optional.of("Địa chỉ gửi không có trong danh sách địa chỉ của cơ quan.");
		}
		if (submission.sender() == null || !submission.sender().matches("[^@\\s<>]+@[^@\\s<>]+")) {
			return Optional.of("Thư không có địa chỉ người gửi hợp lệ để trả lời.");
		}
		return Optional.empty();
	}

	private static String formNames(Campaign campaign) {
		return String.join(" hoặc ", campaign.forms().entrySet().stream()
			.map(e -> e.getValue().formName() + " cho " + groupLabel(e.getKey().name()))
			.toList());
	}

	private static String groupLabel(String group) {
		try {
			return lowerFirst(AgencyGroup.valueOf(group).label());
		}
		catch (IllegalArgumentException ex) {
			return group;
		}
	}

	private static String lowerFirst(String text) {
		return text == null || text.isEmpty() ? "" : Character.toLowerCase(text.charAt(0)) + text.substring(1);
	}

	/** A file size as people read it, with a decimal comma: 512 byte, 8,0 KB, 2,4 MB. */
	static String size(long bytes) {
		if (bytes < 1024) {
			return bytes + " byte";
		}
		boolean mega = bytes >= 1024 * 1024;
		BigDecimal value = BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(mega ? 1024 * 1024 : 1024), 1, RoundingMode.HALF_UP);
		return value.toPlainString().replace('.', ',') + (mega ? " MB" : " KB");
	}
}
