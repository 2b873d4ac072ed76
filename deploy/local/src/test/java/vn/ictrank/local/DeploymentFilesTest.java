package vn.ictrank.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What runs ictrank for real (docker-compose.yml, the Dockerfile, the Kubernetes manifests) cannot
 * be started on a machine without a Docker engine, so it is read here instead: every image pinned,
 * every container with a health check and a memory limit, every dependant waiting for health, every
 * variable and secret documented in the example files, and the infrastructure at the versions the
 * tests run against.
 */
class DeploymentFilesTest {

	private static final Path ROOT = Path.of("../..");

	/** {@code ${NAME}}, {@code ${NAME:-default}} or {@code ${NAME:?message}} in the compose file. */
	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?[-?][^}]*)?}");

	@Test
	void composeFilePinsEveryImageAndGivesEveryContainerAHealthCheckAndAMemoryLimit() throws IOException {
		Map<String, Map<String, Object>> services = map(compose().get("services"));
		assertThat(services).containsKeys("kafka", "mongo", "greenmail", "ingest", "scoring", "report");
		services.forEach((name, service) -> {
			assertPinned(name, String.valueOf(service.get("image")));
			assertThat(map(service.get("healthcheck"))).as(name + " health check").containsKey("test");
			assertThat(service.get("mem_limit")).as(name + " memory limit").isNotNull();
			if (service.get("depends_on") instanceof Map<?, ?> dependencies) {
				dependencies.forEach((on, how) -> assertThat(map(how).get("condition")).as(name + " waits for " + on)
					.isEqualTo("service_healthy"));
			}
			else {
				assertThat(service.get("depends_on")).as(name + " depends on others only in the long form, waiting for health").isNull();
			}
		});
		assertThat(services.get("greenmail").get("profiles")).as("the demo mailbox only under the demo profile").isEqualTo(List.of("demo"));
		assertThat(map(services.get("mongo")).get("command").toString()).as("MongoDB as a replica set").contains("--replSet");
	}

	@Test
	void composeFileRunsTheInfrastructureVersionsTheTestsRunAgainst() throws IOException {
		Map<String, Map<String, Object>> services = map(compose().get("services"));
		String pom = Files.readString(ROOT.resolve("pom.xml"));
		assertThat(services.get("mongo").get("image")).isEqualTo(property(pom, "mongodb.image"));
		assertThat(services.get("greenmail").get("image")).isEqualTo("greenmail/standalone:" + property(pom, "greenmail.version"));
		assertThat(services.get("kafka").get("image")).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
	}

	@Test
	void composeFileTakesSecretsFromTheEnvironmentAndTheExampleEnvFileDocumentsEveryVariable() throws IOException {
		String text = Files.readString(ROOT.resolve("docker-compose.yml"));
		Set<String> documented = new LinkedHashSet<>();
		for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
			if (line.matches("[A-Z0-9_]+=.*")) {
				documented.add(line.substring(0, line.indexOf('=')));
			}
		}
		Set<String> used = new LinkedHashSet<>();
		Matcher variable = VARIABLE.matcher(text);
		while (variable.find()) {
			used.add(variable.group(1));
		}
		assertThat(documented).as("variables documented in .env.example").containsAll(used);
		for (Map<String, Object> service : this.<Map<String, Object>>map(compose().get("services")).values()) {
			map(service.get("environment")).forEach((name, value) -> {
				if (name.contains("PASSWORD")) {
					assertThat(String.valueOf(value)).as(name + " comes from the environment, never from the file").matches(".*\\$\\{.*}.*");
				}
			});
		}
		assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).as(".env is never committed").contains(".env");
	}

	@Test
	void dockerfilePinsItsBaseImagesAndRunsTheServiceAsAnotherUserThanRoot() throws IOException {
		List<String> lines = Files.readAllLines(ROOT.resolve("deploy/docker/Dockerfile"));
		List<String> images = lines.stream().filter(l -> l.startsWith("ARG ") && l.contains("_IMAGE=")).map(l -> l.substring(l.indexOf('=') + 1))
			.toList();
		assertThat(images).hasSize(2).allSatisfy(image -> assertPinned("Dockerfile", image));
		assertThat(lines).anyMatch(l -> l.matches("USER [1-9][0-9]*(:[1-9][0-9]*)?"));
		assertThat(lines).anyMatch(l -> l.contains("MaxRAMPercentage"));
		assertThat(lines).anyMatch(l -> l.contains("extract --layers"));
	}

	@Test
	void kubernetesDeploymentsHaveProbesOnTheHealthGroupsLimitsAndPinnedImages() throws IOException {
		List<Map<String, Object>> resources = manifests();
		List<String> deployments = new ArrayList<>();
		Set<String> secretKeys = new LinkedHashSet<>();
		for (Map<String, Object> resource : resources) {
			if (!"Deployment".equals(resource.get("kind"))) {
				continue;
			}
			String name = String.valueOf(map(resource.get("metadata")).get("name"));
			deployments.add(name);
			Map<String, Object> pod = map(map(map(resource.get("spec")).get("template")).get("spec"));
			for (Map<String, Object> container : this.<Map<String, Object>>list(pod.get("containers"))) {
				assertPinned(name, String.valueOf(container.get("image")));
				assertThat(String.valueOf(map(map(container.get("readinessProbe")).get("httpGet")).get("path")))
					.as(name + " readiness").isEqualTo("/actuator/health/readiness");
				assertThat(String.valueOf(map(map(container.get("livenessProbe")).get("httpGet")).get("path")))
					.as(name + " liveness").isEqualTo("/actuator/health/liveness");
				Map<String, Object> limits = map(map(container.get("resources")).get("limits"));
				assertThat(limits).as(name + " memory limit").containsKey("memory");
				assertThat(map(map(container.get("resources")).get("requests"))).as(name + " requests").containsKeys("cpu", "memory");
				for (Map<String, Object> env : this.<Map<String, Object>>list(container.get("env"))) {
					Map<String, Object> secret = map(map(env.get("valueFrom")).get("secretKeyRef"));
					if ("ictrank-secrets".equals(secret.get("name"))) {
						secretKeys.add(String.valueOf(secret.get("key")));
					}
				}
			}
		}
		assertThat(deployments).containsExactlyInAnyOrder("ingest", "scoring", "report");
		String example = Files.readString(ROOT.resolve("deploy/k8s/overlays/example/secrets.env.example"));
		assertThat(secretKeys).as("secret keys documented in secrets.env.example").allSatisfy(key -> assertThat(example).contains(key + "="));
		assertThat(resources.stream().filter(r -> "HorizontalPodAutoscaler".equals(r.get("kind")))
			.map(r -> map(map(r.get("spec")).get("scaleTargetRef")).get("name"))).containsExactlyInAnyOrder("scoring", "report");
	}

	@Test
	void kubernetesDeclaresEveryTopicWithThreeReplicasForTheOperators() throws IOException {
		List<Map<String, Object>> topics = manifests().stream().filter(r -> "KafkaTopic".equals(r.get("kind"))).toList();
		assertThat(topics.stream().map(t -> map(t.get("metadata")).get("name"))).containsExactlyInAnyOrder(
				vn.ictrank.model.event.Topics.SUBMISSIONS, vn.ictrank.model.event.Topics.FORMS, vn.ictrank.model.event.Topics.SCORES,
				vn.ictrank.model.event.Topics.SUBMISSIONS_DEAD_LETTERS, vn.ictrank.model.event.Topics.FORMS_DEAD_LETTERS,
				vn.ictrank.model.event.Topics.SCORES_DEAD_LETTERS, vn.ictrank.model.event.Topics.DASHBOARD_CHANGES,
				vn.ictrank.model.event.Topics.CAMPAIGNS, vn.ictrank.model.event.Topics.REQUESTS, vn.ictrank.model.event.Topics.REQUESTS_DEAD_LETTERS);
		assertThat(topics).allSatisfy(t -> assertThat(map(t.get("spec")).get("replicas")).isEqualTo(3));
		assertThat(manifests().stream().map(r -> r.get("kind"))).contains("Kafka", "KafkaNodePool", "MongoDBCommunity");
	}

	private static void assertPinned(String what, String image) {
		String resolved = VARIABLE.matcher(image).replaceAll(m -> Matcher.quoteReplacement(defaultOf(m.group())));
		assertThat(resolved).as(what + " image " + image + " is pinned to a version").matches("[^:]+:[0-9][^:]*").doesNotEndWith(":latest");
	}

	/** The default a compose variable falls back to, or the variable itself when it has none. */
	private static String defaultOf(String variable) {
		int dash = variable.indexOf(":-");
		return dash < 0 ? variable : variable.substring(dash + 2, variable.length() - 1);
	}

	private static String property(String pom, String name) {
		Matcher value = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
		assertThat(value.find()).as(name + " in the root pom").isTrue();
		return value.group(1);
	}

	private Map<String, Object> compose() throws IOException {
		return new Yaml(new LoaderOptions()).load(Files.readString(ROOT.resolve("docker-compose.yml")));
	}

	private List<Map<String, Object>> manifests() throws IOException {
		List<Map<String, Object>> all = new ArrayList<>();
		try (Stream<Path> files = Files.walk(ROOT.resolve("deploy/k8s"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
				for (Object document : new Yaml(new LoaderOptions()).loadAll(Files.readString(file))) {
					if (document instanceof Map<?, ?> resource && resource.containsKey("kind")) {
						all.add(map(resource));
					}
				}
			}
		}
		return all;
	}

	@SuppressWarnings("unchecked")
	private static <T> Map<String, T> map(Object value) {
		return value instanceof Map<?, ?> map ? (Map<String, T>) map : Map.of();
	}

	@SuppressWarnings("unchecked")
	private static <T> List<T> list(Object value) {
		return value instanceof List<?> list ? (List<T>) list : List.of();
	}
}
