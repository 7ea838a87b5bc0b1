package io.grapevine.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Renders the Helm chart in deploy/helm with Helm itself ({@code helm lint}, {@code helm
 * template}), with its defaults and with a production-like values file, and checks what
 * the cluster would be given.
 */
class HelmChartTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Path CHART = ROOT.resolve("deploy/helm/grapevine");

	private static final Path PRODUCTION_VALUES = CHART.resolve("ci/production-values.yaml");

	private static final Path OUTPUT = Path.of("target/helm").toAbsolutePath();

	private static final String RELEASE = "grapevine";

	private static final List<String> SERVICES = List.of("ingest-service", "search-service", "digest-service",
			"gateway");

	// Names of settings that hold a credential; none may be given as a plain value.
	private static final Pattern CREDENTIAL = Pattern.compile(".*(SECRET|PASSWORD|TOKEN|API_KEY|HASH).*");

	private static final YAMLMapper YAML = new YAMLMapper();

	private static Path organizationValues;

	private static Rendered defaults;

	private static Rendered production;

	@BeforeAll
	static void renderTheChart() throws IOException {
		Files.createDirectories(OUTPUT);
		organizationValues = valuesFile("organization.values.yaml",
				(values) -> values.put("organization", read(ROOT.resolve("config/organization.yml"))));
		defaults = render("default.yaml", List.of());
		production = render("production.yaml", List.of(PRODUCTION_VALUES, organizationValues));
	}

	@Test
	void helmLintFindsNeitherErrorsNorWarnings() {
		LintResult lint = new Helm(CHART).lint().strict().call();

		assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
		assertThat(lint.getMessages()).as("helm lint --strict")
			.noneMatch((message) -> message.startsWith("[WARNING]") || message.startsWith("[ERROR]"));
	}

	@Test
	void everyRenderedObjectValidatesAgainstTheKubernetesSchemasWithNoFieldKubernetesWouldDrop() throws Exception {
		Validation validation = validate(defaults.file(), production.file());

		assertThat(validation.exitCode()).as(validation.report()).isZero();
		int objects = defaults.objects().size() + production.objects().size();
		assertThat(validation.report()).as("validator report").contains(objects + " valid, 0 invalid");
	}

	@Test
	void theSchemaCheckRejectsAFieldKubernetesDoesNotKnow() throws Exception {
		Path misspelt = OUTPUT.resolve("misspelt.yaml");
		Files.writeString(misspelt,
				read(production.file()).replace("          livenessProbe:", "          livenesProbe:"));

		Validation validation = validate(misspelt);

		assertThat(validation.exitCode()).isOne();
		assertThat(validation.report()).contains("Deployment grapevine-search-service: unknown field "
				+ "spec.template.spec.containers[0].livenesProbe");
	}

	private static Validation validate(Path... files) throws Exception {
		Path validator = ROOT.resolve("deploy/validate");
		boolean installed = Files.isDirectory(validator.resolve("node_modules/kubernetes-models"));
		if (!installed && !"true".equals(System.getenv("CI"))) {
			Assumptions.abort("the schema check needs `npm ci` in deploy/validate (.ci/run does it)");
		}
		assertThat(installed).as("deploy/validate/node_modules (npm ci in deploy/validate)").isTrue();
		List<String> command = new ArrayList<>(List.of("node", validator.resolve("validate.mjs").toString()));
		for (Path file : files) {
			command.add(file.toString());
		}
		Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
		String report = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(node.waitFor(2, TimeUnit.MINUTES)).as("the validator finished").isTrue();
		return new Validation(node.exitValue(), report);
	}

	/** What the schema check said. */
	private record Validation(int exitCode, String report) {
	}

	@Test
	void theDefaultsRunTwoReplicasOfEveryServiceWithABudgetThatKeepsOneThroughADrain() {
		for (String service : SERVICES) {
			assertThat(defaults.deployment(service).at("/spec/replicas").asInt()).as(service).isEqualTo(2);
			assertThat(defaults.get("PodDisruptionBudget", name(service)).at("/spec/minAvailable").asInt()).as(service)
				.isEqualTo(1);
		}
		assertThat(defaults.ofKind("Deployment")).hasSize(SERVICES.size());
	}

	@Test
	void theProductionValuesRunThreeReplicasOfEveryServiceBehindTheOneAddressOverTls() {
		for (String service : SERVICES) {
			JsonNode deployment = production.deployment(service);
			assertThat(deployment.at("/spec/replicas").asInt()).as(service).isEqualTo(3);
			assertThat(production.get("PodDisruptionBudget", name(service)).at("/spec/minAvailable").asInt())
				.as(service)
				.isEqualTo(2);
			assertThat(container(deployment).path("image").asText())
				.isEqualTo("registry.example.org/grapevine/" + service + ":0.1.0");
		}
		JsonNode searchResources = container(production.deployment("search-service")).path("resources");
		assertThat(searchResources.at("/limits/memory").asText()).isEqualTo("2Gi");
		assertThat(container(production.deployment("ingest-service")).at("/resources/limits/memory").asText())
			.as("a service the values file leaves alone keeps the chart's resources")
			.isEqualTo("1Gi");

		JsonNode ingress = production.get("Ingress", RELEASE);
		assertThat(ingress.at("/spec/tls/0/hosts/0").asText()).isEqualTo("listening.example.org");
		assertThat(ingress.at("/spec/tls/0/secretName").asText()).isEqualTo("listening-example-org-tls");
		assertThat(ingress.at("/spec/rules/0/host").asText()).isEqualTo("listening.example.org");
		JsonNode backend = ingress.at("/spec/rules/0/http/paths/0/backend/service");
		assertThat(backend.path("name").asText()).isEqualTo(name("gateway"));
		assertThat(servicePortNames(production.get("Service", name("gateway"))))
			.contains(backend.at("/port/name").asText());
		assertThat(ingress.at("/metadata/annotations").path("nginx.ingress.kubernetes.io/affinity").asText())
			.as("sessions live in one gateway replica")
			.isEqualTo("cookie");

		Map<String, String> common = production.configMapData("common");
		assertThat(common)
			.containsEntry("GRAPEVINE_KAFKA_BOOTSTRAP_SERVERS",
					"kafka-0.kafka.data.svc:9093,kafka-1.kafka.data.svc:9093,kafka-2.kafka.data.svc:9093")
			.containsEntry("GRAPEVINE_KAFKA_MENTION_PARTITIONS", "6");
	}

	@Test
	void withoutATlsSecretTheOneAddressIsServedWithoutTls() throws IOException {
		Path plain = valuesFile("plain-http.values.yaml",
				(values) -> values.putObject("ingress").put("tlsSecretName", ""));

		Rendered rendered = render("plain-http.yaml", List.of(plain));

		assertThat(rendered.get("Ingress", RELEASE).at("/spec").has("tls")).isFalse();
	}

	@Test
	void everyPodIsProbedOnTheManagementPortWhereTheActuatorListens() {
		for (Rendered rendered : List.of(defaults, production)) {
			Map<String, String> observability = rendered.configMapData("observability");
			int managementPort = Integer.parseInt(observability.get("GRAPEVINE_MANAGEMENT_PORT"));
			assertThat(observability).containsEntry("SPRING_PROFILES_ACTIVE", "deployed");
			for (String service : SERVICES) {
				JsonNode deployment = rendered.deployment(service);
				JsonNode container = container(deployment);
				assertThat(rendered.environment(deployment)).as(service).containsKey("GRAPEVINE_MANAGEMENT_PORT");
				assertThat(containerPort(container, "management")).as(service).isEqualTo(managementPort);
				assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/actuator/health/liveness");
				assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/liveness");
				assertThat(container.at("/readinessProbe/httpGet/path").asText())
					.isEqualTo("/actuator/health/readiness");
				for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
					assertThat(container.at("/" + probe + "/httpGet/port").asText()).as(service + " " + probe)
						.isEqualTo("management");
				}
				assertThat(deployment.at("/spec/template/metadata/annotations/prometheus.io~1port").asText())
					.isEqualTo(String.valueOf(managementPort));
			}
		}
	}

	@Test
	void credentialsComeFromTheSecretAndNoneIsWrittenIntoTheManifests() {
		for (Rendered rendered : List.of(defaults, production)) {
			assertThat(rendered.ofKind("Secret")).as("the chart makes no Secret: the operator creates it").isEmpty();
			for (JsonNode configMap : rendered.ofKind("ConfigMap")) {
				assertThat(configMap.path("data").fieldNames()).toIterable()
					.as(configMap.at("/metadata/name").asText())
					.noneMatch((key) -> CREDENTIAL.matcher(key).matches());
			}
			for (String service : SERVICES) {
				JsonNode deployment = rendered.deployment(service);
				for (JsonNode variable : container(deployment).path("env")) {
					String variableName = variable.path("name").asText();
					assertThat(variable.has("value")).as(service + " " + variableName + " has a plain value").isFalse();
					assertThat(variable.at("/valueFrom/secretKeyRef/name").asText()).as(service + " " + variableName)
						.isEqualTo("grapevine-secrets");
				}
			}
			assertThat(rendered.secretKeys("search-service")).containsEntry("GRAPEVINE_SECURITY_USERS_0_PASSWORDHASH",
					"GRAPEVINE_DIGEST_SERVICE_PASSWORD_HASH");
			assertThat(rendered.secretKeys("digest-service"))
				.containsEntry("GRAPEVINE_SEARCH_PASSWORD", "GRAPEVINE_DIGEST_SERVICE_PASSWORD")
				.containsEntry("SPRING_MAIL_PASSWORD", "SPRING_MAIL_PASSWORD");
			assertThat(rendered.secretKeys("gateway")).containsKeys("GRAPEVINE_RELAY_SECRET",
					"GRAPEVINE_OIDC_CLIENT_SECRET");
			assertThat(rendered.secretKeys("ingest-service")).containsKeys("GRAPEVINE_INGEST_X_BEARER_TOKEN",
					"GRAPEVINE_OIDC_CLIENT_SECRET");
		}
	}

	@Test
	void eachServiceGetsTheSettingsSecretsReplicasAndBudgetTheKubernetesManifestsGiveIt() throws IOException {
		List<String> files = new ArrayList<>(List.of("configmap.yaml", "pdb.yaml"));
		SERVICES.forEach((service) -> files.add(service + ".yaml"));
		Rendered manifests = Rendered.of(ROOT.resolve("deploy/kubernetes"), String.join("\n---\n",
				files.stream().map((file) -> read(ROOT.resolve("deploy/kubernetes").resolve(file))).toList()));

		for (String service : SERVICES) {
			JsonNode fromManifests = manifests.get("Deployment", service);
			JsonNode fromChart = defaults.deployment(service);
			assertThat(defaults.environment(fromChart).keySet()).as(service)
				.containsAll(manifests.environment(fromManifests).keySet());
			assertThat(defaults.secretKeys(service)).as(service).isEqualTo(manifests.secretKeysOf(fromManifests));
			assertThat(fromChart.at("/spec/replicas").asInt()).as(service)
				.isEqualTo(fromManifests.at("/spec/replicas").asInt());
			assertThat(defaults.get("PodDisruptionBudget", name(service)).at("/spec/minAvailable").asInt()).as(service)
				.isEqualTo(manifests.get("PodDisruptionBudget", service).at("/spec/minAvailable").asInt());
		}
	}

	@Test
	void theOrganizationFileGivenToHelmIsMountedWhereTheServicesReadIt() {
		JsonNode configMap = production.get("ConfigMap", name("organization"));

		assertThat(configMap.at("/data/organization.yml").asText())
			.isEqualTo(read(ROOT.resolve("config/organization.yml")));
		assertThat(production.configMapData("common")).containsEntry("GRAPEVINE_ORGANIZATION_FILE",
				"/etc/grapevine/organization.yml");
		for (String service : SERVICES) {
			JsonNode pod = production.deployment(service).at("/spec/template/spec");
			assertThat(pod.path("volumes")).anySatisfy((volume) -> {
				assertThat(volume.path("name").asText()).isEqualTo("organization");
				assertThat(volume.at("/configMap/name").asText()).isEqualTo(name("organization"));
			});
			assertThat(container(production.deployment(service)).path("volumeMounts")).anySatisfy((mount) -> {
				assertThat(mount.path("name").asText()).isEqualTo("organization");
				assertThat(mount.path("mountPath").asText()).isEqualTo("/etc/grapevine");
			});
		}
	}

	@Test
	void aChangedOrganizationFileRollsThePodsOfEveryService() throws IOException {
		Path changed = valuesFile("changed-organization.values.yaml", (values) -> values.put("organization",
				read(ROOT.resolve("config/organization.yml")) + "\n# one more line\n"));

		Rendered rendered = render("changed-organization.yaml", List.of(PRODUCTION_VALUES, changed));

		for (String service : SERVICES) {
			assertThat(checksum(rendered.deployment(service))).as(service)
				.isNotEqualTo(checksum(production.deployment(service)));
		}
	}

	@Test
	void servicesAndBudgetsSelectThePodsOfTheirOwnDeploymentOnly() {
		for (String service : SERVICES) {
			JsonNode deployment = production.deployment(service);
			JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
			JsonNode selector = production.get("Service", name(service)).at("/spec/selector");
			JsonNode budget = production.get("PodDisruptionBudget", name(service)).at("/spec/selector/matchLabels");
			assertThat(selects(deployment.at("/spec/selector/matchLabels"), podLabels)).as(service).isTrue();
			assertThat(selects(selector, podLabels)).as(service).isTrue();
			assertThat(selects(budget, podLabels)).as(service).isTrue();
			for (String other : SERVICES) {
				if (!other.equals(service)) {
					JsonNode otherPods = production.deployment(other).at("/spec/template/metadata/labels");
					assertThat(selects(selector, otherPods)).as(service + " selects " + other).isFalse();
				}
			}
			JsonNode servicePort = production.get("Service", name(service)).at("/spec/ports/0");
			assertThat(containerPort(container(deployment), servicePort.path("targetPort").asText()))
				.isEqualTo(servicePort.path("port").asInt());
		}
	}

	@Test
	void valuesThatBreakTheSchemaAreRefusedBeforeAnythingIsRendered() throws IOException {
		Path noReplicas = valuesFile("no-replicas.values.yaml",
				(values) -> values.putObject("services").putObject("search-service").put("replicas", 0));
		Path blockingBudget = valuesFile("blocking-budget.values.yaml",
				(values) -> values.putObject("services")
					.putObject("digest-service")
					.put("replicas", 2)
					.put("pdbMinAvailable", 2));
		Path noBrokers = valuesFile("no-brokers.values.yaml",
				(values) -> values.putObject("kafka").put("bootstrapServers", "kafka-1"));

		assertThatThrownBy(() -> render("no-replicas.yaml", List.of(noReplicas)))
			.hasMessageContaining("/services/search-service/replicas");
		assertThatThrownBy(() -> render("blocking-budget.yaml", List.of(blockingBudget)))
			.hasMessageContaining("services.digest-service.pdbMinAvailable (2) must be below its replicas (2)");
		assertThatThrownBy(() -> render("no-brokers.yaml", List.of(noBrokers)))
			.hasMessageContaining("/kafka/bootstrapServers");
	}

	private static Rendered render(String fileName, List<Path> valuesFiles) throws IOException {
		var template = new Helm(CHART).template().withName(RELEASE).withNamespace("grapevine");
		valuesFiles.forEach(template::withValuesFile);
		String manifests = template.call();
		Path file = OUTPUT.resolve(fileName);
		Files.writeString(file, manifests, StandardCharsets.UTF_8);
		return Rendered.of(file, manifests);
	}

	private static Path valuesFile(String fileName, Consumer<ObjectNode> values) throws IOException {
		ObjectNode root = YAML.createObjectNode();
		values.accept(root);
		Path file = OUTPUT.resolve(fileName);
		YAML.writeValue(file.toFile(), root);
		return file;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String name(String object) {
		return RELEASE + "-" + object;
	}

	private static JsonNode container(JsonNode deployment) {
		JsonNode containers = deployment.at("/spec/template/spec/containers");
		assertThat(containers).as(deployment.at("/metadata/name").asText() + " containers").hasSize(1);
		return containers.get(0);
	}

	private static int containerPort(JsonNode container, String portName) {
		for (JsonNode port : container.path("ports")) {
			if (port.path("name").asText().equals(portName)) {
				return port.path("containerPort").asInt();
			}
		}
		throw new AssertionError("no container port named " + portName);
	}

	private static Set<String> servicePortNames(JsonNode service) {
		Set<String> names = new TreeSet<>();
		service.at("/spec/ports").forEach((port) -> names.add(port.path("name").asText()));
		return names;
	}

	private static String checksum(JsonNode deployment) {
		return deployment.at("/spec/template/metadata/annotations/checksum~1config").asText();
	}

	private static boolean selects(JsonNode selector, JsonNode labels) {
		assertThat(selector.size()).as("selector %s", selector).isPositive();
		for (var entry : (Iterable<Map.Entry<String, JsonNode>>) selector::fields) {
			if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
				return false;
			}
		}
		return true;
	}

	/** The objects of one rendering, as the cluster would receive them. */
	private record Rendered(Path file, List<JsonNode> objects) {

		static Rendered of(Path file, String manifests) throws IOException {
			List<JsonNode> objects = new ArrayList<>();
			try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifests)) {
				while (documents.hasNext()) {
					JsonNode object = documents.next();
					if (object != null && !object.isNull() && !object.isMissingNode()) {
						objects.add(object);
					}
				}
			}
			assertThat(objects).as("objects in %s", file).isNotEmpty();
			return new Rendered(file, objects);
		}

		List<JsonNode> ofKind(String kind) {
			return this.objects.stream().filter((object) -> kind.equals(object.path("kind").asText())).toList();
		}

		JsonNode get(String kind, String name) {
			return ofKind(kind).stream()
				.filter((object) -> name.equals(object.at("/metadata/name").asText()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + this.file));
		}

		JsonNode deployment(String service) {
			return ofKind("Deployment").stream()
				.filter((object) -> service
					.equals(object.at("/spec/template/metadata/labels/app.kubernetes.io~1name").asText()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no Deployment of " + service + " in " + this.file));
		}

		Map<String, String> configMapData(String name) {
			Map<String, String> data = new LinkedHashMap<>();
			get("ConfigMap", HelmChartTests.name(name)).path("data")
				.fields()
				.forEachRemaining((entry) -> data.put(entry.getKey(), entry.getValue().asText()));
			return data;
		}

		/** Every variable the container sees, with where it comes from. */
		Map<String, String> environment(JsonNode deployment) {
			Map<String, String> environment = new LinkedHashMap<>();
			JsonNode container = container(deployment);
			for (JsonNode source : container.path("envFrom")) {
				String configMap = source.at("/configMapRef/name").asText();
				get("ConfigMap", configMap).path("data")
					.fieldNames()
					.forEachRemaining((key) -> environment.put(key, "configMap " + configMap));
			}
			for (JsonNode variable : container.path("env")) {
				environment.put(variable.path("name").asText(), variable.has("value") ? "value"
						: "secret " + variable.at("/valueFrom/secretKeyRef/key").asText());
			}
			return environment;
		}

		/** The variables of a service that come from the Secret, with the key of each. */
		Map<String, String> secretKeys(String service) {
			return secretKeysOf(deployment(service));
		}

		Map<String, String> secretKeysOf(JsonNode deployment) {
			Map<String, String> keys = new LinkedHashMap<>();
			for (JsonNode variable : container(deployment).path("env")) {
				JsonNode reference = variable.at("/valueFrom/secretKeyRef");
				if (!reference.isMissingNode()) {
					keys.put(variable.path("name").asText(), reference.path("key").asText());
				}
			}
			return keys;
		}

	}

}
