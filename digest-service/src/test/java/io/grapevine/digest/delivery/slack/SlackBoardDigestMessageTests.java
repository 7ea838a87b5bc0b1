package io.grapevine.digest.delivery.slack;

import java.net.URI;
import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.grapevine.digest.composition.BoardCase;

import static org.assertj.core.api.Assertions.assertThat;

class SlackBoardDigestMessageTests {

	private static final URI ARCHIVE = URI.create("https://grapevine.example.org/digests/board-2026-11");

	private static final URI SEARCH = URI.create("https://grapevine.example.org/?from=2026-11-01");

	@ParameterizedTest
	@EnumSource(BoardCase.class)
	void theMessageSaysEverySentenceOfTheMonthUnderItsHeading(BoardCase month) {
		JsonNode blocks = SlackDigestMessage.of(month.digest(), ARCHIVE, SEARCH).path("blocks");

		assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo("Board digest · November 2026");
		assertThat(blocks.get(1).path("text").path("text").asText())
			.isEqualTo(month.volume() + "\n" + month.sentiment());
		StringBuilder voices = new StringBuilder("*Share of voice*");
		month.voices()
			.forEach((name, line) -> voices.append("\n• ")
				.append(name.equals("Harbor City Transit") ? "*" + name + "*" : name)
				.append(": ")
				.append(line));
		StringBuilder departments = new StringBuilder("*By department*");
		month.departments().forEach((name, line) -> departments.append("\n• ").append(name).append(": ").append(line));
		assertThat(texts(blocks)).contains(voices.toString(), departments.toString());
		assertThat(blocks.toString()).doesNotContain("not judged").doesNotContain(" on October");
	}

	@ParameterizedTest
	@EnumSource(value = BoardCase.class, names = "NO_DATA_IN_THE_MONTH")
	void aMonthWithoutMentionsHasNoWidestReachButStillLinksToTheDigest(BoardCase month) {
		JsonNode blocks = SlackDigestMessage.of(month.digest(), ARCHIVE, SEARCH).path("blocks");

		assertThat(texts(blocks)).noneSatisfy((text) -> assertThat(text).contains("Widest reach"));
		assertThat(blocks.findValuesAsText("url")).contains(ARCHIVE.toString(), SEARCH.toString());
	}

	private static List<String> texts(JsonNode blocks) {
		return StreamSupport.stream(blocks.spliterator(), false)
			.map((block) -> block.path("text").path("text").asText())
			.toList();
	}

}
