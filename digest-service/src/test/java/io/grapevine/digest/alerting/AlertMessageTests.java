package io.grapevine.digest.alerting;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import io.grapevine.digest.rendering.RenderedDigest;

import static org.assertj.core.api.Assertions.assertThat;

class AlertMessageTests {

	private static final Alert BURST = new Alert("alert-brand-1", Alert.Kind.VOLUME, Alert.State.OPENED, 1, "brand", 40,
			20, 6.5, 0.1, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
			Instant.parse("2026-12-06T10:00:00Z"));

	@Test
	void theLinkSearchesTheTopicOnTheDashboardWithOneSlashWhateverTheConfiguredAddressEndsWith() {
		assertThat(AlertMessage.link(URI.create("http://127.0.0.1:8080/"), "brand"))
			.hasToString("http://127.0.0.1:8080/?q=topic%3Abrand");
		assertThat(AlertMessage.link(URI.create("http://127.0.0.1:8080"), "brand"))
			.hasToString("http://127.0.0.1:8080/?q=topic%3Abrand");
		assertThat(AlertMessage.link(URI.create("https://listening.example.org/grapevine/"), "staff-praise"))
			.hasToString("https://listening.example.org/grapevine/?q=topic%3Astaff-praise");
		assertThat(AlertMessage.link(URI.create("https://listening.example.org/?tenant=hct"), "brand"))
			.hasToString("https://listening.example.org/?tenant=hct&q=topic%3Abrand");
	}

	@Test
	void theEmailHasTheDigestsLookWithTheFiguresInASentenceAndOneButtonToTheMentions() {
		URI link = AlertMessage.link(URI.create("http://127.0.0.1:8080/"), "brand");

		RenderedDigest email = AlertMessage.email(BURST, "Brand <and> reputation", link);

		assertThat(email.subject())
			.isEqualTo("Alert · Brand <and> reputation · mention spike · 40 mentions in the last hour");
		assertThat(email.html()).contains("background-color:#1e3a5f")
			.contains(">Brand &lt;and&gt; reputation<")
			.contains(">Mention spike<")
			.contains(">40 mentions in the last hour<")
			.contains(
					">40 mentions in the last hour against 6.5 expected at this hour; 50% negative against 10% usually.<")
			.contains(">Open the mentions</a>")
			.contains(">Alert alert-brand-1<")
			.doesNotContain("<pre")
			.doesNotContain("Brand <and>");
		assertThat(email.text())
			.startsWith("Alert · Brand <and> reputation · mention spike · 40 mentions in the last hour\n\n");
	}

	@Test
	void theEmailSlackAndTeamsMessagesCarryTheSameSingleSlashLink() {
		URI link = AlertMessage.link(URI.create("http://127.0.0.1:8080/"), "brand");

		RenderedDigest email = AlertMessage.email(BURST, "Brand and reputation", link);
		JsonNode slack = AlertMessage.slack(BURST, "Brand and reputation", link);
		JsonNode teams = AlertMessage.teams(BURST, "Brand and reputation", link);

		assertThat(email.html()).contains("href=\"http://127.0.0.1:8080/?q=topic%3Abrand\"").doesNotContain("8080//");
		assertThat(email.text()).contains("\nhttp://127.0.0.1:8080/?q=topic%3Abrand\n");
		assertThat(slack.findValuesAsText("url")).containsExactly("http://127.0.0.1:8080/?q=topic%3Abrand");
		assertThat(teams.at("/attachments/0/content/actions/0/url").asText())
			.isEqualTo("http://127.0.0.1:8080/?q=topic%3Abrand");
		assertThat(slack.toString() + teams.toString()).doesNotContain("8080//");
	}

}
