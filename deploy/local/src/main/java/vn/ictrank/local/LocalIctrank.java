package vn.ictrank.local;

import java.util.concurrent.CountDownLatch;

import vn.ictrank.model.campaign.AgencyGroup;
import vn.ictrank.model.campaign.InvalidCampaignException;

/**
 * Starts ictrank on this machine with embedded Kafka, MongoDB and mail server, and prints where
 * to find it. {@code --demo} also mails in forms from about two thirds of the roster.
 */
public final class LocalIctrank {

	private LocalIctrank() {
	}

	public static void main(String[] args) throws Exception {
		LocalSettings settings;
		LocalStack stack;
		try {
			settings = LocalSettings.fromArgs(args);
			stack = new LocalStack(settings);
		}
		catch (InvalidCampaignException | IllegalArgumentException ex) {
			// Staff meet these first; the message says what to fix, a stack trace would bury it.
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		try {
			stack.start();
		}
		catch (DataFolderLock.InUse | InvalidCampaignException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stack.close();
			stopped.countDown();
		}, "ictrank-shutdown"));
		int demo = settings.demo() ? new DemoMailer(stack.campaign(), settings.smtpPort()).sendDemo() : 0;
		System.out.println(banner(stack, demo));
		stopped.await();
	}

	static String banner(LocalStack stack, int demoMails) {
		LocalSettings s = stack.settings();
		String dashboard = "http://localhost:" + s.dashboardPort();
		StringBuilder out = new StringBuilder();
		out.append("\n================ ictrank đang chạy ================\n");
		out.append("Đợt đánh giá:     ").append(stack.campaign().title()).append('\n');
		out.append("Bảng điều khiển:  ").append(dashboard).append('\n');
		out.append("Đăng nhập:        admin / ").append(stack.secrets().dashboardPassword()).append('\n');
		out.append("Gửi phiếu tới:    ").append(stack.campaign().mailbox()).append(" qua SMTP localhost:").append(s.smtpPort())
			.append(" (không cần đăng nhập)\n");
		out.append("Hộp thư IMAP:     localhost:").append(s.imapPort()).append(", tài khoản ").append(stack.campaign().mailbox())
			.append(" / ").append(stack.secrets().mailPassword()).append('\n');
		out.append("Thư trả lời:      gửi qua cùng máy chủ thư; đọc hộp thư của một cơ quan qua IMAP với tài khoản và mật khẩu là địa chỉ của cơ quan\n");
		for (AgencyGroup group : stack.campaign().forms().keySet()) {
			out.append("Mẫu phiếu trống:  ").append(dashboard).append("/bieu-mau/").append(stack.campaign().id()).append('/')
				.append(group.code()).append("  (").append(stack.campaign().form(group).formName()).append(", ")
				.append(group.label()).append(")\n");
		}
		out.append("Dữ liệu:          ").append(s.dataDir().toAbsolutePath()).append('\n');
		if (demoMails > 0) {
			out.append("Đã gửi ").append(demoMails).append(" thư mẫu của các cơ quan; bảng điều khiển hiện chúng sau vài giây.\n");
		}
		out.append("Dừng: Ctrl+C\n");
		out.append("===================================================\n");
		return out.toString();
	}
}
