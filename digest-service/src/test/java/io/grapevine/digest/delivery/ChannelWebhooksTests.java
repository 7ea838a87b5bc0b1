package io.grapevine.digest.delivery;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.OrganizationFile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ChannelWebhooksTests {

	private static final Organization ORGANIZATION = OrganizationFile.read(new ByteArrayInputStream("""
			name: Example
			departments:
			  - id: operations
			    name: Operations
			    slackWebhook: ${OPS_SLACK_WEBHOOK}
			    teamsWebhook: ${OPS_TEAMS_WEBHOOK}
			    topics: [{id: delays, name: Delays, keywords: [delay]}]
			  - id: people
			    name: People
			    topics: [{id: jobs, name: Jobs, keywords: [hiring]}]
			""".getBytes(StandardCharsets.UTF_8)), "test.yml");

	@Test
	void webhookUrlsAreReadFromTheVariablesTheOrganizationFileNames() {
		ChannelWebhooks webhooks = ChannelWebhooks.resolve(ORGANIZATION,
				environment(Map.of("OPS_SLACK_WEBHOOK", "https://hooks.slack.com/services/T0/B0/x", "OPS_TEAMS_WEBHOOK",
						"https://prod.example.logic.azure.com/workflows/1/triggers/manual/paths/invoke?sig=y")));
		assertThat(webhooks.slack("operations")).hasValueSatisfying(
				(url) -> assertThat(url.toString()).isEqualTo("https://hooks.slack.com/services/T0/B0/x"));
		assertThat(webhooks.teams("operations")).isPresent();
		assertThat(webhooks.slack("people")).isEmpty();
	}

	@Test
	void anUnsetVariableStopsStartUpNamingTheDepartmentAndTheVariable() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ChannelWebhooks.resolve(ORGANIZATION,
					environment(Map.of("OPS_SLACK_WEBHOOK", "https://hooks.slack.com/services/T0/B0/x"))))
			.withMessageContaining("department operations: teamsWebhook names the environment variable "
					+ "OPS_TEAMS_WEBHOOK, which is not set");
	}

	@Test
	void aVariableThatHoldsNoHttpsUrlIsRefusedWithoutEchoingIt() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ChannelWebhooks.resolve(ORGANIZATION,
					environment(Map.of("OPS_SLACK_WEBHOOK", "http://hooks.slack.com/services/T0/B0/secret",
							"OPS_TEAMS_WEBHOOK", "https://teams.example/x"))))
			.withMessageContaining("OPS_SLACK_WEBHOOK, which does not hold an https URL")
			.withMessageNotContaining("secret");
	}

	private static java.util.function.Function<String, Optional<String>> environment(Map<String, String> values) {
		return (name) -> Optional.ofNullable(values.get(name));
	}

}
