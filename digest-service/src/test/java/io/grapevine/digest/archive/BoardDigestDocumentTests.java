package io.grapevine.digest.archive;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.grapevine.digest.composition.BoardCase;
import io.grapevine.digest.composition.Digest;
import io.grapevine.listening.mention.MentionJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BoardDigestDocumentTests {

	@Test
	void theBoardsArchivedDigestKeepsEveryFieldOfADigestAndTheBoardsFiguresBeside() {
		Digest digest = BoardCase.RISE.digest();
		ArchivedDigest archived = new ArchivedDigest("board-2026-11", ArchivedDigest.BOARD, "board", "Board",
				ArchivedDigest.ArchivedPeriod.of(digest.period()), Instant.parse("2026-12-01T08:00:00Z"),
				ArchivedDigest.Recipients.of(List.of("board@example.org")), digest.subject(), "<html>", "text",
				digest.figures());

		JsonNode document = MentionJson.mapper()
			.valueToTree(new DigestArchive.BoardDigestDocument(archived, digest.board().orElseThrow()));

		assertThat(document.path("id").asText()).isEqualTo("board-2026-11");
		assertThat(document.path("kind").asText()).isEqualTo("board");
		assertThat(document.path("period").path("rhythm").asText()).isEqualTo("monthly");
		assertThat(document.path("figures").path("total").asLong()).isEqualTo(600);
		assertThat(document.path("board").path("shareOfVoice").get(0).path("percent").asInt()).isEqualTo(60);
		assertThat(document.has("digest")).isFalse();
		assertThat(MentionJson.mapper().convertValue(document, ArchivedDigest.class)).isEqualTo(archived);
	}

}
