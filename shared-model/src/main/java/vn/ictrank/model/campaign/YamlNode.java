package vn.ictrank.model.campaign;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A node of a campaign file that knows its line, so that every problem found while reading
 * can be reported as "file:line: what is wrong".
 */
final class YamlNode {

	private final Node node;

	private final String where;

	private final CampaignProblems problems;

	YamlNode(Node node, String where, CampaignProblems problems) {
		this.node = node;
		this.where = where;
		this.problems = problems;
	}

	int line() {
		return this.node.getStartMark().getLine() + 1;
	}

	String where() {
		return this.where;
	}

	void problem(String message) {
		this.problems.add(line(), this.where, message);
	}

	Optional<YamlNode> optional(String key) {
		if (this.node instanceof MappingNode mapping) {
			for (NodeTuple tuple : mapping.getValue()) {
				if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
					return Optional.of(new YamlNode(tuple.getValueNode(), this.where, this.problems));
				}
			}
		}
		return Optional.empty();
	}

	/** The value under {@code key}, or {@code null} after recording that it is missing. */
	YamlNode required(String key) {
		Optional<YamlNode> child = optional(key);
		if (child.isEmpty()) {
			problem("thiếu mục '" + key + "'");
		}
		return child.orElse(null);
	}

	String text(String key) {
		YamlNode child = required(key);
		return child == null ? null : child.scalar();
	}

	String optionalText(String key) {
		return optional(key).map(YamlNode::scalar).orElse(null);
	}

	BigDecimal decimal(String key) {
		YamlNode child = required(key);
		if (child == null) {
			return null;
		}
		String value = child.scalar();
		try {
			return value == null ? null : new BigDecimal(value);
		}
		catch (NumberFormatException ex) {
			child.problem("'" + key + "' phải là số, không phải '" + value + "'");
			return null;
		}
	}

	BigDecimal optionalDecimal(String key) {
		return optional(key).isPresent() ? decimal(key) : null;
	}

	String scalar() {
		if (this.node instanceof ScalarNode scalar) {
			return scalar.getValue();
		}
		problem("cần một giá trị đơn, không phải danh sách hay bảng");
		return null;
	}

	/** The items of a sequence, each named for problem reports by {@code itemName}. */
	List<YamlNode> items(String key, String itemName) {
		YamlNode child = required(key);
		List<YamlNode> items = new ArrayList<>();
		if (child == null) {
			return items;
		}
		if (!(child.node instanceof SequenceNode sequence)) {
			child.problem("'" + key + "' phải là một danh sách");
			return items;
		}
		int index = 0;
		for (Node item : sequence.getValue()) {
			String id = item instanceof MappingNode ? new YamlNode(item, "", this.problems).optionalText("id") : null;
			String name = itemName + " " + (id != null ? id : "thứ " + (index + 1));
			items.add(new YamlNode(item, this.where.isEmpty() ? name : this.where + ", " + name, this.problems));
			index++;
		}
		return items;
	}

	List<String> texts(String key) {
		return optional(key).map(child -> {
			if (child.node instanceof SequenceNode sequence) {
				return sequence.getValue().stream()
					.map(n -> n instanceof ScalarNode s ? s.getValue() : null)
					.filter(v -> v != null)
					.toList();
			}
			String single = child.scalar();
			return single == null ? List.<String>of() : List.of(single);
		}).orElse(List.of());
	}

	/** Keys any mapping may carry, to say where a figure or a rule comes from; never read. */
	private static final List<String> NOTES = List.of("provenance", "note");

	/**
	 * Records a problem for every key of this mapping that is not one of {@code allowed}, at that
	 * key's line, with the allowed key it was probably meant to be: a misspelt key would
	 * otherwise be ignored, and its value silently lost ({@code email:} for {@code emails:}).
	 * @return this node
	 */
	YamlNode onlyKeys(String... allowed) {
		if (this.node instanceof MappingNode mapping) {
			List<String> known = List.of(allowed);
			for (NodeTuple tuple : mapping.getValue()) {
				String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : String.valueOf(tuple.getKeyNode());
				if (!known.contains(key) && !NOTES.contains(key)) {
					String meant = known.stream().filter(k -> distance(k, key) <= 2).findFirst().map(k -> "; có phải '" + k + "'?").orElse("");
					new YamlNode(tuple.getKeyNode(), this.where, this.problems)
						.problem("khóa '" + key + "' không được dùng ở đây" + meant + " (các khóa dùng được: " + String.join(", ", known) + ")");
				}
			}
		}
		return this;
	}

	/** How many one-character edits turn {@code a} into {@code b}. */
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			int[] current = new int[b.length() + 1];
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + (Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			previous = current;
		}
		return previous[b.length()];
	}

	/** The keys of a mapping, in file order. */
	List<String> keys() {
		if (this.node instanceof MappingNode mapping) {
			return mapping.getValue().stream()
				.map(t -> t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?")
				.toList();
		}
		problem("cần một bảng khóa: giá trị");
		return List.of();
	}

	YamlNode named(String item) {
		return new YamlNode(this.node, this.where.isEmpty() ? item : this.where + ", " + item, this.problems);
	}
}
