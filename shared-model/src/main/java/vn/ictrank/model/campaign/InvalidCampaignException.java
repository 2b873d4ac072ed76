package vn.ictrank.model.campaign;

import java.util.List;

/**
 * A campaign folder that cannot be used. The message lists every problem as
 * "file:line: item: problem", so staff can fix the file without reading code.
 */
public final class InvalidCampaignException extends RuntimeException {

	private final List<String> problems;

	InvalidCampaignException(List<String> problems) {
		super("Tệp chiến dịch không hợp lệ:\n  " + String.join("\n  ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return this.problems;
	}
}
