package io.grapevine.digest.delivery.teams;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.grapevine.digest.composition.BoardCase;

import static org.assertj.core.api.Assertions.assertThat;

class TeamsBoardDigestCardTests {

	private static final URI ARCHIVE = URI.create("https://grapevine.example.org/digests/board-2026-11");

	private static final URI SEARCH = URI.create("https://grapevine.example.org/?from=2026-11-01");

	@ParameterizedTest
	@EnumSource(BoardCase.class)
	void theCardSaysEverySentenceOfTheMonthWithEveryVoiceAndDepartmentAsAFact(BoardCase month) {
		JsonNode card = TeamsDigestCard.of(month.digest(), ARCHIVE, SEARCH).at("/attachments/0/content");
		JsonNode body = card.path("body");

		assertThat(body.get(0).path("text").asText()).isEqualTo("Board digest · November 2026");
		assertThat(body.get(1).path("text").asText()).isEqualTo(month.volume() + " " + month.sentiment());
		List<JsonNode> factSets = StreamSupport.stream(body.spliterator(), false)
			.filter((element) -> element.path("type").asText().equals("FactSet"))
			.toList();
		assertThat(factSets).hasSize(2);
		assertThat(facts(factSets.get(0))).isEqualTo(month.voices());
		assertThat(facts(factSets.get(1))).isEqualTo(month.departments());
		assertThat(card.toString()).doesNotContain("not judged").doesNotContain(" on October");
	}

	private static Map<String, String> facts(JsonNode factSet) {
		Map<String, String> facts = new java.util.LinkedHashMap<>();
		factSet.path("facts").forEach((fact) -> facts.put(fact.path("title").asText(), fact.path("value").asText()));
		return facts;
	}

}
