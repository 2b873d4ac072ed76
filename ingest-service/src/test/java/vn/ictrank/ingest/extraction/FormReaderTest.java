package vn.ictrank.ingest.extraction;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import vn.ictrank.ingest.IngestProperties;
import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.event.SubmissionRejected.Reason;

import static org.assertj.core.api.Assertions.assertThat;

class FormReaderTest {

	private final FormReader reader = new FormReader(settings());

	/** The service's defaults, but a 1 MB attachment limit. */
	static IngestProperties settings() {
		return new Binder(new MapConfigurationPropertySource(Map.of("ictrank.ingest.campaign", "thanh-hoa-2016",
				"ictrank.ingest.max-attachment-size", "1MB"))).bindOrCreate("ictrank.ingest", IngestProperties.class);
	}

	@Test
	void readsEveryFigureOfAFilledFormWithItsCell() {
		Map<String, Object> figures = Forms.figures(AgencyGroup.DEPARTMENT, 11);

		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn", List.of(Forms.pdf(), Forms.filled(Forms.department(), figures)));

		Extraction.Extracted form = (Extraction.Extracted) result;
		assertThat(form.agency().id()).isEqualTo("so-noi-vu");
		assertThat(form.formName()).isEqualTo("Mẫu 01");
		assertThat(form.values()).hasSize(Forms.CAMPAIGN.form(AgencyGroup.DEPARTMENT).criteria().inputs().size());
		assertThat(form.values().get("tong_cbccvc").value()).isEqualByComparingTo(String.valueOf(figures.get("tong_cbccvc")));
		assertThat(form.values().get("tong_cbccvc").cell()).isEqualTo("D9");
		assertThat(form.values().get("co_tuong_lua").value()).isEqualByComparingTo((Boolean) figures.get("co_tuong_lua") ? "1" : "0");
	}

	@Test
	void readsAFormWithAScannedPagePastedInAsLargeAsAnAttachmentMayBe() {
		Map<String, Object> figures = Forms.figures(AgencyGroup.DEPARTMENT, 12);
		Attachment form = Forms.filled(Forms.department(), figures);
		byte[] large = vn.ictrank.forms.FormWorkbook.withScannedPage(form.bytes(), 10 * 1024 * 1024 - 16 * 1024);
		assertThat(large.length).isBetween(9 * 1024 * 1024, 10 * 1024 * 1024);

		FormReader withDefaultLimits = new FormReader(new Binder(new MapConfigurationPropertySource(Map.of("ictrank.ingest.campaign",
				"thanh-hoa-2016"))).bindOrCreate("ictrank.ingest", IngestProperties.class));

		Extraction result = withDefaultLimits.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn",
				List.of(new Attachment(form.fileName(), form.contentType(), large)));

		assertThat(result).as("%s", result).isInstanceOf(Extraction.Extracted.class);
	}

	@Test
	void findsTheAgencyByTheNameOnTheFormWhenTheSenderIsNotOnTheRoster() {
		Extraction result = this.reader.read(Forms.CAMPAIGN, "canbo.cntt@gmail.com",
				List.of(Forms.filled(Forms.district(), Forms.figures(AgencyGroup.DISTRICT, 3))));

		assertThat(result).isInstanceOf(Extraction.Extracted.class);
		assertThat(result.agency().id()).isEqualTo("huyen-ba-thuoc");
		assertThat(((Extraction.Extracted) result).formName()).isEqualTo("Mẫu 02");
	}

	@Test
	void readsFiguresByLabelAfterRowsWereInsertedAndLabelsRetypedWithoutDiacritics() {
		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn",
				List.of(Forms.edited(Forms.department(), Forms.figures(AgencyGroup.DEPARTMENT, 5), workbook -> {
					Sheet sheet = workbook.getSheetAt(0);
					sheet.shiftRows(8, sheet.getLastRowNum(), 3);
					Row row = sheet.getRow(11);
					row.getCell(1).setCellValue(Normalizer.normalize("TỔNG SỐ CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC (người)", Normalizer.Form.NFD));
					row.getCell(3).setCellValue("1.250");
				})));

		Extraction.Extracted form = (Extraction.Extracted) result;
		assertThat(form.values().get("tong_cbccvc").value()).isEqualByComparingTo("1250");
		assertThat(form.values().get("tong_cbccvc").cell()).isEqualTo("D12");
		assertThat(form.values().get("tong_cbccvc").raw()).isEqualTo("1.250");
	}

	@Test
	void readsAFormTypedInLegacyTcvn3FontsAndFindsTheAgencyByItsName() {
		Map<String, Object> figures = Forms.figures(AgencyGroup.DISTRICT, 14);
		Attachment legacy = Forms.typedInTcvn3(Forms.district(), figures);
		try (XSSFWorkbook workbook = new XSSFWorkbook(new java.io.ByteArrayInputStream(legacy.bytes()))) {
			assertThat(workbook.getSheetAt(0).getRow(5).getCell(2).getStringCellValue()).isEqualTo("HuyÖn B¸ Th\u00adíc");
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}

		Extraction result = this.reader.read(Forms.CAMPAIGN, "vanthu@gmail.com", List.of(legacy));

		assertThat(result).isInstanceOfSatisfying(Extraction.Extracted.class, form -> {
			assertThat(form.agency().id()).isEqualTo("huyen-ba-thuoc");
			assertThat(form.values().get("co_tuong_lua").raw()).isEqualTo((Boolean) figures.get("co_tuong_lua") ? "Có" : "Không");
		});
	}

	@Test
	void usesTheCachedResultOfAFormulaCellAndSaysSo() {
		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn",
				List.of(Forms.edited(Forms.department(), Forms.figures(AgencyGroup.DEPARTMENT, 5), workbook -> {
					Cell cell = workbook.getSheetAt(0).getRow(8).getCell(3);
					cell.setCellFormula("40+2");
					workbook.getCreationHelper().createFormulaEvaluator().evaluateFormulaCell(cell);
				})));

		var value = ((Extraction.Extracted) result).values().get("tong_cbccvc");
		assertThat(value.value()).isEqualByComparingTo("42");
		assertThat(value.formula()).isTrue();
	}

	@Test
	void readsALegacyXlsWorkbook() throws IOException {
		Map<String, Object> figures = Forms.figures(AgencyGroup.DEPARTMENT, 8);
		byte[] xls;
		try (XSSFWorkbook source = new XSSFWorkbook(new java.io.ByteArrayInputStream(Forms.filled(Forms.department(), figures).bytes()));
				HSSFWorkbook target = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet to = target.createSheet("Mau 01");
			for (Row row : source.getSheetAt(0)) {
				Row copy = to.createRow(row.getRowNum());
				for (Cell cell : row) {
					switch (cell.getCellType()) {
						case NUMERIC -> copy.createCell(cell.getColumnIndex()).setCellValue(cell.getNumericCellValue());
						case STRING -> copy.createCell(cell.getColumnIndex()).setCellValue(cell.getStringCellValue());
						default -> { }
					}
				}
			}
			target.write(out);
			xls = out.toByteArray();
		}

		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn",
				List.of(new Attachment("Mau01.xls", "application/vnd.ms-excel", xls)));

		assertThat(result).isInstanceOf(Extraction.Extracted.class);
	}

	@Test
	void rejectsAMessageWithoutAttachment() {
		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn", List.of());

		assertThat(result).isInstanceOfSatisfying(Extraction.Rejected.class, r -> {
			assertThat(r.reason()).isEqualTo(Reason.NO_ATTACHMENT);
			assertThat(r.message()).contains("không có tệp đính kèm");
			assertThat(r.agency().id()).isEqualTo("so-noi-vu");
		});
	}

	@Test
	void rejectsACorruptWorkbookNamingTheFile() {
		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn", List.of(Forms.corruptXlsx()));

		assertThat(result).isInstanceOfSatisfying(Extraction.Rejected.class, r -> {
			assertThat(r.reason()).isEqualTo(Reason.UNREADABLE_SPREADSHEET);
			assertThat(r.message()).contains("'Mẫu 01 - bị hỏng.xlsx' bị hỏng");
		});
	}

	@Test
	void refusesAZipBombWithoutInflatingIt() {
		Attachment bomb = Forms.zipBomb();
		assertThat(bomb.bytes().length).isLessThan(200_000);

		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn", List.of(bomb));

		assertThat(result).isInstanceOfSatisfying(Extraction.Rejected.class, r -> {
			assertThat(r.reason()).isEqualTo(Reason.UNREADABLE_SPREADSHEET);
			assertThat(r.message()).contains("có dữ liệu nén bất thường");
		});
	}

	@Test
	void rejectsAFileThatIsNotASpreadsheet() {
		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn",
				List.of(new Attachment("Mẫu 01.xlsx", "application/octet-stream", "Tên cơ quan; Sở Nội vụ".getBytes())));

		assertThat(((Extraction.Rejected) result).reason()).isEqualTo(Reason.NOT_A_SPREADSHEET);
		assertThat(((Extraction.Rejected) result).message()).contains("'Mẫu 01.xlsx' không phải bảng tính Excel");
	}

	@Test
	void saysAMailWithOnlyEvidenceHasNoForm() {
		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn", List.of(Forms.pdf()));

		assertThat(((Extraction.Rejected) result).reason()).isEqualTo(Reason.NOT_A_SPREADSHEET);
		assertThat(((Extraction.Rejected) result).message()).contains("chỉ có tài liệu kiểm chứng ('Quyết định kèm theo.pdf')")
			.contains("không có phiếu tự đánh giá");
	}

	@Test
	void readsTheFormBesideAnEmptyAttachment() {
		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn", List.of(Forms.xlsx("trống.xlsx", new byte[0]),
				Forms.filled(Forms.department(), Forms.figures(AgencyGroup.DEPARTMENT, 2))));

		assertThat(result).isInstanceOf(Extraction.Extracted.class);
	}

	@Test
	void explainsAnEmptyAttachment() {
		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn", List.of(Forms.xlsx("trống.xlsx", new byte[0])));

		assertThat(((Extraction.Rejected) result).message()).contains("'trống.xlsx' rỗng (0 byte)");
	}

	@Test
	void readsAFormInsideAZip() {
		Attachment zip = Forms.zip("Hồ sơ Sở Nội vụ.zip", Forms.pdf(), Forms.filled(Forms.department(), Forms.figures(AgencyGroup.DEPARTMENT, 8)));

		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn", List.of(zip));

		assertThat(result).isInstanceOfSatisfying(Extraction.Extracted.class,
				form -> assertThat(form.attachmentName()).isEqualTo("Hồ sơ Sở Nội vụ.zip › Mẫu 01 - Sở Nội vụ.xlsx"));
	}

	@Test
	void readsAFormInAMailSavedAsAFileInsideANestedZip() {
		Attachment mail = Forms.savedMail("Phiếu.eml", Forms.filled(Forms.department(), Forms.figures(AgencyGroup.DEPARTMENT, 8)));
		Attachment zip = Forms.zip("ngoài.zip", Forms.zip("trong.zip", mail));

		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn", List.of(zip));

		assertThat(result).isInstanceOf(Extraction.Extracted.class);
	}

	@Test
	void refusesZipsNestedBeyondTheLimit() {
		Attachment nested = Forms.filled(Forms.department(), Forms.figures(AgencyGroup.DEPARTMENT, 8));
		for (int i = 0; i < 8; i++) {
			nested = Forms.zip("lớp " + i + ".zip", nested);
		}

		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn", List.of(nested));

		assertThat(((Extraction.Rejected) result).message()).contains("lồng quá 4 lớp");
	}

	@Test
	void refusesAWorkbookThatUnpacksBeyondTheLimitEvenAtAnOrdinaryCompressionRatio() {
		// Mostly zeros with a stray digit deflate to just over 1 %, which POI's ratio test lets through.
		java.util.Random random = new java.util.Random(1);
		int size = 30 * 1024 * 1024;
		StringBuilder filler = new StringBuilder(size);
		while (filler.length() < size) {
			filler.append(random.nextInt(1000) < 995 ? '0' : (char) ('1' + random.nextInt(9)));
		}
		Attachment tuned = Forms.withPart(Forms.filled(Forms.department(), Forms.figures(AgencyGroup.DEPARTMENT, 1)),
				"docProps/app.xml", xml -> xml.replace("</Properties>", "<!-- " + filler + " --></Properties>"));

		assertThat(tuned.bytes().length).isBetween(size / 100, (int) DataSize.ofMegabytes(1).toBytes());

		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn", List.of(tuned));

		assertThat(result).isInstanceOfSatisfying(Extraction.Rejected.class, r -> {
			assertThat(r.reason()).isEqualTo(Reason.UNREADABLE_SPREADSHEET);
			assertThat(r.message()).contains("có dữ liệu nén bất thường");
		});
	}

	@Test
	void readsAGenuineWorkbookWhoseStylesCompressAThousandfold() {
		Attachment form = Forms.withPart(Forms.filled(Forms.department(), Forms.figures(AgencyGroup.DEPARTMENT, 1)),
				"xl/styles.xml", xml -> xml.replace("</styleSheet>", " ".repeat(3 * 1024 * 1024) + "</styleSheet>"));

		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn", List.of(form));

		assertThat(result).isInstanceOf(Extraction.Extracted.class);
	}

	@Test
	@Timeout(30)
	void readsAnAbsurdlyLargeTypedNumberAsAnInvalidFigure() {
		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn", List.of(typed("tong_cbccvc", "1e100000000")));

		assertThat(result).isInstanceOfSatisfying(Extraction.Rejected.class, r -> {
			assertThat(r.reason()).isEqualTo(Reason.INCOMPLETE_FORM);
			assertThat(r.message()).contains("'1e100000000' (ô D9), con số không hợp lý");
		});
	}

	@Test
	@Timeout(30)
	void readsAnAbsurdlySmallTypedNumberAsAnInvalidFigure() {
		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn",
				List.of(typed("bang_thong_quy_doi_mbps", "1e-600000000")));

		assertThat(((Extraction.Rejected) result).message()).contains("'1e-600000000'").contains("con số không hợp lý");
	}

	@Test
	void readsFiguresTypedWithTheUnitOfTheForm() {
		Map<String, Object> figures = Forms.figures(AgencyGroup.DEPARTMENT, 4);
		figures.put("tong_cbccvc", "250 người");
		figures.put("tong_van_ban_di", "1.234 văn bản");
		figures.put("bang_thong_quy_doi_mbps", "15,5 Mbps");

		Extraction.Extracted form = (Extraction.Extracted) this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn",
				List.of(Forms.filled(Forms.department(), figures)));

		assertThat(form.values().get("tong_cbccvc").value()).isEqualByComparingTo("250");
		assertThat(form.values().get("tong_van_ban_di").value()).isEqualByComparingTo("1234");
		assertThat(form.values().get("bang_thong_quy_doi_mbps").value()).isEqualByComparingTo("15.5");
	}

	@Test
	void namesTheExpectedUnitWhenAFigureCarriesAnother() {
		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn", List.of(typed("bang_thong_quy_doi_mbps", "15 GB")));

		assertThat(((Extraction.Rejected) result).message()).contains("'15 GB'").contains("đơn vị 'GB' khác đơn vị của phiếu (Mbps)");
	}

	@Test
	void rejectsAFigureAboveTheMaximumTheCriteriaDeclare() {
		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn", List.of(typed("tong_cbccvc", "2500000")));

		assertThat(((Extraction.Rejected) result).message()).contains("lớn hơn mức tối đa hợp lý 100000 (người)");
	}

	@Test
	void showsFileNamesWithoutCharactersThatDisguiseThem() {
		assertThat(MailParts.displayName("Mau01\u202Exslx.exe")).isEqualTo("Mau01xslx.exe");
		assertThat(MailParts.displayName("Phi\u0000eu\u0007.xlsx")).isEqualTo("Phieu.xlsx");
		assertThat(MailParts.displayName("Phu\u0323 lu\u0323c I.xlsx")).isEqualTo("Phụ lục I.xlsx");
	}

	/** The department form with one figure typed as text. */
	private static Attachment typed(String input, String text) {
		Map<String, Object> figures = Forms.figures(AgencyGroup.DEPARTMENT, 4);
		figures.put(input, text);
		return Forms.filled(Forms.department(), figures);
	}

	@Test
	void rejectsASpreadsheetThatIsNotTheForm() throws IOException {
		byte[] other;
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			workbook.createSheet("Bảng lương").createRow(0).createCell(0).setCellValue("Họ và tên");
			workbook.write(out);
			other = out.toByteArray();
		}

		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn", List.of(Forms.xlsx("bang-luong.xlsx", other)));

		assertThat(((Extraction.Rejected) result).reason()).isEqualTo(Reason.NOT_THE_FORM);
		assertThat(((Extraction.Rejected) result).message()).contains("không phải Mẫu 01 hay Mẫu 02");
	}

	@Test
	void rejectsAnUnknownSenderWhoseFormNamesNoRosterAgency() {
		Extraction result = this.reader.read(Forms.CAMPAIGN, "ai.do@example.com",
				List.of(Forms.edited(Forms.department(), Forms.figures(AgencyGroup.DEPARTMENT, 2),
						workbook -> workbook.getSheetAt(0).getRow(5).getCell(2).setCellValue("Công ty ABC"))));

		assertThat(result).isInstanceOfSatisfying(Extraction.Rejected.class, r -> {
			assertThat(r.reason()).isEqualTo(Reason.UNKNOWN_AGENCY);
			assertThat(r.message()).contains("'Công ty ABC'");
			assertThat(r.agency()).isNull();
		});
	}

	@Test
	void rejectsADistrictFormSentByADepartment() {
		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn",
				List.of(Forms.filled(Forms.district(), Forms.figures(AgencyGroup.DISTRICT, 4))));

		assertThat(((Extraction.Rejected) result).reason()).isEqualTo(Reason.WRONG_FORM_FOR_GROUP);
		assertThat(((Extraction.Rejected) result).message()).contains("nên dùng Mẫu 01").contains("là Mẫu 02");
	}

	@Test
	void listsMissingAndInvalidFiguresWithTheirCells() {
		Map<String, Object> figures = Forms.figures(AgencyGroup.DEPARTMENT, 9);
		figures.remove("tong_may_tinh");
		figures.put("co_tuong_lua", "chắc có");

		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn", List.of(Forms.filled(Forms.department(), figures)));

		assertThat(result).isInstanceOfSatisfying(Extraction.Rejected.class, r -> {
			assertThat(r.reason()).isEqualTo(Reason.INCOMPLETE_FORM);
			assertThat(r.message()).contains("\"Tổng số máy tính đang sử dụng\" chưa có số liệu (ô D11)")
				.contains("'chắc có' (ô D16), cần ghi Có hoặc Không");
		});
	}

	@Test
	void rejectsAnAttachmentOverTheSizeLimitWithoutOpeningIt() {
		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn",
				List.of(Forms.xlsx("lon.xlsx", new byte[(int) DataSize.ofMegabytes(2).toBytes()])));

		assertThat(((Extraction.Rejected) result).reason()).isEqualTo(Reason.TOO_LARGE);
	}

	@Test
	void rejectsMacroEnabledWorkbook() throws IOException {
		byte[] xlsm;
		try (XSSFWorkbook workbook = new XSSFWorkbook(org.apache.poi.xssf.usermodel.XSSFWorkbookType.XLSM);
				ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			workbook.createSheet("Mẫu 01");
			workbook.write(out);
			xlsm = out.toByteArray();
		}

		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn", List.of(Forms.xlsx("Mẫu 01.xlsm", xlsm)));

		assertThat(((Extraction.Rejected) result).reason()).isEqualTo(Reason.MACRO_ENABLED);
	}

	@Test
	void readsAFormTypedInVniFontsAndFindsTheAgencyByItsName() {
		Attachment legacy = Forms.typedInVni(Forms.district(), Forms.figures(AgencyGroup.DISTRICT, 15));

		Extraction result = this.reader.read(Forms.CAMPAIGN, "canbo.bathuoc@gmail.com", List.of(legacy));

		assertThat(result).isInstanceOf(Extraction.Extracted.class);
		assertThat(result.agency().id()).isEqualTo("huyen-ba-thuoc");
	}

	@Test
	void readsAFormFilledInWordWithTickedBoxes() {
		Map<String, Object> figures = Forms.figures(AgencyGroup.DEPARTMENT, 12);

		Extraction result = this.reader.read(Forms.CAMPAIGN, "canbo@gmail.com", List.of(Forms.inWord(Forms.department(), figures)));

		assertThat(result).isInstanceOfSatisfying(Extraction.Extracted.class, form -> {
			assertThat(form.agency().id()).isEqualTo("so-noi-vu");
			assertThat(form.attachmentName()).endsWith(".docx");
			assertThat(form.values().get("tong_cbccvc").value()).isEqualByComparingTo(String.valueOf(figures.get("tong_cbccvc")));
			assertThat(form.values().get("co_tuong_lua").value()).isEqualByComparingTo((Boolean) figures.get("co_tuong_lua") ? "1" : "0");
		});
	}

	@Test
	void readsAFormThatOutlookWrappedInWinmailDat() {
		Attachment winmail = Forms.winmailDat(Forms.pdf(), Forms.filled(Forms.department(), Forms.figures(AgencyGroup.DEPARTMENT, 9)));

		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn", List.of(winmail));

		assertThat(result).isInstanceOfSatisfying(Extraction.Extracted.class,
				form -> assertThat(form.attachmentName()).isEqualTo("Mẫu 01 - Sở Nội vụ.xlsx"));
	}

	@Test
	void asksForThePasswordOfAnEncryptedWorkbookToBeRemoved() throws Exception {
		byte[] plain = Forms.filled(Forms.department(), Forms.figures(AgencyGroup.DEPARTMENT, 6)).bytes();
		byte[] encrypted;
		try (org.apache.poi.poifs.filesystem.POIFSFileSystem fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem();
				ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			org.apache.poi.poifs.crypt.Encryptor encryptor = new org.apache.poi.poifs.crypt.EncryptionInfo(
					org.apache.poi.poifs.crypt.EncryptionMode.agile).getEncryptor();
			encryptor.confirmPassword("matkhau");
			try (org.apache.poi.openxml4j.opc.OPCPackage opc = org.apache.poi.openxml4j.opc.OPCPackage.open(new java.io.ByteArrayInputStream(plain));
					java.io.OutputStream data = encryptor.getDataStream(fs)) {
				opc.save(data);
			}
			fs.writeFilesystem(out);
			encrypted = out.toByteArray();
		}

		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn", List.of(Forms.xlsx("Mẫu 01 có mật khẩu.xlsx", encrypted)));

		assertThat(((Extraction.Rejected) result).reason()).isEqualTo(Reason.UNREADABLE_SPREADSHEET);
		assertThat(((Extraction.Rejected) result).message()).contains("'Mẫu 01 có mật khẩu.xlsx' được đặt mật khẩu");
	}

	@Test
	void explainsAWorkbookInTheExcel95Format() throws Exception {
		Extraction result = this.reader.read(Forms.CAMPAIGN, "sonoivu@thanhhoa.gov.vn", List.of(Forms.xlsx("Mẫu 01 (Excel 95).xls", excel95())));

		assertThat(((Extraction.Rejected) result).message()).contains("Excel 5.0/95 quá cũ");
	}

	/** An OLE2 file whose workbook stream is a BIFF5 (Excel 5.0/95) one, as old templates still are. */
	private static byte[] excel95() throws IOException {
		try (org.apache.poi.poifs.filesystem.POIFSFileSystem fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem();
				ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			// BOF record of a BIFF5 workbook globals stream: type 0x0809, length 8, version 0x0500, kind 0x0005.
			byte[] bof = java.util.HexFormat.of().parseHex("0908080000050500cd07c107");
			fs.createDocument(new java.io.ByteArrayInputStream(bof), "Book");
			fs.writeFilesystem(out);
			return out.toByteArray();
		}
	}

	@Test
	void keepsNumbersWrittenAsVietnameseText() {
		assertThat(CellText.number("1.234")).contains(new BigDecimal("1234"));
		assertThat(CellText.number("12,5")).contains(new BigDecimal("12.5"));
		assertThat(CellText.number("1.234,5")).contains(new BigDecimal("1234.5"));
		assertThat(CellText.number("1,234.5")).contains(new BigDecimal("1234.5"));
		assertThat(CellText.number("abc")).isEmpty();
	}
}
