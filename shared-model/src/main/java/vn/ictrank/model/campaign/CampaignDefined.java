package vn.ictrank.model.campaign;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A campaign as staff defined it on the dashboard: a copy of last year's for the next round, or a
 * campaign whose roster addresses they changed. It carries the campaign's files themselves
 * ({@code campaign.yaml} and its criteria files), read by the same rules as a folder on disk, so a
 * campaign defined here can be downloaded and kept as files, and every service reads the same
 * campaign. Kept on {@code ictrank.campaigns}, compacted, keyed by campaign id: the latest
 * definition of a campaign is the one that counts.
 *
 * @param files the content of each file by its name; {@code campaign.yaml} names its criteria
 *        files by these names
 * @param basedOn the version ({@link CampaignCatalog#fileVersion}) of the folder on disk this
 *        definition changed, {@code null} for a campaign that has none; when the folder has changed
 *        since, the folder counts again, being the newer
 * @param definedBy the staff member's login
 * @param change what was done, in Vietnamese, for the audit log and the campaign's page
 */
public record CampaignDefined(String campaignId, Map<String, String> files, String basedOn, String definedBy, Instant definedAt,
		String change) {

	/** The type and version on the wire, as every event carries them. */
	public static final String TYPE = "CampaignDefined";

	public static final int VERSION = 1;

	private static final JsonMapper MAPPER = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

	public CampaignDefined {
		Objects.requireNonNull(campaignId, "campaignId");
		files = Map.copyOf(files);
	}

	private record Wire(String type, int version, String campaignId, Map<String, String> files, String basedOn, String definedBy,
			Instant definedAt, String change) {
	}

	public byte[] toJson() {
		return MAPPER.writeValueAsBytes(new Wire(TYPE, VERSION, this.campaignId, new TreeMap<>(this.files), this.basedOn, this.definedBy,
				this.definedAt, this.change));
	}

	/**
	 * @throws IllegalArgumentException for a record of another type, or of a version this build does not know
	 * @throws tools.jackson.core.JacksonException for text that is not such a record
	 */
	public static CampaignDefined fromJson(byte[] json) {
		Wire wire = MAPPER.readValue(json, Wire.class);
		if (!TYPE.equals(wire.type()) || wire.version() != VERSION) {
			throw new IllegalArgumentException("Not a " + TYPE + " v" + VERSION + ": " + wire.type() + " v" + wire.version() + " ("
					+ new String(json, 0, Math.min(json.length, 80), StandardCharsets.UTF_8) + ")");
		}
		return new CampaignDefined(wire.campaignId(), wire.files() == null ? Map.of() : wire.files(), wire.basedOn(), wire.definedBy(),
				wire.definedAt(), wire.change());
	}
}
