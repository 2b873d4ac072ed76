package vn.ictrank.ingest.extraction;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.util.IOUtils;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
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
 * forms whose rows were moved or numbered differently still read. Archives (.zip), Outlook's
 * winmail.dat and attached messages are opened and their files read too.
 * <p>
 * Each attachment is read on its own, on a worker thread, within the {@link IngestProperties.Limits}:
 * a compressed file is measured by inflating it as a stream before POI holds any of it, and a file
 * that takes too long or too much memory is given up. Whatever is wrong with a file becomes a
 * problem named after it, the other files are still read, and nothing here throws for bad input.
 */
@Component
public class FormReader implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(FormReader.class);

	/** Share of a criteria set's labels a sheet must show to count as that set's form. */
	private static final double RECOGNISED = 0.5;

	private static final int MAX_LISTED_PROBLEMS = 8;

	private static final int MAX_LISTED_EVIDENCE = 5;

	private final long maxAttachmentBytes;

	private final IngestProperties.Limits limits;

	private final ExecutorService workers = Executors.newCachedThreadPool(task -> {
		Thread thread = new Thread(task, "attachment-reader");
		thread.setDaemon(true);
		return thread;
	});

	public FormReader(IngestProperties properties) {
		this.maxAttachmentBytes = properties.maxAttachmentSize().toBytes();
		this.limits = properties.limits();
		// Every part is measured before POI opens a file (ZipContents); these are POI's own backstops, well
		// below its defaults (a gigabyte per part). Its inflation-ratio test is left to the absolute limits, since
		// it refuses genuine workbooks whose styles compress a thousandfold.
		long inflated = this.limits.maxInflatedSize().toBytes();
		ZipSecureFile.setMaxEntrySize(inflated);
		ZipSecureFile.setMaxFileCount(this.limits.maxEntries());
		ZipSecureFile.setMinInflateRatio(0.0);
		IOUtils.setByteArrayMaxOverride((int) Math.min(Integer.MAX_VALUE, Math.max(inflated, this.maxAttachmentBytes)));
	}

	@Override
	public void destroy() {
		this.workers.shutdownNow();
	}

	public Extraction read(Campaign campaign, String sender, List<Attachment> attachments) {
		return read(campaign, campaign.agencyBySender(sender), attachments);
	}

	/**
	 * Reads the form of the agency given, or, without one, of the agency the form names.
	 * @param bySender the agency the sender's address belongs to, or the one staff assigned the mail to
	 */
	public Extraction read(Campaign campaign, Optional<Agency> bySender, List<Attachment> attachments) {
		if (attachments.isEmpty()) {
			return new Extraction.Rejected(bySender.orElse(null), Reason.NO_ATTACHMENT,
					"Thư không có tệp đính kèm. Vui lòng gửi lại thư kèm phiếu tự đánh giá (tệp Excel .xlsx).");
		}
		Findings findings = new Findings();
		for (Attachment attachment : attachments) {
			Findings found = bounded(attachment, () -> {
				Findings own = new Findings();
				readFile(campaign, bySender, attachment, 0, own);
				return own;
			});
			findings.add(found);
			if (findings.form().isPresent()) {
				break;
			}
		}
		if (findings.form().isPresent()) {
			return findings.form().get();
		}
		if (!findings.rejectedForms.isEmpty()) {
			return findings.rejectedForms.get(0);
		}
		if (findings.problems.isEmpty()) {
			List<String> listed = findings.evidence.stream().limit(MAX_LISTED_EVIDENCE).map(n -> "'" + n + "'").toList();
			return new Extraction.Rejected(bySender.orElse(null), Reason.NOT_A_SPREADSHEET, "Thư chỉ có tài liệu kiểm chứng ("
					+ String.join(", ", listed) + (findings.evidence.size() > listed.size() ? ", …" : "")
					+ ") mà không có phiếu tự đánh giá. Vui lòng gửi kèm " + formNames(campaign) + " (tệp Excel .xlsx).");
		}
		Problem main = findings.problems.stream().max(Comparator.comparingInt(p -> p.reason().ordinal())).orElseThrow();
		String details = findings.problems.stream().limit(MAX_LISTED_PROBLEMS).map(Problem::text).reduce((a, b) -> a + "; " + b).orElse("");
		return new Extraction.Rejected(main.agency() != null ? main.agency() : bySender.orElse(null), main.reason(),
				"Không tìm thấy phiếu tự đánh giá đọc được trong thư: " + details
						+ (findings.problems.size() > MAX_LISTED_PROBLEMS ? "; và " + (findings.problems.size() - MAX_LISTED_PROBLEMS)
								+ " tệp khác" : "") + ".");
	}

	/** Reads one attachment on a worker, giving it up when it takes too long or too much memory. */
	private Findings bounded(Attachment attachment, java.util.concurrent.Callable<Findings> reading) {
		String name = attachment.fileName();
		Future<Findings> task = this.workers.submit(reading);
		try {
			return task.get(this.limits.parseTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			task.cancel(true);
			log.warn("Reading '{}' took longer than {}; given up", name, this.limits.parseTimeout());
			return Findings.of(new Problem(Reason.UNREADABLE_SPREADSHEET, null, "tệp '" + name + "' cần quá nhiều thời gian để đọc (hơn "
					+ this.limits.parseTimeout().toSeconds() + " giây) nên không được mở; vui lòng lưu lại phiếu thành tệp .xlsx mới rồi gửi lại"));
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			log.warn("Reading '{}' failed: {}", name, cause.toString());
			return Findings.of(new Problem(Reason.UNREADABLE_SPREADSHEET, null, cause instanceof OutOfMemoryError
					? "tệp '" + name + "' cần quá nhiều bộ nhớ để mở nên không được mở; vui lòng lưu lại phiếu thành tệp .xlsx mới rồi gửi lại"
					: "tệp '" + name + "' bị hỏng hoặc không mở được bằng Excel"));
		}
		catch (InterruptedException ex) {
			task.cancel(true);
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading attachments", ex);
		}
	}

	/** Reads one file, opening containers, adding what it found to {@code findings}. */
	private void readFile(Campaign campaign, Optional<Agency> bySender, Attachment file, int depth, Findings findings) {
		String name = file.fileName();
		if (findings.files++ >= this.limits.maxFiles()) {
			if (findings.files == this.limits.maxFiles() + 1) {
				findings.problems.add(new Problem(Reason.NOT_A_SPREADSHEET, null, "thư có hơn " + this.limits.maxFiles()
						+ " tệp nên các tệp sau không được đọc"));
			}
			return;
		}
		if (file.oversized() || file.bytes().length > this.maxAttachmentBytes) {
			findings.problems.add(new Problem(Reason.TOO_LARGE, null, "tệp '" + name + "' dung lượng " + (file.size() / 1024)
					+ " KB, vượt giới hạn " + (this.maxAttachmentBytes / 1024) + " KB"));
			return;
		}
		if (file.bytes().length == 0) {
			findings.problems.add(new Problem(Reason.NOT_A_SPREADSHEET, null, "tệp '" + name + "' rỗng (0 byte)"));
			return;
		}
		FileKind kind = FileKind.of(file, this.limits);
		switch (kind.type()) {
			case WORKBOOK, DOCX, DOC -> readTables(campaign, bySender, file, kind, findings);
			case ARCHIVE, WINMAIL, MESSAGE -> {
				if (depth >= this.limits.maxNesting()) {
					findings.problems.add(new Problem(Reason.NOT_A_SPREADSHEET, null, "tệp '" + name + "' lồng quá "
							+ this.limits.maxNesting() + " lớp tệp nén/thư nên không được mở"));
					return;
				}
				Containers.Opened opened = Containers.open(file, kind, this.limits, this.maxAttachmentBytes);
				if (opened.problem() != null) {
					findings.problems.add(new Problem(opened.hostile() ? Reason.UNREADABLE_SPREADSHEET : Reason.NOT_A_SPREADSHEET, null,
							"tệp '" + name + "' " + opened.problem()));
				}
				for (Attachment inner : opened.files()) {
					readFile(campaign, bySender, inner, depth + 1, findings);
					if (findings.form().isPresent()) {
						return;
					}
				}
			}
			case EVIDENCE -> findings.evidence.add(name);
			case REFUSED -> findings.problems.add(new Problem(Reason.UNREADABLE_SPREADSHEET, null, "tệp '" + name + "' " + kind.problem()));
			case OTHER -> findings.problems.add(new Problem(Reason.NOT_A_SPREADSHEET, null,
					"tệp '" + name + "' không phải bảng tính Excel (.xlsx, .xls)" + kind.problemOrEmpty()));
		}
	}

	/**
	 * Reads a workbook, or a Word document whose tables were turned into one; every way either
	 * fails to open becomes a problem named after the file.
	 */
	private void readTables(Campaign campaign, Optional<Agency> bySender, Attachment file, FileKind kind, Findings findings) {
		String name = file.fileName();
		boolean word = kind.type() != FileKind.Type.WORKBOOK;
		String macros = "tệp '" + name + "' có chứa macro; vì an toàn Sở không mở tệp có macro, vui lòng lưu lại dưới dạng "
				+ (word ? ".docx hoặc điền mẫu Excel" : "Excel Workbook (.xlsx)") + " rồi gửi lại";
		if (kind.macros()) {
			findings.problems.add(new Problem(Reason.MACRO_ENABLED, null, macros));
			return;
		}
		try (Workbook tables = switch (kind.type()) {
			case DOCX -> WordTables.docx(file.bytes(), this.limits.maxCells());
			case DOC -> WordTables.doc(file.bytes(), this.limits.maxCells());
			default -> WorkbookFactory.create(new ByteArrayInputStream(file.bytes()));
		}) {
			if (tables instanceof XSSFWorkbook xssf && xssf.isMacroEnabled()) {
				findings.problems.add(new Problem(Reason.MACRO_ENABLED, null, macros));
				return;
			}
			readWorkbook(campaign, bySender, name, tables, new SheetScan.Budget(this.limits.maxCells()), findings);
		}
		catch (SheetScan.Budget.Exceeded ex) {
			findings.problems.add(new Problem(Reason.UNREADABLE_SPREADSHEET, null, "tệp '" + name + "' có hơn "
					+ this.limits.maxCells() + " ô, không phải phiếu tự đánh giá"));
		}
		catch (EncryptedDocumentException ex) {
			findings.problems.add(new Problem(Reason.UNREADABLE_SPREADSHEET, null, "tệp '" + name
					+ "' được đặt mật khẩu, vui lòng gỡ mật khẩu rồi gửi lại"));
		}
		catch (OldExcelFormatException ex) {
			findings.problems.add(new Problem(Reason.UNREADABLE_SPREADSHEET, null, "tệp '" + name
					+ "' là định dạng Excel 5.0/95 quá cũ, vui lòng lưu lại dưới dạng .xlsx"));
		}
		catch (Exception | StackOverflowError ex) {
			log.info("Attachment '{}' could not be read: {}", name, ex.toString());
			findings.problems.add(new Problem(Reason.UNREADABLE_SPREADSHEET, null, declaresDoctype(ex)
					? "tệp '" + name + "' chứa khai báo XML không an toàn (DOCTYPE) nên không được mở"
					: word ? "tệp Word '" + name + "' bị hỏng hoặc không mở được; vui lòng điền phiếu theo mẫu Excel rồi gửi lại"
							: "tệp '" + name + "' bị hỏng hoặc không mở được bằng Excel"));
		}
	}

	/** XML with a DOCTYPE is how external entities and entity expansion get in; POI's parsers refuse it. */
	private static boolean declaresDoctype(Throwable ex) {
		for (Throwable t = ex; t != null && t.getCause() != t; t = t.getCause()) {
			if (t.getMessage() != null && t.getMessage().toUpperCase(Locale.ROOT).contains("DOCTYPE")) {
				return true;
			}
		}
		return false;
	}

	private void readWorkbook(Campaign campaign, Optional<Agency> bySender, String fileName, Workbook workbook,
			SheetScan.Budget budget, Findings findings) {
		List<SheetScan> sheets = new ArrayList<>();
		for (Sheet sheet : workbook) {
			sheets.add(new SheetScan(sheet, budget));
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
			findings.problems.add(new Problem(Reason.NOT_THE_FORM, agency, "tệp '" + fileName + "' không phải "
					+ formNames(campaign) + " của đợt đánh giá (không thấy các chỉ tiêu của phiếu)"));
			return;
		}
		if (agency == null) {
			findings.rejectedForms.add(new Extraction.Rejected(null, Reason.UNKNOWN_AGENCY, "Không xác định được cơ quan gửi phiếu: địa chỉ "
					+ "gửi không có trong danh sách cơ quan của đợt đánh giá"
					+ writtenName.map(n -> " và tên cơ quan ghi trên phiếu ('" + MailParts.displayName(n) + "') không khớp cơ quan nào trong danh sách")
						.orElse(" và phiếu không ghi tên cơ quan (dòng \"Tên cơ quan, đơn vị\")")
					+ ". Vui lòng gửi từ địa chỉ thư đã đăng ký hoặc ghi đúng tên cơ quan trên phiếu."));
			return;
		}
		Match own = matches.get(agency.group());
		String expected = campaign.form(agency.group()).formName();
		// A district form holds every department label and more; the form is the group whose labels explain the most of the sheet.
		AgencyGroup sent = matches.entrySet().stream()
			.max(Comparator.<Map.Entry<AgencyGroup, Match>>comparingDouble(e -> e.getValue().share())
				.thenComparingInt(e -> e.getValue().found()))
			.orElseThrow().getKey();
		if (own == null || (sent != agency.group() && matches.get(sent).found() > own.found())) {
			findings.rejectedForms.add(new Extraction.Rejected(agency, Reason.WRONG_FORM_FOR_GROUP, agency.name() + " thuộc nhóm "
					+ agency.group().label().toLowerCase() + " nên dùng " + expected + ", nhưng tệp '" + fileName + "' là "
					+ campaign.form(sent).formName() + ". Vui lòng điền " + expected + " và gửi lại."));
			return;
		}
		if (!own.problems().isEmpty()) {
			List<String> listed = own.problems().stream().limit(MAX_LISTED_PROBLEMS).toList();
			String more = own.problems().size() > listed.size() ? "; và " + (own.problems().size() - listed.size()) + " chỉ tiêu khác" : "";
			findings.rejectedForms.add(new Extraction.Rejected(agency, Reason.INCOMPLETE_FORM, expected + " trong tệp '" + fileName
					+ "' chưa đầy đủ hoặc có số liệu không hợp lệ: " + String.join("; ", listed) + more
					+ ". Vui lòng bổ sung và gửi lại."));
			return;
		}
		CriteriaSet criteria = campaign.form(agency.group()).criteria();
		findings.forms.add(new Extraction.Extracted(agency, agency.group(), criteria.id(), expected, fileName, own.values()));
	}

	private static String formNames(Campaign campaign) {
		return campaign.forms().values().stream().map(Campaign.GroupForm::formName).reduce((a, b) -> a + " hay " + b).orElse("");
	}

	private record Problem(Reason reason, Agency agency, String text) {
	}

	/** What the files of one attachment gave: forms read, forms refused, problems, and evidence kept. */
	private static final class Findings {

		private final List<Extraction.Extracted> forms = new ArrayList<>();

		private final List<Extraction.Rejected> rejectedForms = new ArrayList<>();

		private final List<Problem> problems = new ArrayList<>();

		private final List<String> evidence = new ArrayList<>();

		private int files;

		static Findings of(Problem problem) {
			Findings findings = new Findings();
			findings.problems.add(problem);
			return findings;
		}

		Optional<Extraction> form() {
			return this.forms.stream().<Extraction>map(f -> f).findFirst();
		}

		void add(Findings other) {
			this.forms.addAll(other.forms);
			this.rejectedForms.addAll(other.rejectedForms);
			this.problems.addAll(other.problems);
			this.evidence.addAll(other.evidence);
		}
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

}
