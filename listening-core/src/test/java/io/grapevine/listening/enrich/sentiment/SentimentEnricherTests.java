package io.grapevine.listening.enrich.sentiment;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import io.grapevine.listening.enrich.MentionEnricher;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.query.Sentiment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SentimentEnricherTests {

	private final SentimentEnricher enricher = new SentimentEnricher();

	@Test
	void theMentionGetsASentimentAndKeepsWhatOtherStepsFound() {
		Mention mention = mention("Driver on the 42 waited for me, thank you!", "en").withEnrichment(Optional.of("en"),
				Optional.empty(), Optional.of("c-3f9a"), Optional.of(1250.5));
		Mention enriched = this.enricher.enrich(mention);
		assertThat(enriched.sentiment()).hasValueSatisfying((sentiment) -> {
			assertThat(sentiment.label()).isEqualTo(Sentiment.POSITIVE);
			assertThat(sentiment.score()).isGreaterThan(0.2);
		});
		assertThat(enriched.language()).contains("en");
		assertThat(enriched.clusterId()).contains("c-3f9a");
		assertThat(enriched.reach()).contains(1250.5);
		assertThat(enriched.text()).isEqualTo(mention.text());
	}

	@Test
	void theLanguageOfTheMentionSelectsTheLexicon() {
		String text = "Pésimo servicio, qué vergüenza";
		assertThat(this.enricher.enrich(mention(text, "es")).sentiment().map((s) -> s.label()))
			.contains(Sentiment.NEGATIVE);
		assertThat(this.enricher.enrich(mention(text, null)).sentiment().map((s) -> s.label()))
			.contains(Sentiment.NEUTRAL);
	}

	@Test
	void aMentionWithNothingThatCarriesToneIsJudgedNeutral() {
		Mention enriched = this.enricher.enrich(mention("HCT publishes the winter ferry timetable", "en"));
		assertThat(enriched.sentiment()).hasValueSatisfying((sentiment) -> {
			assertThat(sentiment.label()).isEqualTo(Sentiment.NEUTRAL);
			assertThat(sentiment.score()).isZero();
		});
	}

	@Test
	void aMentionWithoutTextIsLeftAsItIs() {
		Mention blank = mention("  ", "en");
		assertThat(this.enricher.enrich(blank)).isSameAs(blank);
	}

	@Test
	void itRunsAfterOtherStepsInAChain() {
		Mention enriched = ((MentionEnricher) (mention) -> mention.withEnrichment(Optional.of("es"),
				mention.sentiment(), mention.clusterId(), mention.reach()))
			.andThen(this.enricher)
			.enrich(mention("El tranvía es genial", null));
		assertThat(enriched.language()).contains("es");
		assertThat(enriched.sentiment().map((s) -> s.label())).contains(Sentiment.POSITIVE);
	}

	private static Mention mention(String text, String language) {
		return Mention.builder("x", "1790000000000000001")
			.url(URI.create("https://x.com/rider/status/1790000000000000001"))
			.text(text)
			.author(Author.of("rider"))
			.publishedAt(Instant.parse("2026-11-20T09:15:00Z"))
			.language(language)
			.build();
	}

}
