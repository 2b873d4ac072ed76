package vn.ictrank.model.campaign;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

	/** Where the problems of a definition made on the dashboard say they are. */
	private static final Path DEFINED = Path.of("ictrank.campaigns");

	/** The campaigns as their folders on disk hold them, in the folders' order. */
	private final Map<String, Read> onDisk;

	private final String version;

	/** The latest definition of each campaign staff made on the dashboard, as read; guarded by this catalog. */
	private final Map<String, Read> defined = new TreeMap<>();

	/** What {@link #find} answers: each folder's campaign, or its definition where that is the newer. */
	private volatile Map<String, Campaign> campaigns;

	private CampaignCatalog(Map<String, Read> onDisk, String version) {
		this.onDisk = Map.copyOf(onDisk);
		this.version = version;
		LinkedHashMap<String, Campaign> view = new LinkedHashMap<>();
		onDisk.forEach((id, read) -> view.put(id, read.campaign()));
		this.campaigns = Collections.unmodifiableMap(view);
	}

	/**
	 * A campaign as read from its files, with the criteria files' content, and the version of all
	 * its files together.
	 */
	private record Read(Campaign campaign, Map<AgencyGroup, byte[]> criteria, String fileVersion, CampaignDefined definition) {
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
		Map<String, Read> campaigns = new LinkedHashMap<>();
		Map<Path, CriteriaSet> criteriaCache = new HashMap<>();
		StringBuilder versions = new StringBuilder();
		try (Stream<Path> folders = Files.list(root)) {
			for (Path folder : folders.sorted().toList()) {
				Path file = folder.resolve(CAMPAIGN_FILE);
				if (Files.isRegularFile(file)) {
					byte[] content = Files.readAllBytes(file);
					versions.append(folder.getFileName()).append('=').append(versionOf(content)).append('\n');
					CampaignReader reader = new CampaignReader(file, CampaignCatalog::readFile, criteriaCache, problems);
					reader.read().ifPresent(c -> {
						Read read = new Read(c, Map.copyOf(reader.criteriaFiles()), fileVersion(content, reader.criteriaFiles()), null);
						if (campaigns.putIfAbsent(c.id(), read) != null) {
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
		campaigns.values().forEach(r -> r.campaign().forms().forEach((group, form) -> versions.append(r.campaign().id()).append('/')
			.append(group).append('=').append(form.criteria().version()).append('\n')));
		return new CampaignCatalog(campaigns, versionOf(versions.toString().getBytes(StandardCharsets.UTF_8)));
	}

	private static byte[] readFile(Path path) {
		try {
			return Files.isRegularFile(path) ? Files.readAllBytes(path) : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String fileVersion(byte[] campaignFile, Map<AgencyGroup, byte[]> criteria) {
		java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
		all.writeBytes(campaignFile);
		criteria.values().forEach(all::writeBytes);
		return versionOf(all.toByteArray());
	}

	/**
	 * Reads a campaign staff defined on the dashboard and, when it has no problem, makes it the
	 * campaign {@link #find} answers for its id, unless its folder on disk changed since it was
	 * made: then the folder is the newer. A definition of a campaign that another definition made
	 * is always the newer.
	 * @return the problems found, by file and line; nothing was changed when there are any
	 */
	public synchronized List<String> define(CampaignDefined definition) {
		List<String> problems = new ArrayList<>();
		Optional<Read> read = read(definition, problems);
		if (read.isEmpty()) {
			return problems;
		}
		this.defined.put(definition.campaignId(), read.get());
		LinkedHashMap<String, Campaign> view = new LinkedHashMap<>();
		this.onDisk.forEach((id, disk) -> view.put(id, counts(id).map(Read::campaign).orElse(disk.campaign())));
		this.defined.forEach((id, made) -> view.putIfAbsent(id, made.campaign()));
		this.campaigns = Collections.unmodifiableMap(view);
		return List.of();
	}

	/** The definition of {@code id} that counts over its folder, if one does. */
	private synchronized Optional<Read> counts(String id) {
		Read made = this.defined.get(id);
		Read disk = this.onDisk.get(id);
		return made != null && (disk == null || disk.fileVersion().equals(made.definition().basedOn())) ? Optional.of(made) : Optional.empty();
	}

	/** The problems {@link #define} would find in {@code definition}, without changing anything. */
	public List<String> problems(CampaignDefined definition) {
		List<String> problems = new ArrayList<>();
		read(definition, problems);
		return problems;
	}

	private Optional<Read> read(CampaignDefined definition, List<String> problems) {
		Path folder = DEFINED.resolve(definition.campaignId());
		Map<Path, byte[]> files = new HashMap<>();
		definition.files().forEach((name, text) -> files.put(folder.resolve(name).normalize(), text.getBytes(StandardCharsets.UTF_8)));
		CampaignReader reader = new CampaignReader(folder.resolve(CAMPAIGN_FILE), files::get, new HashMap<>(), problems);
		Optional<Campaign> campaign = reader.read();
		if (campaign.isPresent() && !campaign.get().id().equals(definition.campaignId())) {
			problems.add(folder.resolve(CAMPAIGN_FILE) + ": mã chiến dịch '" + campaign.get().id() + "' khác mã '" + definition.campaignId()
					+ "' của bản định nghĩa");
		}
		if (!problems.isEmpty() || campaign.isEmpty()) {
			return Optional.empty();
		}
		byte[] campaignFile = files.getOrDefault(folder.resolve(CAMPAIGN_FILE), new byte[0]);
		return Optional.of(new Read(campaign.get(), Map.copyOf(reader.criteriaFiles()), fileVersion(campaignFile, reader.criteriaFiles()),
				definition));
	}

	/**
	 * The version of the files {@code campaignId} is read from now: a definition that changes the
	 * campaign says which version it changed ({@link CampaignDefined#basedOn}).
	 */
	public Optional<String> fileVersion(String campaignId) {
		Read disk = this.onDisk.get(campaignId);
		return disk != null ? Optional.of(disk.fileVersion()) : Optional.empty();
	}

	/**
	 * The definitions made on the dashboard that no longer count because their campaign's folder
	 * changed since (the folder is the newer), by campaign id: staff should know their change is gone.
	 */
	public synchronized Map<String, CampaignDefined> definitionsSuperseded() {
		Map<String, CampaignDefined> superseded = new TreeMap<>();
		this.defined.forEach((id, read) -> {
			if (counts(id).isEmpty()) {
				superseded.put(id, read.definition());
			}
		});
		return superseded;
	}

	/** The definitions made on the dashboard that campaigns are read from now, by campaign id. */
	public synchronized Map<String, CampaignDefined> definitionsInUse() {
		Map<String, CampaignDefined> inUse = new TreeMap<>();
		this.defined.keySet().forEach(id -> counts(id).ifPresent(r -> inUse.put(id, r.definition())));
		return inUse;
	}

	/**
	 * The files of {@code campaign} as it is read now, named as a definition names them: what a copy
	 * for the next round or a change of its roster starts from, and what staff download to keep it
	 * as a folder.
	 */
	public synchronized Map<String, String> files(Campaign campaign) {
		Read read = counts(campaign.id()).orElse(this.onDisk.get(campaign.id()));
		Map<String, String> files = new TreeMap<>();
		files.put(CAMPAIGN_FILE, CampaignWriter.write(campaign));
		campaign.forms().keySet().forEach(group -> files.put(CampaignWriter.criteriaFile(group),
				new String(read.criteria().get(group), StandardCharsets.UTF_8)));
		return files;
	}

	/**
	 * The next round copied from {@code source}: {@code next} is the copy as staff changed it (its
	 * id, year, deadline), scored on {@code criteria} where staff uploaded a file for a group, on the
	 * source's criteria files elsewhere.
	 */
	public synchronized CampaignDefined copy(Campaign source, Campaign next, Map<AgencyGroup, String> criteria, String by, java.time.Instant at) {
		Map<String, String> sourceFiles = files(source);
		Map<String, String> files = new TreeMap<>();
		files.put(CAMPAIGN_FILE, CampaignWriter.write(next));
		next.forms().keySet().forEach(group -> files.put(CampaignWriter.criteriaFile(group),
				criteria.getOrDefault(group, sourceFiles.get(CampaignWriter.criteriaFile(group)))));
		return new CampaignDefined(next.id(), files, fileVersion(next.id()).orElse(null), by, at,
				"Tạo từ đợt " + source.id() + (criteria.isEmpty() ? "" : ", tải lên bộ tiêu chí " + criteria.keySet().stream()
					.map(g -> next.form(g).formName()).collect(java.util.stream.Collectors.joining(", "))));
	}

	/** {@code changed}, a campaign of this catalog as staff changed it (its roster), on the same criteria files. */
	public synchronized CampaignDefined change(Campaign changed, String by, java.time.Instant at, String change) {
		Map<String, String> files = new TreeMap<>(files(require(changed.id())));
		files.put(CAMPAIGN_FILE, CampaignWriter.write(changed));
		String basedOn = counts(changed.id()).map(r -> r.definition().basedOn()).orElse(fileVersion(changed.id()).orElse(null));
		return new CampaignDefined(changed.id(), files, basedOn, by, at, change);
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

	/** Every campaign, those on disk first in their folders' order, then those defined on the dashboard by id. */
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

	static Node compose(byte[] content, CampaignProblems problems) {
		if (content == null) {
			problems.add(0, "", "không có tệp này");
			return null;
		}
		try (Reader reader = new java.io.InputStreamReader(new java.io.ByteArrayInputStream(content), StandardCharsets.UTF_8)) {
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
