package vn.ictrank.model.campaign;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Problems found in one campaign file, each with its line and the item it concerns. */
final class CampaignProblems {

	private final Path file;

	private final List<String> lines = new ArrayList<>();

	CampaignProblems(Path file) {
		this.file = file;
	}

	void add(int line, String where, String message) {
		this.lines.add(this.file + ":" + line + ": " + (where.isEmpty() ? "" : where + ": ") + message);
	}

	List<String> lines() {
		return List.copyOf(this.lines);
	}
}
