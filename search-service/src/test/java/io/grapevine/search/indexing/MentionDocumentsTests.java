package io.grapevine.search.indexing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.InvalidMentionException;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MentionDocumentsTests {

	@Test
	void theDocumentIsTheMentionJsonWithTheEngagementTotal() throws Exception {
		MentionDocument document = MentionDocuments.from(MentionJson.write(mention()));
		assertThat(document.id()).isEqualTo("x:42");
		assertThat(document.index()).isEqualTo("mentions-2026.11");
		JsonNode source = MentionJson.mapper().readTree(document.source());
		assertThat(source.at("/engagement/total").asLong()).isEqualTo(12);
		assertThat(source.at("/engagement/likes").asLong()).isEqualTo(7);
		assertThat(source.at("/text").asText()).isEqualTo("The 42 bus was late again");
		assertThat(MentionJson.mapper().treeToValue(source, Mention.class)).isEqualTo(mention());
	}

	@Test
	void fieldsFromANewerWriterAreKeptAndTimesAreWrittenInCanonicalForm() throws Exception {
		String json = MentionJson.write(mention())
			.replace("\"publishedAt\":\"2026-11-20T09:15:00Z\"", "\"publishedAt\":\"2026-11-20T10:15:00+01:00\"")
			.replace("{\"schemaVersion\":1", "{\"schemaVersion\":2,\"sentiment\":0.4");
		JsonNode source = MentionJson.mapper().readTree(MentionDocuments.from(json).source());
		assertThat(source.at("/sentiment").asDouble()).isEqualTo(0.4);
		assertThat(source.at("/publishedAt").asText()).isEqualTo("2026-11-20T09:15:00Z");
	}

	@Test
	void malformedJsonIsRejectedWithAReason() {
		assertThatExceptionOfType(InvalidMentionException.class).isThrownBy(() -> MentionDocuments.from("{\"id\":"))
			.withMessageStartingWith("not valid JSON");
		assertThatExceptionOfType(InvalidMentionException.class).isThrownBy(() -> MentionDocuments.from("[1,2]"))
			.withMessageContaining("not an object");
		assertThatExceptionOfType(InvalidMentionException.class).isThrownBy(() -> MentionDocuments.from(null))
			.withMessageContaining("empty");
	}

	@Test
	void jsonThatIsNotAMentionIsRejectedWithTheMissingField() {
		String json = new String(MentionJson.write(mention()).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
			.replace("\"text\":\"The 42 bus was late again\",", "");
		assertThatExceptionOfType(InvalidMentionException.class).isThrownBy(() -> MentionDocuments.from(json))
			.withMessageContaining("text");
	}

	private static Mention mention() {
		return Mention.builder("x", "42")
			.url(URI.create("https://x.com/amy/status/42"))
			.text("The 42 bus was late again")
			.author(Author.of("amy", "Amy", 120))
			.publishedAt(Instant.parse("2026-11-20T09:15:00Z"))
			.ingestedAt(Instant.parse("2026-11-20T09:16:00Z"))
			.language("en")
			.engagement(new Engagement(7, 3, 2))
			.build();
	}

}
