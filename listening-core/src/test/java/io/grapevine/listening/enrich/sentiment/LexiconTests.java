package io.grapevine.listening.enrich.sentiment;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LexiconTests {

	@Test
	void everyShippedLanguageLoadsWithValencesNegatorsBoostersAndAContrastWord() {
		for (String language : SentimentAnalyzer.LANGUAGES) {
			Lexicon lexicon = Lexicon.bundled(language, List.of());
			assertThat(lexicon.longestTerm()).as(language).isBetween(2, 3);
		}
		assertThat(Lexicon.bundled("en", List.of()).word("great").valence()).isPositive();
		assertThat(Lexicon.bundled("en", List.of()).word("not").negator()).isTrue();
		assertThat(Lexicon.bundled("es", List.of()).word("muy").booster()).isPositive();
		assertThat(Lexicon.bundled("fr", List.of()).word("mais").contrast()).isTrue();
		assertThat(Lexicon.bundled("de", List.of()).word("etwas").booster()).isNegative();
	}

	@Test
	void aValenceFileThatListsATermTwiceIsRefusedWithTheTermNamed() {
		assertThatIllegalStateException().isThrownBy(() -> Lexicon.bundled("twice", List.of()))
			.withMessageContaining("'bueno'")
			.withMessageContaining("twice-valence.txt");
	}

	@Test
	void aLanguageMayReadAnEmojiWithAValenceOfItsOwn() {
		assertThat(Lexicon.bundled("pt", List.of()).emoji(Lexicon.emojiKey("😂"))).isZero();
		assertThat(Lexicon.bundled("en", List.of()).emoji(Lexicon.emojiKey("😂"))).isNull();
	}

	@Test
	void anEmojiLineWithoutAValenceIsRefusedWithTheFileNamed() {
		assertThatIllegalStateException().isThrownBy(() -> Lexicon.bundled("badmoji", List.of()))
			.withMessageContaining("'emoji 😂' is not an emoji and a valence")
			.withMessageContaining("badmoji-modifiers.txt");
	}

	@Test
	void everyShippedLanguageHasANeutralBandOfItsOwn() {
		Map<String, Double> bands = Lexicon.neutralBands("neutral-bands.txt", SentimentAnalyzer.LANGUAGES);
		assertThat(bands).containsOnlyKeys(SentimentAnalyzer.LANGUAGES);
		assertThat(bands.values()).allSatisfy((band) -> assertThat(band).isStrictlyBetween(0.0, 1.0));
	}

	@Test
	void aNeutralBandFileThatIsWrongIsRefusedWithTheLanguageNamed() {
		List<String> languages = List.of("en", "es");
		assertThatIllegalStateException().isThrownBy(() -> Lexicon.neutralBands("bands-unknown.txt", languages))
			.withMessageContaining("'xx'")
			.withMessageContaining("bands-unknown.txt");
		assertThatIllegalStateException().isThrownBy(() -> Lexicon.neutralBands("bands-twice.txt", languages))
			.withMessageContaining("'en' is listed twice");
		assertThatIllegalStateException().isThrownBy(() -> Lexicon.neutralBands("bands-missing.txt", languages))
			.withMessageContaining("no neutral band for [es]");
		assertThatIllegalStateException().isThrownBy(() -> Lexicon.neutralBands("bands-outside.txt", languages))
			.withMessageContaining("'es' must be greater than 0 and less than 1");
		assertThatIllegalStateException().isThrownBy(() -> Lexicon.neutralBands("bands-malformed.txt", languages))
			.withMessageContaining("'es' is not a language and a band");
	}

	@Test
	void wordsAreFoundWithoutAccentsAndWithLettersRepeatedForEmphasis() {
		Lexicon spanish = Lexicon.bundled("es", List.of(new Lexicon.Inflection("s", "")));
		assertThat(spanish.word("pesimo")).isNotNull();
		assertThat(spanish.word("pesimooo")).isEqualTo(spanish.word("pesimo"));
		assertThat(spanish.word("quejas")).isEqualTo(spanish.word("queja")).isNotNull();
	}

	@Test
	void anInflectedFormFallsBackOnlyToAToneWord() {
		Lexicon english = Lexicon.bundled("en", List.of(new Lexicon.Inflection("s", "")));
		assertThat(english.word("nots")).isNull();
		assertThat(english.word("quiz")).isNull();
	}

	@Test
	void emojiAreKeyedWithoutSkinTonesVariationSelectorsOrJoiners() {
		assertThat(Lexicon.emojiKey("👍🏽")).isEqualTo("👍");
		assertThat(Lexicon.emojiKey("❤️")).isEqualTo("❤");
		assertThat(Lexicon.emojiKey(":)")).isEqualTo(":)");
		assertThat(Lexicon.bundledEmoji()).containsKeys("👍", "❤", ":)", "😡", "🙏");
	}

}
