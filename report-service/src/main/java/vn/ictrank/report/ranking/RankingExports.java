package vn.ictrank.report.ranking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.Campaign;
import vn.ictrank.report.Campaigns;
import vn.ictrank.report.Csv;
import vn.ictrank.report.Downloads;
import vn.ictrank.report.ShownTime;

/**
 * The ranking to take away: a formatted workbook to attach to the Department's report (a sheet per
 * group, the bands, those not ranked and why), the same as CSV, and as JSON for other systems.
 * All three are built from one {@link Export}, so they never disagree.
 */
@RestController
class RankingExports {


	private final Campaigns campaigns;

	private final Standings summaries;

	RankingExports(Campaigns campaigns, Standings summaries) {
		this.campaigns = campaigns;
		this.summaries = summaries;
	}

	@GetMapping(value = "/api/xep-hang", produces = MediaType.APPLICATION_JSON_VALUE)
	Export json(@RequestParam(name = "chien-dich", required = false) String campaignId) {
		return export(campaignId);
	}

	@GetMapping("/xep-hang.csv")
	ResponseEntity<byte[]> csv(@RequestParam(name = "chien-dich", required = false) String campaignId) {
		Export export = export(campaignId);
		Csv csv = Csv.withHeader("Nhóm", "Hạng", "Cơ quan", "Tổng điểm", "Xếp loại", "Thời gian nộp", "Ghi chú");
		for (Export.Group group : export.groups()) {
			for (Export.Ranked r : group.ranked()) {
				csv.row(group.label(), r.rank(), r.agency(), r.total(), r.band(), r.receivedAt(),
						r.lateAccepted() == null ? "" : "Nộp muộn, được chấp nhận: " + r.lateAccepted());
			}
			for (Export.NotRanked n : group.notRanked()) {
				csv.row(group.label(), null, n.agency(), null, null, null, n.reason());
			}
		}
		return download(csv.bytes(), "text/csv;charset=UTF-8", export.campaign() + ".csv");
	}

	@GetMapping("/xep-hang.xlsx")
	ResponseEntity<byte[]> xlsx(@RequestParam(name = "chien-dich", required = false) String campaignId) throws IOException {
		Export export = export(campaignId);
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Styles styles = new Styles(workbook);
			for (Export.Group group : export.groups()) {
				Sheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(group.label()));
				int at = 0;
				text(sheet.createRow(at++), 0, export.title(), styles.title);
				text(sheet.createRow(at++), 0, group.label() + " (" + group.formName() + "). Hạn nộp: " + export.deadline(), null);
				at++;
				Row header = sheet.createRow(at++);
				String[] headings = { "Hạng", "Cơ quan, đơn vị", "Tổng điểm", "Xếp loại", "Thời gian nộp", "Ghi chú" };
				for (int c = 0; c < headings.length; c++) {
					text(header, c, headings[c], styles.header);
				}
				for (Export.Ranked r : group.ranked()) {
					Row row = sheet.createRow(at++);
					Cell rank = row.createCell(0);
					rank.setCellValue(r.rank());
					rank.setCellStyle(styles.cell);
					text(row, 1, r.agency(), styles.cell);
					Cell total = row.createCell(2);
					total.setCellValue(r.total().doubleValue());
					total.setCellStyle(styles.total);
					text(row, 3, r.band(), styles.cell);
					text(row, 4, r.receivedAt(), styles.cell);
					text(row, 5, r.lateAccepted() == null ? "" : "Nộp muộn, được chấp nhận: " + r.lateAccepted(), styles.cell);
				}
				if (!group.notRanked().isEmpty()) {
					at++;
					text(sheet.createRow(at++), 0, "Không xếp hạng", styles.title);
					Row notRankedHeader = sheet.createRow(at++);
					text(notRankedHeader, 1, "Cơ quan, đơn vị", styles.header);
					text(notRankedHeader, 2, "Lý do", styles.header);
					for (Export.NotRanked n : group.notRanked()) {
						Row row = sheet.createRow(at++);
						text(row, 1, n.agency(), styles.cell);
						text(row, 2, n.reason(), styles.cell);
					}
				}
				int[] widths = { 8, 45, 12, 14, 22, 50 };
				for (int c = 0; c < widths.length; c++) {
					sheet.setColumnWidth(c, widths[c] * 256);
				}
			}
			workbook.write(out);
			return download(out.toByteArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.campaign() + ".xlsx");
		}
	}

	private Export export(String campaignId) {
		Campaign campaign = this.campaigns.chosen(campaignId);
		Standing standing = this.summaries.standing(campaign);
		List<Export.Group> groups = new ArrayList<>();
		for (Map.Entry<AgencyGroup, List<Standing.Ranked>> entry : standing.ranking().entrySet()) {
			List<Export.Ranked> ranked = entry.getValue().stream().map(r -> new Export.Ranked(r.rank(), r.agency().id(), r.agency().name(),
					r.submission().score().total().setScale(2, java.math.RoundingMode.HALF_UP), r.submission().score().bandLabel(),
					ShownTime.of(campaign, r.submission().receivedAt()), r.submission().id(), r.lateAccepted() == null ? null : r.lateAccepted().reason()))
				.toList();
			List<Export.NotRanked> notRanked = standing.agencies().stream()
				.filter(a -> a.agency().group() == entry.getKey() && a.state() != Standing.State.RANKED)
				.map(a -> new Export.NotRanked(a.agency().id(), a.agency().name(), a.state().name(), a.state().label()
						+ (a.agency().excludedBecause() == null ? "" : " (" + a.agency().excludedBecause() + ")")))
				.toList();
			groups.add(new Export.Group(entry.getKey().code(), entry.getKey().label(), campaign.form(entry.getKey()).formName(), ranked, notRanked));
		}
		return new Export(campaign.id(), campaign.title(), campaign.deadlineText(), groups);
	}

	private static ResponseEntity<byte[]> download(byte[] body, String type, String fileName) {
		return Downloads.attachment(body, type, "xep-hang-" + fileName);
	}

	private static void text(Row row, int column, String value, CellStyle style) {
		Cell cell = row.createCell(column);
		cell.setCellValue(value);
		if (style != null) {
			cell.setCellStyle(style);
		}
	}

	/** The workbook's few styles, made once: a workbook holds a limited number of them. */
	private static final class Styles {

		final CellStyle title;

		final CellStyle header;

		final CellStyle cell;

		final CellStyle total;

		Styles(XSSFWorkbook workbook) {
			Font bold = workbook.createFont();
			bold.setBold(true);
			this.title = workbook.createCellStyle();
			this.title.setFont(bold);
			this.header = bordered(workbook);
			this.header.setFont(bold);
			this.cell = bordered(workbook);
			this.total = bordered(workbook);
			this.total.setDataFormat(workbook.createDataFormat().getFormat("0.00"));
		}

		private static CellStyle bordered(XSSFWorkbook workbook) {
			CellStyle style = workbook.createCellStyle();
			style.setBorderTop(BorderStyle.THIN);
			style.setBorderBottom(BorderStyle.THIN);
			style.setBorderLeft(BorderStyle.THIN);
			style.setBorderRight(BorderStyle.THIN);
			style.setWrapText(true);
			return style;
		}
	}

	/** The ranking of a campaign as every export gives it. */
	record Export(String campaign, String title, String deadline, List<Group> groups) {

		record Group(String group, String label, String formName, List<Ranked> ranked, List<NotRanked> notRanked) {
		}

		/** @param total with two decimals, as published */
		record Ranked(int rank, String agencyId, String agency, BigDecimal total, String band, String receivedAt, String submissionId,
				String lateAccepted) {
		}

		/** @param state the reason as a code ({@code LATE}, {@code MISSING}, …) and {@code reason} as staff read it */
		record NotRanked(String agencyId, String agency, String state, String reason) {
		}
	}
}
