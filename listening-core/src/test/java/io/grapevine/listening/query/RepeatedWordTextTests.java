package io.grapevine.listening.query;

import java.net.URI;
import java.time.Instant;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Mention;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatedWordTextTests {

	@Test
	void aMegabyteOfOneRepeatedWordIsCutToTheTextLimitAndStillMatchesItsWordsAndPhrases() {
		Mention mention = mention("fare ".repeat(200_000) + "refund");
		assertThat(mention.text()).hasSize(Mention.MAX_TEXT_CHARS).endsWith("fare…");
		MatchContext context = MatchContext.of(mention);
		assertThat(ListeningQuery.parse("fare").matches(context)).isTrue();
		assertThat(ListeningQuery.parse("\"fare fare fare\"").matches(context)).isTrue();
		assertThat(ListeningQuery.parse("fare NEAR/2 fare").matches(context)).isTrue();
		// The word after the cut is not read.
		assertThat(ListeningQuery.parse("refund").matches(context)).isFalse();
	}

	@Test
	void everyOccurrenceOfAWordIsKeptSoPhrasesMatchWhereverTheyAre() {
		String text = "bus ".repeat(5_000) + "late bus ".repeat(3) + "ticket";
		MatchContext context = MatchContext.of(mention(text));
		assertThat(ListeningQuery.parse("\"late bus ticket\"").matches(context)).isTrue();
		assertThat(ListeningQuery.parse("\"late late\"").matches(context)).isFalse();
		assertThat(ListeningQuery.parse("\"late bus late\"").matches(context)).isTrue();
		assertThat(ListeningQuery.parse("\"bus ticket\"").matches(context)).isTrue();
		assertThat(ListeningQuery.parse("\"ticket bus\"").matches(context)).isFalse();
	}

	@Test
	void aTextWithinTheLimitIsKeptWhole() {
		String text = "a".repeat(Mention.MAX_TEXT_CHARS);
		assertThat(mention(text).text()).isEqualTo(text);
	}

	private static Mention mention(String text) {
		return Mention.builder("rss", "1")
			.url(URI.create("https://example.org/posts/1"))
			.text(text)
			.author(Author.of("someone"))
			.publishedAt(Instant.parse("2026-01-01T00:00:00Z"))
			.build();
	}

}
