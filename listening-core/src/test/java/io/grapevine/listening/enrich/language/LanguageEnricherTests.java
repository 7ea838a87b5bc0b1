package io.grapevine.listening.enrich.language;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.SentimentScore;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.query.Sentiment;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageEnricherTests {

	private static final String SPANISH = "Otra vez el metro parado en Sol, llevamos media hora esperando";

	private final LanguageEnricher enricher = new LanguageEnricher(Organization.DEFAULT_LANGUAGES);

	@Test
	void aMentionWithoutAHintGetsTheLanguageOfItsText() {
		assertThat(this.enricher.enrich(mention(SPANISH, null)).language()).contains("es");
	}

	@Test
	void theSourcesHintIsTrustedWhenItNamesAConfiguredLanguage() {
		assertThat(this.enricher.enrich(mention(SPANISH, "pt")).language()).contains("pt");
	}

	@Test
	void aHintWithARegionIsStoredAsItsLanguage() {
		assertThat(this.enricher.enrich(mention(SPANISH, "es-419")).language()).contains("es");
		assertThat(this.enricher.enrich(mention(SPANISH, "PT_br")).language()).contains("pt");
	}

	@Test
	void aHintNamingALanguageTheOrganizationDoesNotListenInLeavesNoLanguage() {
		assertThat(this.enricher.enrich(mention("今日は電車がとても混んでいました", "ja")).language()).isEmpty();
		assertThat(this.enricher.enrich(mention(SPANISH, "ca")).language()).isEmpty();
	}

	@Test
	void anUndeterminedOrMalformedHintFallsBackToTheText() {
		assertThat(this.enricher.enrich(mention(SPANISH, "und")).language()).contains("es");
		assertThat(this.enricher.enrich(mention(SPANISH, "qme")).language()).contains("es");
		assertThat(this.enricher.enrich(mention(SPANISH, "spanish!")).language()).contains("es");
	}

	@Test
	void aConfiguredLanguageWithoutAProfileIsKeptFromTheHint() {
		LanguageEnricher nordic = new LanguageEnricher(List.of("sv", "fi"));
		String swedish = "Tåget är försenat igen, vi har väntat i en halvtimme";
		assertThat(nordic.enrich(mention(swedish, "sv-SE")).language()).contains("sv");
		assertThat(nordic.enrich(mention(swedish, null)).language()).isEmpty();
	}

	@Test
	void aTextOfNoLanguageLeavesTheLanguageEmpty() {
		assertThat(this.enricher.enrich(mention("🔥🔥🔥 https://t.co/abc @someone", null)).language()).isEmpty();
	}

	@Test
	void theOtherEnrichmentsAndFieldsAreKept() {
		SentimentScore sentiment = new SentimentScore(-0.6, Sentiment.NEGATIVE);
		Mention enriched = mention(SPANISH, null).withEnrichment(Optional.empty(), Optional.of(sentiment),
				Optional.of("cluster-7"), Optional.of(12.5));
		Mention result = this.enricher.enrich(enriched);
		assertThat(result.language()).contains("es");
		assertThat(result.sentiment()).contains(sentiment);
		assertThat(result.clusterId()).contains("cluster-7");
		assertThat(result.reach()).contains(12.5);
		assertThat(result).usingRecursiveComparison().ignoringFields("language").isEqualTo(enriched);
	}

	@Test
	void oddTextsAndHintsNeverThrowAndAnswerOnlyConfiguredLanguages() {
		Random random = new Random(7);
		String[] hints = { null, "", " ", "-", "en-", "-en", "e", "eng", "EN-gb-x-private", "zh-Hant-TW", "q",
				"\u00e9s", "pt_", "x-klingon", "12", "iw", "und-Latn", "es\u0000", "fr\n" };
		for (int i = 0; i < 5_000; i++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(80);
			for (int c = 0; c < length; c++) {
				text.appendCodePoint((random.nextInt(3) == 0) ? random.nextInt(Character.MAX_CODE_POINT + 1)
						: 'a' + random.nextInt(26));
			}
			String hint = hints[random.nextInt(hints.length)];
			Mention enriched = this.enricher.enrich(mention(text.toString(), hint));
			enriched.language().ifPresent((language) -> assertThat(Organization.DEFAULT_LANGUAGES).contains(language));
		}
	}

	@Test
	void aYouTubeCommentsVideoLanguageBreaksTheTieTheTextLeavesButNeverOverrulesClearText() {
		// Alone, too short to tell Spanish from Catalan.
		assertThat(this.enricher.enrich(comment("Eres tan", null)).language()).isEmpty();
		assertThat(this.enricher.enrich(comment("Eres tan", "es-419")).language()).contains("es");
		// A Spanish comment under an English video stays Spanish.
		assertThat(this.enricher.enrich(comment(SPANISH, "en")).language()).contains("es");
		assertThat(
				this.enricher.enrich(comment("Thanks for the great explanation of the new bus lines", "es")).language())
			.contains("en");
	}

	@Test
	void aVideoLanguageGivesNoLanguageToACommentWithNothingToReadOrToTextThatSaysOtherwise() {
		assertThat(this.enricher.enrich(comment("👍👍🔥", "es")).language()).isEmpty();
		assertThat(this.enricher.enrich(comment("Eres tan", "en")).language()).isEmpty();
		// Undetermined, unconfigured or malformed, the video language is not there.
		assertThat(this.enricher.enrich(comment(SPANISH, "zxx")).language()).contains("es");
		assertThat(this.enricher.enrich(comment("Eres tan", "ja")).language()).isEmpty();
	}

	@Test
	void aPostsOwnTagStillWinsOverItsText() {
		assertThat(this.enricher.enrich(mention(SPANISH, "pt")).language()).contains("pt");
		assertThat(this.enricher.enrich(comment(SPANISH, "pt")).language()).contains("es");
	}

	private static Mention comment(String text, String videoLanguage) {
		return Mention.builder("youtube", "UgxThread1AaABAg")
			.url(URI.create("https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgxThread1AaABAg"))
			.text(text)
			.author(author())
			.publishedAt(Instant.parse("2026-11-20T08:00:00Z"))
			.language(videoLanguage)
			.build();
	}

	private static Mention mention(String text, String language) {
		return Mention.builder("mastodon", "110")
			.url(URI.create("https://mastodon.example/@someone/110"))
			.text(text)
			.author(author())
			.publishedAt(Instant.parse("2026-11-20T08:00:00Z"))
			.language(language)
			.build();
	}

	private static Author author() {
		return new Author("someone", Optional.of("Someone"), Optional.empty(), Optional.empty());
	}

}
