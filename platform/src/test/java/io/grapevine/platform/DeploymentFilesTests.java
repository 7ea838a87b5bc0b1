package io.grapevine.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentFilesTests {

	private static final Path ROOT = Path.of("..");

	@Test
	void theKubernetesConfigMapHoldsTheOrganizationFileOfTheOneCommandRun() throws IOException {
		List<String> configMap = Files.readAllLines(ROOT.resolve("deploy/kubernetes/configmap.yaml"));
		int start = configMap.indexOf("  organization.yml: |");
		assertThat(start).as("the organization.yml key of the ConfigMap").isNotNegative();
		String embedded = configMap.subList(start + 1, configMap.size())
			.stream()
			.takeWhile((line) -> line.isEmpty() || line.startsWith("    "))
			.map((line) -> line.isEmpty() ? line : line.substring(4))
			.collect(Collectors.joining("\n"))
			.strip();

		String organizationFile = Files.readString(ROOT.resolve("config/organization.yml")).strip();

		assertThat(embedded).as("deploy/kubernetes/configmap.yaml against config/organization.yml")
			.isEqualTo(organizationFile);
	}

}
