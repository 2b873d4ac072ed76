package vn.ictrank.ingest.extraction;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import vn.ictrank.ingest.IngestProperties;
import vn.ictrank.model.campaign.Agency;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.model.campaign.CriteriaSet;
import vn.ictrank.model.event.FormExtracted.ExtractedValue;
import vn.ictrank.model.event.SubmissionRejected.Reason;

/**
 * Finds the campaign's self-assessment form among a message's attachments and reads its
 * figures. Values are found by the criteria set's input labels, not by cell addresses, so
 * forms whose rows were moved or numbered differently still read. Whatever is wrong with a
 * file ends as an {@link Extraction.Rejected} with an explanation; nothing here throws for
 * bad input.
 */
@Component
public class FormReader {

	private static final Logger log = LoggerFactory.getLogger(FormReader.class);

	/** Share of a criteria set's labels a sheet must show to count as that set's form. */
	private static final double RECOGNISED = 0.5;

	private static final int MAX_LISTED_PROBLEMS = 8;

	private final long maxAttachmentBytes;

	public FormReader(IngestProperties properties) {
		this.maxAttachmentBytes = properties.maxAttachmentSize().toBytes();
	}

	public Extraction read(Campaign campaign, String sender, List<Attachment> attachments) {
		Optional<Agency> bySender = campaign.agencyBySender(sender);
		if (attachments.isEmpty()) {
			return new Extraction.Rejected(bySender.orElse(null), Reason.NO_ATTACHMENT,
					"Thư không có tệp đính kèm. Vui lòng gửi lại thư kèm phiếu tự đánh giá (tệp Excel .xlsx).");
		}
		List<Problem> problems = new ArrayList<>();
		for (Attachment attachment : attachments) {
			Optional<Extraction> found = readAttachment(campaign, bySender, attachment, problems);
			if (found.isPresent()) {
				return found.get();
			}
		}
		Problem main = problems.stream().min(Comparator.comparingInt(p -> p.reason().ordinal())).orElseThrow();
		String details = problems.stream().map(Problem::text).reduce((a, b) -> a + "; " + b).orElse("");
		return new Extraction.Rejected(main.agency() != null ? main.agency() : bySender.orElse(null), main.reason(),
				"Không tìm thấy phiếu tự đánh giá đọc được trong thư: " + details + ".");
	}

	private Optional<Extraction> readAttachment(Campaign campaign, Optional<Agency> bySender, Attachment attachment,
			List<Problem> problems) {
		String name = attachment.fileName();
		if (attachment.bytes().length > this.maxAttachmentBytes) {
			problems.add(new Problem(Reason.TOO_LARGE, null, "tệp '" + name + "' dung lượng " + (attachment.bytes().length / 1024)
					+ " KB, vượt giới hạn " + (this.maxAttachmentBytes / 1024) + " KB"));
			return Optional.empty();
		}
		FileMagic magic;
		try (InputStream in = FileMagic.prepareToCheckMagic(new ByteArrayInputStream(attachment.bytes()))) {
			magic = FileMagic.valueOf(in);
		}
		catch (IOException ex) {
			magic = FileMagic.UNKNOWN;
		}
		if (magic != FileMagic.OOXML && magic != FileMagic.OLE2) {
			problems.add(new Problem(Reason.NOT_A_SPREADSHEET, null, "tệp '" + name + "' không phải bảng tính Excel (.xlsx, .xls)"));
			return Optional.empty();
		}
		try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(attachment.bytes()))) {
			if (workbook instanceof XSSFWorkbook xssf && xssf.isMacroEnabled()) {
				problems.add(new Problem(Reason.MACRO_ENABLED, null, "tệp '" + name
						+ "' có chứa macro; vì an toàn Sở không mở tệp có macro, vui lòng lưu lại dưới dạng Excel Workbook (.xlsx) rồi gửi lại"));
				return Optional.empty();
			}
			return readWorkbook(campaign, bySender, name, workbook, problems);
		}
		catch (EncryptedDocumentException ex) {
			problems.add(new Problem(Reason.UNREADABLE_SPREADSHEET, null, "tệp '" + name + "' được đặt mật khẩu, vui lòng gỡ mật khẩu rồi gửi lại"));
		}
		catch (OldExcelFormatException ex) {
			problems.add(new Problem(Reason.UNREADABLE_SPREADSHEET, null, "tệp '" + name
					+ "' là định dạng Excel 5.0/95 quá cũ, vui lòng lưu lại dưới dạng .xlsx"));
		}
		catch (Exception | StackOverflowError ex) {
			log.info("Attachment '{}' could not be read as a workbook: {}", name, ex.toString());
			problems.add(new Problem(Reason.UNREADABLE_SPREADSHEET, null, isZipBomb(ex)
					? "tệp '" + name + "' có dữ liệu nén bất thường (có thể là tệp độc hại) nên không được mở"
					: "tệp '" + name + "' bị hỏng hoặc không mở được bằng Excel"));
		}
		return Optional.empty();
	}

	private Optional<Extraction> readWorkbook(Campaign campaign, Optional<Agency> bySender, String fileName,
			Workbook workbook, List<Problem> problems) {
		List<SheetScan> sheets = new ArrayList<>();
		for (Sheet sheet : workbook) {
			sheets.add(new SheetScan(sheet));
		}
		Optional<String> writtenName = sheets.stream().map(SheetScan::agencyName).flatMap(Optional::stream).findFirst();
		Agency agency = bySender.or(() -> writtenName.flatMap(campaign::agencyByName)).orElse(null);
		Map<AgencyGroup, Match> matches = new LinkedHashMap<>();
		for (AgencyGroup group : campaign.forms().keySet()) {
			CriteriaSet criteria = campaign.form(group).criteria();
			sheets.stream().map(s -> s.match(criteria)).max(Comparator.comparingDouble(Match::share))
				.filter(m -> m.share() >= RECOGNISED)
				.ifPresent(m -> matches.put(group, m));
		}
		if (matches.isEmpty()) {
			problems.add(new Problem(Reason.NOT_THE_FORM, agency, "tệp '" + fileName + "' không phải "
					+ formNames(campaign) + " của đợt đánh giá (không thấy các chỉ tiêu của phiếu)"));
			return Optional.empty();
		}
		if (agency == null) {
			return Optional.of(new Extraction.Rejected(null, Reason.UNKNOWN_AGENCY, "Không xác định được cơ quan gửi phiếu: địa chỉ "
					+ "gửi không có trong danh sách cơ quan của đợt đánh giá"
					+ writtenName.map(n -> " và tên cơ quan ghi trên phiếu ('" + n + "') không khớp cơ quan nào trong danh sách")
						.orElse(" và phiếu không ghi tên cơ quan (dòng \"Tên cơ quan, đơn vị\")")
					+ ". Vui lòng gửi từ địa chỉ thư đã đăng ký hoặc ghi đúng tên cơ quan trên phiếu."));
		}
		Match own = matches.get(agency.group());
		String expected = campaign.form(agency.group()).formName();
		// A district form holds every department label and more; the form is the group whose labels explain the most of the sheet.
		AgencyGroup sent = matches.entrySet().stream()
			.max(Comparator.<Map.Entry<AgencyGroup, Match>>comparingDouble(e -> e.getValue().share())
				.thenComparingInt(e -> e.getValue().found()))
			.orElseThrow().getKey();
		if (own == null || (sent != agency.group() && matches.get(sent).found() > own.found())) {
			return Optional.of(new Extraction.Rejected(agency, Reason.WRONG_FORM_FOR_GROUP, agency.name() + " thuộc nhóm "
					+ agency.group().label().toLowerCase() + " nên dùng " + expected + ", nhưng tệp '" + fileName + "' là "
					+ campaign.form(sent).formName() + ". Vui lòng điền " + expected + " và gửi lại."));
		}
		if (!own.problems().isEmpty()) {
			List<String> listed = own.problems().stream().limit(MAX_LISTED_PROBLEMS).toList();
			String more = own.problems().size() > listed.size() ? "; và " + (own.problems().size() - listed.size()) + " chỉ tiêu khác" : "";
			return Optional.of(new Extraction.Rejected(agency, Reason.INCOMPLETE_FORM, expected + " trong tệp '" + fileName
					+ "' chưa đầy đủ hoặc có số liệu không hợp lệ: " + String.join("; ", listed) + more
					+ ". Vui lòng bổ sung và gửi lại."));
		}
		CriteriaSet criteria = campaign.form(agency.group()).criteria();
		return Optional.of(new Extraction.Extracted(agency, agency.group(), criteria.id(), expected, fileName, own.values()));
	}

	/** POI refuses parts that inflate far beyond their compressed size, saying so in the message. */
	private static boolean isZipBomb(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t.getMessage() != null && t.getMessage().contains("Zip bomb")) {
				return true;
			}
		}
		return false;
	}

	private static String formNames(Campaign campaign) {
		return campaign.forms().values().stream().map(Campaign.GroupForm::formName).reduce((a, b) -> a + " hay " + b).orElse("");
	}

	private record Problem(Reason reason, Agency agency, String text) {
	}

	/**
	 * How well one sheet shows one criteria set.
	 *
	 * @param share the part of the set's labels found
	 * @param found how many of the set's labels were found
	 * @param values the values read, for each label found with a valid value
	 * @param problems labels missing or with a value that is not valid, in form order
	 */
	record Match(double share, int found, Map<String, ExtractedValue> values, List<String> problems) {

		static Match of(CriteriaSet criteria, int found, Map<String, ExtractedValue> values, List<String> problems) {
			return new Match(criteria.inputs().isEmpty() ? 0 : (double) found / criteria.inputs().size(), found, values, problems);
		}
	}

	static BigDecimal clean(BigDecimal value) {
		BigDecimal stripped = value.stripTrailingZeros();
		return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
	}
}
