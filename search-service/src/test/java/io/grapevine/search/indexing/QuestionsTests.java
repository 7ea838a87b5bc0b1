package io.grapevine.search.indexing;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuestionsTests {

	@Test
	void aQuestionMarkAnywhereMakesAQuestion() {
		assertThat(Questions.asks("The 42 is late again? Really", Optional.of("en"))).isTrue();
		assertThat(Questions.asks("¿Hay huelga mañana", Optional.of("es"))).isTrue();
		assertThat(Questions.asks("今日は運休ですか？", Optional.empty())).isTrue();
	}

	@Test
	void aTextBeginningWithAQuestionWordOfItsLanguageIsAQuestion() {
		assertThat(Questions.asks("How do I get a refund for a cancelled ticket", Optional.of("en"))).isTrue();
		assertThat(Questions.asks("@hct anyone know if line 4 runs", Optional.of("en"))).isFalse();
		assertThat(Questions.asks("Anyone know if line 4 runs", Optional.of("en"))).isTrue();
		assertThat(Questions.asks("Cuándo vuelve el servicio", Optional.of("es"))).isTrue();
		assertThat(Questions.asks("Pourquoi le tram est en retard", Optional.of("fr"))).isTrue();
		assertThat(Questions.asks("Qu’est-ce qui se passe à la gare", Optional.of("fr"))).isTrue();
		assertThat(Questions.asks("Warum fährt die Linie 3 nicht", Optional.of("de"))).isTrue();
		assertThat(Questions.asks("Quando volta o metrô", Optional.of("pt"))).isTrue();
		assertThat(Questions.asks("Perché il tram è fermo", Optional.of("it"))).isTrue();
	}

	@Test
	void aStatementIsNotAQuestionAndAccentsTellQuestionWordsApart() {
		assertThat(Questions.asks("The 42 was late again", Optional.of("en"))).isFalse();
		assertThat(Questions.asks("Que bonito el nuevo tranvía", Optional.of("es"))).isFalse();
		assertThat(Questions.asks("Qué pasa con el tranvía", Optional.of("es"))).isTrue();
		assertThat(Questions.asks("", Optional.empty())).isFalse();
	}

	@Test
	void aWordAsksOnlyInItsOwnLanguageWhenTheLanguageIsKnown() {
		assertThat(Questions.asks("Was für ein schöner Tag", Optional.of("en"))).isFalse();
		assertThat(Questions.asks("Was ist mit der Fähre los", Optional.of("de"))).isTrue();
		assertThat(Questions.asks("Wie lange dauert es noch", Optional.empty())).isTrue();
	}

}
