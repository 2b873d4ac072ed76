package vn.ictrank.model.campaign;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

import vn.ictrank.model.text.VietnameseText;


/**
 * The campaigns staff keep on disk: one folder per campaign holding {@code campaign.yaml}
 * and the criteria files it names. Everything is checked when loaded; a file that is wrong
 * stops the load with every problem listed by file and line.
 */
public final class CampaignCatalog {

	public static final String CAMPAIGN_FILE = "campaign.yaml";

	private final Map<String, Campaign> campaigns;

	private final String version;

	private CampaignCatalog(Map<String, Campaign> campaigns, String version) {
		this.campaigns = Map.copyOf(campaigns);
		this.version = version;
	}

	/**
	 * Loads every campaign folder under {@code root}.
	 * @throws InvalidCampaignException listing every problem found
	 */
	public static CampaignCatalog load(Path root) {
		if (!Files.isDirectory(root)) {
			throw new InvalidCampaignException(List.of(root.toAbsolutePath() + ": không tìm thấy thư mục chiến dịch"));
		}
		List<String> problems = new ArrayList<>();
		Map<String, Campaign> campaigns = new LinkedHashMap<>();
		Map<Path, CriteriaSet> criteriaCache = new HashMap<>();
		StringBuilder versions = new StringBuilder();
		try (Stream<Path> folders = Files.list(root)) {
			for (Path folder : folders.sorted().toList()) {
				Path file = folder.resolve(CAMPAIGN_FILE);
				if (Files.isRegularFile(file)) {
					versions.append(folder.getFileName()).append('=').append(versionOf(Files.readAllBytes(file))).append('\n');
					new CampaignReader(file, criteriaCache, problems).read().ifPresent(c -> {
						if (campaigns.putIfAbsent(c.id(), c) != null) {
							problems.add(file + ": mã chiến dịch '" + c.id() + "' đã dùng cho một thư mục khác");
						}
					});
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (campaigns.isEmpty() && problems.isEmpty()) {
			problems.add(root.toAbsolutePath() + ": không có chiến dịch nào (mỗi chiến dịch là một thư mục chứa " + CAMPAIGN_FILE + ")");
		}
		if (!problems.isEmpty()) {
			throw new InvalidCampaignException(problems);
		}
		campaigns.values().forEach(c -> c.forms().forEach((group, form) -> versions.append(c.id()).append('/').append(group)
			.append('=').append(form.criteria().version()).append('\n')));
		return new CampaignCatalog(campaigns, versionOf(versions.toString().getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Tells one content of every campaign and criteria file from another: a service that recorded
	 * what it did under one version knows whether the files changed since.
	 */
	public String version() {
		return this.version;
	}

	/** The first 12 hex digits of the SHA-256 of {@code content}: enough to tell versions of a file apart. */
	static String versionOf(byte[] content) {
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content)).substring(0, 12);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public List<Campaign> campaigns() {
		return List.copyOf(this.campaigns.values());
	}

	public Optional<Campaign> find(String id) {
		return Optional.ofNullable(this.campaigns.get(id));
	}

	/** The latest campaign of the same province before {@code campaign}'s year, whatever the diacritics of the province's name. */
	public Optional<Campaign> previous(Campaign campaign) {
		String province = VietnameseText.matchKey(campaign.province());
		return this.campaigns.values().stream()
			.filter(c -> c.year() < campaign.year() && VietnameseText.matchKey(c.province()).equals(province))
			.max(Comparator.comparingInt(Campaign::year).thenComparing(Campaign::id));
	}

	/** @throws InvalidCampaignException when no campaign has that id */
	public Campaign require(String id) {
		return find(id).orElseThrow(() -> new InvalidCampaignException(List.of(
				"không có chiến dịch '" + id + "'; có: " + String.join(", ", this.campaigns.keySet()))));
	}

	static Node compose(Path file, CampaignProblems problems) {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			Node node = new Yaml(new LoaderOptions()).compose(reader);
			if (node == null) {
				problems.add(1, "", "tệp trống");
			}
			return node;
		}
		catch (MarkedYAMLException ex) {
			problems.add(ex.getProblemMark().getLine() + 1, "", "sai cú pháp YAML: " + ex.getProblem());
			return null;
		}
		catch (IOException ex) {
			problems.add(0, "", "không đọc được tệp: " + ex.getMessage());
			return null;
		}
	}
}
