package io.grapevine.digest.delivery.teams;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.Digest;
import io.grapevine.digest.composition.DigestFigures;
import io.grapevine.digest.composition.Share;
import io.grapevine.digest.composition.TopMention;
import io.grapevine.digest.FullDigest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TeamsDigestCardTests {

	private static final URI ARCHIVE = URI.create("https://grapevine.example.org/digests/operations-2026-11-19");

	private static final URI SEARCH = URI.create("https://grapevine.example.org/?department=operations");

	@Test
	void theMessageCarriesOneAdaptiveCardAsTeamsWorkflowsExpect() {
		JsonNode message = TeamsDigestCard.of(digest(List.of(mention("1", "Bus 42 late again"))), ARCHIVE, SEARCH);
		assertThat(message.path("type").asText()).isEqualTo("message");
		assertThat(message.path("attachments")).hasSize(1);
		JsonNode attachment = message.path("attachments").get(0);
		assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
		JsonNode card = attachment.path("content");
		assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
		assertThat(card.path("version").asText()).isEqualTo("1.4");
		assertThat(card.path("$schema").asText()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
	}

	@Test
	void theCardShowsTheVolumeTheSplitsAndTheTopMentionsAndLinksToTheDigestAndTheSearch() {
		JsonNode card = TeamsDigestCard.of(digest(List.of(mention("7", "Tram stuck at Dock Road"))), ARCHIVE, SEARCH)
			.path("attachments")
			.get(0)
			.path("content");
		List<String> texts = card.path("body").findValuesAsText("text");
		assertThat(texts).contains("Operations · daily listening digest",
				"37 mentions on Thu 19 Nov 2026, up 23% from Wednesday.", "By source", "By topic", "Top mentions",
				"Amy Rider (@rider\\_amy) on X at 10:12 · 1,234 followers", "Tram stuck at Dock Road",
				"12 likes · 3 shares · 4 replies");
		assertThat(card.path("body").findValues("facts").get(0).findValuesAsText("value")).containsExactly("25 (68%)",
				"12 (32%)");
		assertThat(card.path("body").findValues("selectAction").get(0).path("url").asText())
			.isEqualTo("https://x.com/rider_amy/status/7");
		assertThat(card.path("actions").findValuesAsText("url")).containsExactly(ARCHIVE.toString(), SEARCH.toString());
	}

	@Test
	void markdownThePublicWroteShowsAsWrittenAndCannotForgeALink() {
		JsonNode card = TeamsDigestCard
			.of(digest(List.of(mention("9", "[free tickets](https://evil.example) **now**"))), ARCHIVE, SEARCH)
			.path("attachments")
			.get(0)
			.path("content");
		assertThat(card.path("body").findValuesAsText("text"))
			.contains("\\[free tickets\\](https://evil.example) \\*\\*now\\*\\*");
	}

	@Test
	void theSectionsComeInOrderAndEveryMentionOpensItselfAndLinksToItsSearch() {
		JsonNode card = TeamsDigestCard.of(FullDigest.digest("Plain words. "), ARCHIVE, SEARCH)
			.path("attachments")
			.get(0)
			.path("content");
		List<String> texts = card.path("body").findValuesAsText("text");
		assertThat(String.join("\n", texts)).containsSubsequence(
				"138 mentions, up 38% from Wednesday; negative 21%, up from 12% · [See the chart](" + ARCHIVE + ")",
				"Mentions that matter most", "New voices", "Rising terms", "Spikes", "Waiting for an answer (9 in all)",
				"Handling: 7 waiting, the oldest published 2 d ago; 12 answered: ana 7, li 5");
		assertThat(card.path("body").findValues("selectAction")).extracting((action) -> action.path("url").asText())
			.contains("https://x.com/rider_m1/status/m1");
		assertThat(texts)
			.anySatisfy((text) -> assertThat(text).startsWith("[Search around it](http://127.0.0.1:8080/?q="));
		assertThat(card.toString()).doesNotContain("Top mentions");
	}

	@Test
	void hostileTextInTheSectionsShowsAsWrittenAndCannotForgeALink() {
		JsonNode card = TeamsDigestCard
			.of(FullDigest.digest("[free tickets](https://evil.example) <script>alert(1)</script> **now** "), ARCHIVE,
					SEARCH)
			.path("attachments")
			.get(0)
			.path("content");
		List<String> texts = card.path("body").findValuesAsText("text");
		assertThat(texts)
			.anySatisfy((text) -> assertThat(text)
				.startsWith("\\[free tickets\\](https://evil.example) <script>alert(1)</script> \\*\\*now\\*\\*"))
			.noneSatisfy((text) -> assertThat(text).contains("[free tickets](https://evil.example)"));
	}

	private static Digest digest(List<TopMention> mentions) {
		return new Digest("Harbor City Transit", FullDigest.operations(),
				Period.day(LocalDate.of(2026, 11, 19), ZoneId.of("Europe/London")),
				new DigestFigures(37, 30, "up 23% from Wednesday",
						List.of(new Share("x", "X", 25, 68), new Share("reddit", "Reddit", 12, 32)),
						List.of(new Share("delays", "Delays and disruption", 12, 32)), mentions));
	}

	private static TopMention mention(String id, String text) {
		return new TopMention("x:" + id, "x", URI.create("https://x.com/rider_amy/status/" + id), text, "rider_amy",
				"Amy Rider", Optional.of(1234L), Instant.parse("2026-11-19T10:12:00Z"), 12, 3, 4);
	}

}
