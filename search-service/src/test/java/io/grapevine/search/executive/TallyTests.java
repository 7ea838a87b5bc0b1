package io.grapevine.search.executive;

import java.util.Map;

import io.grapevine.search.executive.Tally.Figures;
import io.grapevine.search.executive.Tally.Said;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TallyTests {

	@Test
	void twoDaysAddUpFigureByFigure() {
		Tally monday = new Tally(new Figures(10, 3, 5, 2, 6, 2, 3, AnswerTimesTests.times(60, 600, 6000)), 1_000,
				Map.of("organization", new Figures(9, 3, 4, 2, 0, 0, 0, null)),
				new Said(2, Map.of("x", 2L), Map.of("communications", 2L)),
				Map.of("x", new Figures(10, 0, 0, 0, 0, 0, 3, null)),
				Map.of("operations", new Figures(4, 0, 4, 0, 4, 1, 1, AnswerTimesTests.times(600))));
		Tally tuesday = new Tally(new Figures(5, 1, 1, 3, 1, 1, 1, AnswerTimesTests.times(120)), 50,
				Map.of("rival", new Figures(1, 0, 1, 0, 0, 0, 0, null)), new Said(1, Map.of("reddit", 1L), Map.of()),
				Map.of("reddit", new Figures(5, 0, 0, 0, 0, 0, 1, null)),
				Map.of("operations", new Figures(1, 1, 0, 0, 0, 0, 0, null)));
		Tally both = monday.plus(tuesday);
		assertThat(both.heard().count()).isEqualTo(15);
		assertThat(both.heard().negative()).isEqualTo(6);
		assertThat(both.heard().wantingAnswered()).isEqualTo(3);
		assertThat(both.heard().times().median()).contains(360.0);
		assertThat(both.audience()).isEqualTo(1_050);
		assertThat(both.voice("organization").count()).isEqualTo(9);
		assertThat(both.voice("rival").negative()).isEqualTo(1);
		assertThat(both.voice("nobody")).isEqualTo(Figures.NONE);
		assertThat(both.said().count()).isEqualTo(3);
		assertThat(both.said().byNetwork()).containsEntry("x", 2L).containsEntry("reddit", 1L);
		assertThat(both.networks().keySet()).containsExactly("reddit", "x");
		assertThat(both.department("operations").count()).isEqualTo(5);
		assertThat(both.department("operations").times().median()).contains(600.0);
		assertThat(tuesday.plus(monday)).isEqualTo(both);
	}

	@Test
	void nothingCountedChangesNothing() {
		Tally day = new Tally(Figures.counted(3), 7, Map.of(), Said.NONE, Map.of(), Map.of());
		assertThat(day.plus(Tally.EMPTY)).isEqualTo(day);
		assertThat(Tally.EMPTY.plus(day)).isEqualTo(day);
	}

}
