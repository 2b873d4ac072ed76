package vn.ictrank.scoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.core.NestedExceptionUtils;

import vn.ictrank.model.campaign.InvalidCampaignException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class BrokenCampaignStartupTest {

	@TempDir
	Path campaigns;

	@Test
	void refusesToStartOnAFormulaNamingAnUnknownInputAndSaysWhere() throws IOException {
		Path folder = Files.createDirectories(this.campaigns.resolve("cao-bang-2017"));
		try (Stream<Path> files = Files.list(Path.of(System.getProperty("ictrank.campaigns-dir", "../campaigns"), "cao-bang-2017"))) {
			for (Path file : files.toList()) {
				Files.copy(file, folder.resolve(file.getFileName()));
			}
		}
		Path criteria = folder.resolve("criteria-district.yaml");
		Files.writeString(criteria, Files.readString(criteria).replace("min(1, so_xa_dung_qlvb / tong_so_xa)", "min(1, so_xa_qlvb / tong_so_xa)"));

		Throwable failure = catchThrowable(() -> SpringApplication.run(ScoringApplication.class, "--server.port=0",
				"--ictrank.scoring.campaigns-dir=" + this.campaigns, "--spring.kafka.listener.auto-startup=false"));

		Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
		assertThat(cause).isInstanceOf(InvalidCampaignException.class);
		assertThat(cause.getMessage()).contains(criteria + ":").contains("chỉ tiêu XA3").contains("'so_xa_qlvb'");
	}
}
