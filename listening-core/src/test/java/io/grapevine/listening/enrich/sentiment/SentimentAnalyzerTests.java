package io.grapevine.listening.enrich.sentiment;

import java.util.Optional;
import java.util.Random;

import io.grapevine.listening.mention.SentimentScore;
import io.grapevine.listening.query.Sentiment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class SentimentAnalyzerTests {

	private final SentimentAnalyzer analyzer = SentimentAnalyzer.bundled();

	@Test
	void praiseIsPositiveAndComplaintsAreNegative() {
		assertThat(english("The driver on the 42 was so kind, thank you")).isEqualTo(Sentiment.POSITIVE);
		assertThat(english("The ferry was cancelled again and nobody told us")).isEqualTo(Sentiment.NEGATIVE);
	}

	@Test
	void notFlipsTheWordsAfterIt() {
		assertThat(english("The new timetable is good")).isEqualTo(Sentiment.POSITIVE);
		assertThat(english("The new timetable is not good")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(english("The new buses aren't bad at all")).isEqualTo(Sentiment.POSITIVE);
		assertThat(english("The tram isn't very clean")).isEqualTo(Sentiment.NEGATIVE);
	}

	@Test
	void neverLateAgainIsPraiseButNeverAgainIsAComplaint() {
		assertThat(english("Since the new timetable the 42 is never late")).isEqualTo(Sentiment.POSITIVE);
		assertThat(english("Bought fish at Bayside and it was rotten. Never again.")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(english("Never again. Worst ferry ride of my life")).isEqualTo(Sentiment.NEGATIVE);
	}

	@Test
	void emoticonsDrawnOutOrRepeatedKeepTheirTone() {
		assertThat(german("Warum kann ich nicht mit Geld umgehen :(((((((")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(german("Gefunden, aber ich weiß nicht wo :)))")).isEqualTo(Sentiment.POSITIVE);
		assertThat(english("see you there ;-)))")).isEqualTo(Sentiment.POSITIVE);
		assertThat(english("my turn :P:P:P")).isEqualTo(Sentiment.POSITIVE);
	}

	@Test
	void everydayWordsOfTheOtherLanguagesCarryTone() {
		assertThat(german("Schade, das war echt doof")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(spanish("No me jodas, idiota")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(spanish("Te echo de menos, cariño, te quiero")).isEqualTo(Sentiment.POSITIVE);
		assertThat(french("C'est un film merveilleux")).isEqualTo(Sentiment.POSITIVE);
		assertThat(french("Quel cauchemar, j'ai honte")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(italian("Che cazzo fai, stronzo")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(italian("Un'idea affascinante")).isEqualTo(Sentiment.POSITIVE);
	}

	@Test
	void laughterWrittenOutAtAnyLengthReadsAsLaughter() {
		assertThat(spanish("Jajajajajaj")).isEqualTo(Sentiment.POSITIVE);
		assertThat(spanish("jejejeje")).isEqualTo(Sentiment.POSITIVE);
		assertThat(english("hahahahahah")).isEqualTo(Sentiment.POSITIVE);
		assertThat(spanish("Jaén")).isEqualTo(Sentiment.NEUTRAL);
		assertThat(english("Hah")).isEqualTo(Sentiment.NEUTRAL);
		assertThat(italian("ahahahahah")).isEqualTo(Sentiment.POSITIVE);
		assertThat(italian("Ahhhhh")).isEqualTo(Sentiment.NEUTRAL);
		assertThat(portuguese("Mesmo ihhh")).isEqualTo(Sentiment.NEUTRAL);
	}

	@Test
	void spanishWordsOfPublicLifeCarryTone() {
		assertThat(spanish("Corrompen la democracia. Sobornan diputados.")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(spanish("Muy muy recomendable")).isEqualTo(Sentiment.POSITIVE);
		assertThat(spanish("Nuestro apoyo a los trabajadores")).isEqualTo(Sentiment.POSITIVE);
	}

	@Test
	void spanishVerbsFallBackToTheInfinitiveTheLexiconLists() {
		assertThat(spanish("Agredieron a dos policías")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(spanish("Hoy estamos celebrando el aniversario")).isEqualTo(Sentiment.POSITIVE);
		assertThat(spanish("Su padre ha matado a su madre")).isEqualTo(Sentiment.NEGATIVE);
	}

	@Test
	void negationStopsAtTheEndOfTheClause() {
		assertThat(score("No, the bus was great")).isGreaterThan(0.2);
	}

	@Test
	void intensifiersStrengthenAndDiminishersWeaken() {
		double good = score("The service is good");
		assertThat(score("The service is very good")).isGreaterThan(good);
		assertThat(score("The service is really really good")).isGreaterThan(score("The service is very good"));
		assertThat(score("The service is slightly good")).isBetween(0.0, good);
		double late = score("The bus is late");
		assertThat(score("The bus is extremely late")).isLessThan(late);
		assertThat(score("The bus is a bit late")).isBetween(late, 0.0);
	}

	@Test
	void everydayWordsSlangAndInitialismsOfTheEstablishedEnglishLexiconCarryTone() {
		assertThat(english("lmao this commute")).isEqualTo(Sentiment.POSITIVE);
		assertThat(english("wtf is going on with the 42")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(english("The new platform is gorgeous")).isEqualTo(Sentiment.POSITIVE);
		assertThat(english("Sitting on a filthy train")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(english("Ugh, stuck again")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(english("So fed up with line 4")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(english("Line 4 this morning \\o/")).isEqualTo(Sentiment.POSITIVE);
		assertThat(english("Line 4 this morning :-D")).isEqualTo(Sentiment.POSITIVE);
		assertThat(score("The 42 is awfully late")).isLessThan(score("The 42 is late"));
	}

	@Test
	void aWordThatBoostsOrNegatesTheToneAfterItCarriesNoToneOfItsOwnThere() {
		assertThat(english("The bus is super late")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(english("Pretty bad service today")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(english("No problem at all, thanks")).isEqualTo(Sentiment.POSITIVE);
		assertThat(english("That concert was super!")).isEqualTo(Sentiment.POSITIVE);
	}

	@Test
	void aBusStopHasNoToneThoughTheEstablishedLexiconReadsStopAsAVerb() {
		assertThat(score("New bus stop opening at the shopping center on Monday")).isZero();
		assertThat(english("Line 7 stops at Elm St from Monday")).isEqualTo(Sentiment.NEUTRAL);
	}

	@Test
	void emojiReadAsTheWordsOfTheirNames() {
		assertThat(english("Line 4 this morning 😂")).isEqualTo(Sentiment.POSITIVE);
		assertThat(english("Line 4 this morning 😭")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(english("Line 4 this morning 🚌")).isEqualTo(Sentiment.NEUTRAL);
	}

	@Test
	void capitalsInAMixedCaseTextAndExclamationMarksAddEmphasis() {
		assertThat(score("The 42 is late AGAIN")).isLessThan(score("The 42 is late again"));
		assertThat(score("I LOVE the new trams")).isGreaterThan(score("I love the new trams"));
		assertThat(score("I love the new trams!!!")).isGreaterThan(score("I love the new trams"));
		assertThat(score("Delayed again!!!")).isLessThan(score("Delayed again"));
	}

	@Test
	void aTextAllInCapitalsIsNotEmphasisedWordByWord() {
		assertThat(score("THE BUS WAS GOOD")).isEqualTo(score("The bus was good"));
	}

	@Test
	void theClauseAfterButOutweighsTheClauseBefore() {
		assertThat(english("The driver was friendly but the bus was filthy and late")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(english("The bus was a bit late but the driver was lovely")).isEqualTo(Sentiment.POSITIVE);
		assertThat(spanish("El tren llegó tarde pero el personal fue muy amable")).isEqualTo(Sentiment.POSITIVE);
	}

	@Test
	void emojiCarryTheirOwnTone() {
		assertThat(english("Bus 42 this morning 😡")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(english("Driver waited for me 🙏")).isEqualTo(Sentiment.POSITIVE);
		assertThat(english("New tram line 👍")).isEqualTo(Sentiment.POSITIVE);
		assertThat(english("New tram line 👍🏽")).isEqualTo(Sentiment.POSITIVE);
		assertThat(english("Ferry crew ❤️")).isEqualTo(Sentiment.POSITIVE);
		assertThat(english("Ferry 👎")).isEqualTo(Sentiment.NEGATIVE);
	}

	@Test
	void emojiAreNotNegatedByTheWordsBeforeThem() {
		assertThat(english("No words 😡")).isEqualTo(Sentiment.NEGATIVE);
	}

	@Test
	void emoticonsCarryTheirOwnToneWithPunctuationAfterThem() {
		assertThat(english("Ferry on the way :)")).isEqualTo(Sentiment.POSITIVE);
		assertThat(english("Ferry on the way :).")).isEqualTo(Sentiment.POSITIVE);
		assertThat(english("Ferry on the way :(")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(english("Ferry on the way :D")).isEqualTo(Sentiment.POSITIVE);
		assertThat(english("Ferry on the way <3")).isEqualTo(Sentiment.POSITIVE);
	}

	@Test
	void linksAndHandlesDoNotCarryTone() {
		assertThat(score("@BadTransitTakes https://example.com/awful-news")).isZero();
	}

	@Test
	void aTextWithNothingThatCarriesToneIsNeutralWithScoreZero() {
		SentimentScore score = this.analyzer.analyze("The 42 leaves Elm St at 8:15", "en");
		assertThat(score.score()).isZero();
		assertThat(score.label()).isEqualTo(Sentiment.NEUTRAL);
	}

	@Test
	void aWeakToneIsNeutral() {
		assertThat(english("Taking the bus downtown, it's fine")).isEqualTo(Sentiment.NEUTRAL);
	}

	@Test
	void eachLanguageHasItsOwnNeutralBandAndARegionOrAnUnknownLanguageReadsAsItsOwnOrEnglish() {
		assertThat(this.analyzer.neutralBand("en")).isEqualTo(0.2);
		assertThat(this.analyzer.neutralBand("es")).isLessThan(this.analyzer.neutralBand("en"));
		assertThat(this.analyzer.neutralBand("es-MX")).isEqualTo(this.analyzer.neutralBand("es"));
		assertThat(this.analyzer.neutralBand("DE")).isEqualTo(this.analyzer.neutralBand("de"));
		assertThat(this.analyzer.neutralBand("nl")).isEqualTo(this.analyzer.neutralBand("en"));
		assertThat(this.analyzer.neutralBand(null)).isEqualTo(this.analyzer.neutralBand("en"));
	}

	@Test
	void laughingTillCryingCarriesNoToneInPortugueseOnly() {
		assertThat(this.analyzer.analyze("O árbitro de ontem 😂😂", "pt").label()).isEqualTo(Sentiment.NEUTRAL);
		assertThat(this.analyzer.analyze("O árbitro de ontem 😂😂", "es").label()).isEqualTo(Sentiment.POSITIVE);
		assertThat(this.analyzer.analyze("Que jogo lindo 😂", "pt").label()).isEqualTo(Sentiment.POSITIVE);
	}

	@Test
	void aQuestionAskingForInformationIsNeutralEvenWithAToneWord() {
		assertThat(english("How do I report a broken streetlight?")).isEqualTo(Sentiment.NEUTRAL);
		assertThat(this.analyzer.analyze("¿Cómo denuncio una farola rota?", "es").label()).isEqualTo(Sentiment.NEUTRAL);
		assertThat(this.analyzer.analyze("Wie melde ich eine kaputte Laterne?", "de").label())
			.isEqualTo(Sentiment.NEUTRAL);
		assertThat(english("Why is the 42 always so late?")).isEqualTo(Sentiment.NEGATIVE);
	}

	@Test
	void blankAndMissingTextsAreNeutral() {
		assertThat(this.analyzer.analyze("", "en")).isEqualTo(new SentimentScore(0, Sentiment.NEUTRAL));
		assertThat(this.analyzer.analyze("   \n", "en")).isEqualTo(new SentimentScore(0, Sentiment.NEUTRAL));
		assertThat(this.analyzer.analyze((String) null, (String) null))
			.isEqualTo(new SentimentScore(0, Sentiment.NEUTRAL));
	}

	@Test
	void spanishIsReadWithItsOwnLexiconWithOrWithoutAccents() {
		assertThat(spanish("Pésimo servicio, el autobús llegó tarde otra vez")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(spanish("Pesimo servicio, el autobus llego tarde otra vez")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(spanish("Muchas gracias al conductor, muy amable")).isEqualTo(Sentiment.POSITIVE);
		assertThat(spanish("Las conductoras son encantadoras")).isEqualTo(Sentiment.POSITIVE);
	}

	@Test
	void spanishNegationFlipsToo() {
		assertThat(spanish("El tranvía nuevo es bueno")).isEqualTo(Sentiment.POSITIVE);
		assertThat(spanish("El tranvía nuevo no es bueno")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(spanish("No está nada mal el servicio nuevo")).isEqualTo(Sentiment.POSITIVE);
		assertThat(spanish("Viaje tranquilo, sin retrasos")).isEqualTo(Sentiment.POSITIVE);
	}

	@Test
	void frenchIsReadWithItsOwnLexiconAndElisionsAreWordsOfTheirOwn() {
		assertThat(french("Le chauffeur était très aimable, merci")).isEqualTo(Sentiment.POSITIVE);
		assertThat(french("Le bus est encore en retard, c'est une honte")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(french("Le service n'est pas bon")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(french("Pas mal du tout, le nouveau tram")).isEqualTo(Sentiment.POSITIVE);
		assertThat(french("Le tram était bondé mais le personnel était adorable")).isEqualTo(Sentiment.POSITIVE);
	}

	@Test
	void germanIsReadWithItsOwnLexiconWithOrWithoutUmlauts() {
		assertThat(german("Der Fahrer war sehr freundlich, danke")).isEqualTo(Sentiment.POSITIVE);
		assertThat(german("Die Bahn ist überfüllt und unpünktlich")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(german("Die Bahn ist uberfullt")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(german("Der Service ist nicht gut")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(german("Die neuen Busse sind sauberer und bequemer")).isEqualTo(Sentiment.POSITIVE);
	}

	@Test
	void portugueseIsReadWithItsOwnLexiconWithOrWithoutAccents() {
		assertThat(portuguese("Péssimo serviço, o autocarro chegou atrasado outra vez")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(portuguese("Pessimo servico, o autocarro chegou atrasado outra vez")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(portuguese("Muito obrigada ao motorista, foi super simpático")).isEqualTo(Sentiment.POSITIVE);
		assertThat(portuguese("As motoristas são simpáticas e os bancos confortáveis")).isEqualTo(Sentiment.POSITIVE);
		assertThat(this.analyzer.analyze("O autocarro chega às oito horas à estação", "pt"))
			.isEqualTo(new SentimentScore(0, Sentiment.NEUTRAL));
	}

	@Test
	void portugueseNegationAndContrastWork() {
		assertThat(portuguese("O elétrico novo é bom")).isEqualTo(Sentiment.POSITIVE);
		assertThat(portuguese("O elétrico novo não é bom")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(portuguese("Nada mal o serviço novo")).isEqualTo(Sentiment.POSITIVE);
		assertThat(portuguese("Viagem tranquila, sem atrasos")).isEqualTo(Sentiment.POSITIVE);
		assertThat(portuguese("O metrô estava lotado, mas o pessoal foi muito gentil")).isEqualTo(Sentiment.POSITIVE);
	}

	@Test
	void italianIsReadWithItsOwnLexiconAndElisionsAreWordsOfTheirOwn() {
		assertThat(italian("L'autista è stato gentilissimo, grazie")).isEqualTo(Sentiment.POSITIVE);
		assertThat(italian("Il bus è di nuovo in ritardo, che vergogna")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(italian("Un'ottima idea le nuove panchine")).isEqualTo(Sentiment.POSITIVE);
		assertThat(italian("Le fermate sono pulite e le autiste gentili")).isEqualTo(Sentiment.POSITIVE);
	}

	@Test
	void italianNegationAndContrastWork() {
		assertThat(italian("Il servizio non è buono")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(italian("Niente male il tram nuovo")).isEqualTo(Sentiment.POSITIVE);
		assertThat(italian("Viaggio tranquillo, senza ritardi")).isEqualTo(Sentiment.POSITIVE);
		// "ne" is the pronoun "of it", not a negation.
		assertThat(italian("Ne sono davvero contento, grazie")).isEqualTo(Sentiment.POSITIVE);
		assertThat(italian("Ne ho abbastanza dei ritardi")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(italian("Il treno era strapieno, ma il personale è stato davvero gentile"))
			.isEqualTo(Sentiment.POSITIVE);
	}

	@Test
	void theLanguageSelectsTheLexicon() {
		assertThat(spanish("Qué desastre de servicio")).isEqualTo(Sentiment.NEGATIVE);
		assertThat(this.analyzer.analyze("Qué desastre de servicio", "en").label()).isEqualTo(Sentiment.NEUTRAL);
	}

	@Test
	void aRegionalLanguageTagUsesTheLexiconOfItsLanguage() {
		assertThat(this.analyzer.analyze("Qué desastre de servicio", "es-MX").label()).isEqualTo(Sentiment.NEGATIVE);
		assertThat(this.analyzer.analyze("Awful service", "EN_gb").label()).isEqualTo(Sentiment.NEGATIVE);
	}

	@Test
	void anUnknownOrMissingLanguageIsReadAsEnglishAndIsNeutralWhenNothingFires() {
		assertThat(this.analyzer.analyze("Great service 👍", "nl").label()).isEqualTo(Sentiment.POSITIVE);
		assertThat(this.analyzer.analyze("Great service", Optional.empty()).label()).isEqualTo(Sentiment.POSITIVE);
		assertThat(this.analyzer.analyze("Slechte service, de bus is weer te laat", "nl"))
			.isEqualTo(new SentimentScore(0, Sentiment.NEUTRAL));
	}

	@Test
	void lettersRepeatedForEmphasisAreStillRecognised() {
		assertThat(english("loooove the new trams")).isEqualTo(Sentiment.POSITIVE);
		assertThat(score("sooooo late")).isLessThan(score("late"));
	}

	@Test
	void piledUpPraiseStaysWithinOne() {
		String praise = "AMAZING wonderful excellent PERFECT!!!!!!!!!! 😍😍😍 ".repeat(500);
		assertThat(score(praise)).isLessThanOrEqualTo(1).isGreaterThan(0.99);
		String anger = "worst AWFUL disgusting 😡😡😡 ".repeat(500);
		assertThat(score(anger)).isGreaterThanOrEqualTo(-1).isLessThan(-0.99);
	}

	@Test
	void anyTextGetsAScoreWithinMinusOneAndOneWithoutThrowing() {
		Random random = new Random(20261121);
		String[] pieces = { "not", "very", "but", "good", "bad", "!", "?", "¿", ":)", ":(", "😡", "🙏", "👍🏽",
				"\u200d", "\ufe0f", "'", "’", "n't", "LATE", "muy", "pero", "no", "nada", "mal", " ", "\n", "\t", "#",
				"@", "http://x", "\ud83d", "\ude00", "\u0301", "ñ", "É", "-", "...", "sooooo", "\u0000", "não", "mas",
				"non", "ma", "dell'", "un'" };
		for (int i = 0; i < 20_000; i++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(40);
			for (int k = 0; k < length; k++) {
				if (random.nextInt(4) == 0) {
					text.appendCodePoint(random.nextInt(0x1FFFF));
				}
				else {
					text.append(pieces[random.nextInt(pieces.length)]);
				}
				if (random.nextBoolean()) {
					text.append(' ');
				}
			}
			String language = new String[] { "en", "es", "pt", "it", "xx", "", "es-419", "_" }[random.nextInt(8)];
			assertThatNoException().isThrownBy(() -> {
				SentimentScore score = this.analyzer.analyze(text.toString(), language);
				assertThat(score.score()).isBetween(-1.0, 1.0);
			});
		}
	}

	private Sentiment english(String text) {
		return this.analyzer.analyze(text, "en").label();
	}

	private Sentiment spanish(String text) {
		return this.analyzer.analyze(text, "es").label();
	}

	private Sentiment french(String text) {
		return this.analyzer.analyze(text, "fr").label();
	}

	private Sentiment german(String text) {
		return this.analyzer.analyze(text, "de").label();
	}

	private Sentiment portuguese(String text) {
		return this.analyzer.analyze(text, "pt").label();
	}

	private Sentiment italian(String text) {
		return this.analyzer.analyze(text, "it").label();
	}

	private double score(String text) {
		return this.analyzer.analyze(text, "en").score();
	}

}
