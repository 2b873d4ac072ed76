package vn.ictrank.report.dashboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import vn.ictrank.report.ReportApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class ReportStartupTest {

	@Test
	void refusesToStartWithoutADashboardPasswordInsteadOfLoggingAMadeUpOne(CapturedOutput output) {
		assertThatThrownBy(() -> new SpringApplicationBuilder(ReportApplication.class).run("--server.port=0",
				"--spring.kafka.admin.auto-create=false", "--spring.kafka.listener.auto-startup=false", "--ictrank.report.campaign=thanh-hoa-2016"))
			.hasStackTraceContaining("ICTRANK_REPORT_PASSWORD");

		assertThat(output).doesNotContain("login for this run").doesNotContain("Using generated security password");
	}
}
