package io.grapevine.listening.enrich.sentiment;

import java.util.List;

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
