package io.grapevine.listening.enrich.language;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LanguageDetectorTests {

	private static final String ODD = " @#/.:'-\u0301\u00a0\ud83d\udc00\u200b\ufeff";

	private final LanguageDetector detector = new LanguageDetector(List.of("en", "es", "fr", "de", "pt", "it"));

	@Test
	void eachSupportedLanguageIsRecognisedInAnOrdinaryPost() {
		assertThat(this.detector.detect("The lift at Queen Street has been out of order since last Friday"))
			.contains("en");
		assertThat(this.detector.detect("El ascensor de la estación lleva roto desde el viernes pasado"))
			.contains("es");
		assertThat(this.detector.detect("L'ascenseur de la gare est en panne depuis vendredi dernier")).contains("fr");
		assertThat(this.detector.detect("Der Aufzug am Bahnhof ist seit letztem Freitag kaputt")).contains("de");
		assertThat(this.detector.detect("O elevador da estação está avariado desde sexta-feira passada"))
			.contains("pt");
		assertThat(this.detector.detect("L'ascensore della stazione è guasto da venerdì scorso")).contains("it");
	}

	@Test
	void portugueseAndSpanishAreToldApartByTheirOwnWords() {
		assertThat(this.detector.detect("Você não sabe como estou feliz com a promoção")).contains("pt");
		assertThat(this.detector.detect("Usted no sabe lo contento que estoy con la promoción")).contains("es");
	}

	@Test
	void urlsHandlesAndHashtagsDoNotSwayTheAnswer() {
		assertThat(
				this.detector.detect("@TheBestShopEver #HappyCustomer #ThankYou https://example.com/thank-you-so-much "
						+ "muchas gracias por el envío tan rápido"))
			.contains("es");
	}

	@Test
	void aLanguageTheOrganizationDoesNotListenInIsNeverAnswered() {
		LanguageDetector englishAndSpanish = new LanguageDetector(Set.of("en", "es"));
		String french = "Les habitants se plaignent du bruit des travaux depuis trois semaines";
		assertThat(this.detector.detect(french)).contains("fr");
		assertThat(englishAndSpanish.detect(french)).isEmpty();
		assertThat(englishAndSpanish.detect("The council says the roadworks will end next month")).contains("en");
	}

	@Test
	void textWithNoWordsToReadHasNoLanguage() {
		assertThat(this.detector.detect("")).isEmpty();
		assertThat(this.detector.detect(null)).isEmpty();
		assertThat(this.detector.detect("   \n\t ")).isEmpty();
		assertThat(this.detector.detect("😂😂😂 🔥🔥 ❤️")).isEmpty();
		assertThat(this.detector.detect("https://t.co/x8Fq2LmZ www.example.org/some/long/path")).isEmpty();
		assertThat(this.detector.detect("@someone @another #hashtag #AnotherLongHashtagInEnglish")).isEmpty();
		assertThat(this.detector.detect("12:45 — 3/4 +33 1 23 45 67 89 !!!")).isEmpty();
	}

	@Test
	void aWordOrTwoIsTooShortToTell() {
		assertThat(this.detector.detect("ok")).isEmpty();
		assertThat(this.detector.detect("lol")).isEmpty();
		assertThat(this.detector.detect("Taxi")).isEmpty();
	}

	@Test
	void twoWordsThatSpanishAndCatalanShareGetNoAnswerWhereTwoClearEnglishWordsGetOne() {
		LanguageDetector all = new LanguageDetector(LanguageProfiles.LANGUAGES);
		// Both were answered Catalan when every pair of languages needed the same lead.
		assertThat(all.detect("Eres tan")).isEmpty();
		assertThat(all.detect("Desatranca la")).isEmpty();
		assertThat(all.detect("the weather")).contains("en");
	}

	@Test
	void neighboursAndWordsNeverSeenInTrainingNeedALargerLeadOnShortTextOnly() {
		LanguageProfiles.Read twoKnownWords = new LanguageProfiles.Read(10, 0, 20, 2, 2);
		LanguageProfiles.Read twoWordsOneUnseen = new LanguageProfiles.Read(10, 0, 20, 2, 1);
		LanguageProfiles.Read sixWordsOneUnseen = new LanguageProfiles.Read(30, 0, 60, 6, 5);
		double apart = LanguageDetector.needed(twoKnownWords, "en", "de");
		double neighbours = LanguageDetector.needed(twoKnownWords, "es", "ca");
		assertThat(neighbours).isGreaterThan(apart);
		assertThat(LanguageDetector.needed(twoWordsOneUnseen, "en", "de")).isGreaterThan(apart);
		assertThat(LanguageDetector.needed(twoWordsOneUnseen, "es", "pt")).isGreaterThan(neighbours);
		assertThat(LanguageDetector.needed(sixWordsOneUnseen, "es", "ca"))
			.isEqualTo(LanguageDetector.needed(sixWordsOneUnseen, "en", "de"));
	}

	@Test
	void textInAnotherScriptHasNoLanguage() {
		assertThat(this.detector.detect("今日は電車がとても混んでいました")).isEmpty();
		assertThat(this.detector.detect("Сегодня поезд опоздал на час")).isEmpty();
		assertThat(this.detector.detect("Сегодня новый iPhone Pro в магазине Apple на Тверской улице")).isEmpty();
	}

	@Test
	void decomposedAccentsReadLikeComposedOnes() {
		String composed = "Ça fait déjà trois fois que le bus passe sans s'arrêter à l'arrêt";
		String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
		assertThat(decomposed).isNotEqualTo(composed);
		assertThat(this.detector.guess(decomposed)).isEqualTo(this.detector.guess(composed));
		assertThat(this.detector.detect(decomposed)).contains("fr");
	}

	@Test
	void upperCaseTextReadsLikeLowerCase() {
		assertThat(this.detector.detect("WARUM IST DER ZUG SCHON WIEDER ZU SPÄT, DAS IST UNGLAUBLICH")).contains("de");
	}

	@Test
	void randomTextNeverThrowsAndAnswersOnlyConfiguredLanguages() {
		Random random = new Random(20261121);
		LanguageDetector two = new LanguageDetector(Set.of("it", "de"));
		for (int i = 0; i < 20_000; i++) {
			String text = randomText(random);
			Optional<String> all = this.detector.detect(text);
			Optional<String> some = two.detect(text);
			assertThat(all).isNotNull();
			all.ifPresent((language) -> assertThat(LanguageDetector.SUPPORTED).contains(language));
			some.ifPresent((language) -> assertThat(language).isIn("it", "de"));
		}
	}

	@Test
	void threadsSharingOneDetectorGetTheAnswersOneThreadGets() throws Exception {
		List<String> texts = LanguageAccuracyTests.sample().stream().map(LanguageAccuracyTests.Labelled::text).toList();
		List<Optional<String>> alone = texts.stream().map(this.detector::detect).toList();
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<List<Optional<String>>>> shared = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				shared.add(threads.submit(() -> texts.stream().map(this.detector::detect).toList()));
			}
			for (Future<List<Optional<String>>> answers : shared) {
				assertThat(answers.get(1, TimeUnit.MINUTES)).isEqualTo(alone);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void configuredCodesAreReadAsIso6391() {
		assertThat(new LanguageDetector(List.of("EN", "pt-BR", "es_MX", "deu")).languages())
			.containsExactlyInAnyOrder("en", "pt", "es", "de");
	}

	@Test
	void aConfiguredLanguageWithoutAProfileIsAcceptedButNeverDetected() {
		LanguageDetector swedish = new LanguageDetector(List.of("sv"));
		assertThat(swedish.languages()).containsExactly("sv");
		assertThat(swedish.detect("Tåget till Stockholm är försenat igen på grund av ett signalfel")).isEmpty();
	}

	@Test
	void dutchAndCatalanAreRecognisedAndNotTakenForTheirNeighbours() {
		LanguageDetector all = new LanguageDetector(List.of("en", "es", "fr", "de", "pt", "it", "nl", "ca"));
		String dutch = "De trein naar Amsterdam is weer vertraagd vanwege een storing bij het seinwerk";
		String catalan = "El tren cap a Girona torna a anar amb retard per una avaria a la via";
		assertThat(all.detect(dutch)).contains("nl");
		assertThat(all.detect(catalan)).contains("ca");
		assertThat(this.detector.detect(dutch)).isEmpty();
		assertThat(this.detector.detect(catalan)).isEmpty();
	}

	@Test
	void noLanguagesOrAMalformedCodeIsRefusedNamingTheCode() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LanguageDetector(List.of()))
			.withMessageContaining("languages");
		assertThatIllegalArgumentException().isThrownBy(() -> new LanguageDetector(List.of("en", "english")))
			.withMessageContaining("'english'");
		assertThatIllegalArgumentException().isThrownBy(() -> new LanguageDetector(List.of("en", "und")))
			.withMessageContaining("'und'");
	}

	private static String randomText(Random random) {
		int length = random.nextInt(200);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			switch (random.nextInt(6)) {
				case 0 -> text.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
				case 1 -> text.append((char) random.nextInt(0x10000));
				case 2 -> text.append(ODD.charAt(random.nextInt(ODD.length())));
				case 3 -> text.appendCodePoint(0x1F600 + random.nextInt(80));
				default -> text.append((char) ('a' + random.nextInt(26)));
			}
		}
		return text.toString();
	}

}
