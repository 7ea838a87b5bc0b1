package io.grapevine.ingest.source.hackernews;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.grapevine.ingest.IngestApplication;
import io.grapevine.ingest.TestUsers;
import io.grapevine.localstack.LocalStackExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Hacker News instance with an hourly request budget moves from one ingest replica to
 * another in the middle of its window (the first replica goes away, a second takes the
 * instance over through the group): the second resumes the count the first stored with
 * the cursor, so the two together send no more than the budget in that window.
 */
@ExtendWith({ LocalStackExtension.class, OutputCaptureExtension.class })
class RequestBudgetHandoverIntegrationTests {

	private static final int BUDGET = 12;

	private final FakeHackerNewsSearch api = FakeHackerNewsSearch.start();

	private final long base = (Instant.now().getEpochSecond() % 100_000) * 1_000L;

	private final String instance = "hackernews:budget-" + this.base;

	private ConfigurableApplicationContext first;

	private ConfigurableApplicationContext second;

	@AfterEach
	void stop() {
		if (this.first != null) {
			this.first.close();
		}
		if (this.second != null) {
			this.second.close();
		}
		this.api.close();
	}

	@Test
	void theReplicaThatTakesAnInstanceOverMidWindowSpendsOnlyWhatIsLeftOfItsBudget(CapturedOutput output)
			throws IOException, InterruptedException {
		Path organization = organizationFile();
		this.first = IngestApplication.application().properties(settings(organization)).run();
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.api.searches().size() >= 3);
		this.first.close();
		int spentByFirst = this.api.searches().size();
		assertThat(spentByFirst).as("requests of the first replica").isLessThan(BUDGET);

		this.second = IngestApplication.application().properties(settings(organization)).run();
		Pattern resumed = Pattern.compile("Source " + Pattern.quote(this.instance) + " starts from .*, " + spentByFirst
				+ " requests spent in the window begun at ");
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> resumed.matcher(output.getOut()).find());
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> output.getOut().contains("Source " + this.instance + " sent its " + BUDGET + " requests"));
		// Ten more poll intervals: the window's budget is spent, nothing more goes out.
		Thread.sleep(3_000);

		assertThat(this.api.searches()).hasSize(BUDGET);
	}

	private Map<String, Object> settings(Path organization) {
		Map<String, Object> settings = new LinkedHashMap<>(
				Map.of("server.port", "0", "management.server.port", "0", "grapevine.kafka.bootstrap-servers",
						LocalStackExtension.stack().kafkaBootstrapServers(), "grapevine.organization-file",
						organization.toString(), "grapevine.ingest.group.id", "grapevine-ingest-budget-" + this.base));
		settings.putAll(TestUsers.settings());
		return settings;
	}

	private Path organizationFile() throws IOException {
		String yaml = Files.readString(Path.of("src/test/resources/organization.yml"), StandardCharsets.UTF_8)
				+ "\nsources:\n  - type: hackernews\n    name: '" + this.instance.substring("hackernews:".length())
				+ "'\n    settings:\n      base-url: '" + this.api.baseUrl() + "'\n      poll-interval: 300ms\n"
				+ "      requests-per-hour: " + BUDGET + "\n";
		Path file = Files.createTempFile("organization-", ".yml");
		file.toFile().deleteOnExit();
		return Files.writeString(file, yaml, StandardCharsets.UTF_8);
	}

}
