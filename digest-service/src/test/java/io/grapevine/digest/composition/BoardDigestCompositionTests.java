package io.grapevine.digest.composition;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.grapevine.digest.audience.Audience;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Mention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class BoardDigestCompositionTests {

	@ParameterizedTest
	@EnumSource(BoardCase.class)
	void everySentenceOfTheDigestReadsRightForTheMonth(BoardCase month) {
		BoardFigures figures = month.digest().board().orElseThrow();

		assertThat(figures.volume()).isEqualTo(month.volume());
		assertThat(figures.change()).isEqualTo(month.change());
		assertThat(figures.sentimentSentence()).isEqualTo(month.sentiment());
		assertThat(figures.shareOfVoice()).extracting(BoardFigures.Voice::name, BoardFigures.Voice::line)
			.containsExactlyElementsOf(pairs(month.voices()));
		assertThat(figures.departments())
			.extracting(BoardFigures.DepartmentMonth::name, BoardFigures.DepartmentMonth::line)
			.containsExactlyElementsOf(pairs(month.departments()));
	}

	@ParameterizedTest
	@EnumSource(BoardCase.class)
	void noSentenceRepeatsItselfOrSaysNothing(BoardCase month) {
		List<String> sentences = month.sentences();

		assertThat(sentences).allSatisfy((sentence) -> assertThat(sentence).isNotBlank()
			.doesNotContain("not judged")
			.doesNotContainPattern("\\b0 mentions")
			.doesNotContain(" on October"));
		assertThat(month.sentiment()).doesNotContainPattern("(\\d+% negative).*\\1");
	}

	@Test
	void volumeAndSentimentAreSetAgainstLastMonthInFigures() {
		BoardFigures figures = BoardCase.COMPETITOR_WITH_NO_MENTION.digest().board().orElseThrow();

		assertThat(figures.total()).isEqualTo(600);
		assertThat(figures.previousTotal()).isEqualTo(500);
		assertThat(figures.sentiment().negativePercent()).isEqualTo(24);
		assertThat(figures.previousSentiment().negativePercent()).isEqualTo(38);
	}

	@Test
	void theSubjectNamesTheOrganizationTheMonthAndItsMentions() {
		Digest digest = BoardCase.RISE.digest();

		assertThat(digest.subject()).isEqualTo("Harbor City Transit · board digest · November 2026 · 600 mentions");
		assertThat(digest.audience().members()).containsExactly("board@example.org");
	}

	@Test
	void theShareOfVoiceListsTheOrganizationThenEveryCompetitorWithItsShareInFigures() {
		List<BoardFigures.Voice> voices = BoardCase.RISE.digest().board().orElseThrow().shareOfVoice();

		assertThat(voices).extracting(BoardFigures.Voice::key)
			.containsExactly(BoardFigures.ORGANIZATION, "metro-link", "bay-ferries");
		assertThat(voices).extracting(BoardFigures.Voice::organization).containsExactly(true, false, false);
		assertThat(voices).extracting(BoardFigures.Voice::percent).containsExactly(60, 30, 10);
		assertThat(voices).extracting(BoardFigures.Voice::previousPercent).containsExactly(50, 50, 0);
		assertThat(voices).extracting(BoardFigures.Voice::previousMentions).containsExactly(500L, 500L, 0L);
	}

	@Test
	void everyDepartmentIsListedInFileOrderWithItsMonthEvenWhenSilent() {
		List<BoardFigures.DepartmentMonth> departments = BoardCase.NONE_JUDGED.digest()
			.board()
			.orElseThrow()
			.departments();

		assertThat(departments).extracting(BoardFigures.DepartmentMonth::id)
			.containsExactly("operations", "communications");
		assertThat(departments).extracting(BoardFigures.DepartmentMonth::mentions).containsExactly(300L, 0L);
		assertThat(departments).extracting(BoardFigures.DepartmentMonth::previousMentions).containsExactly(300L, 0L);
	}

	@Test
	void aShareLevelWithTheMonthBeforeSaysSo() {
		BoardSentences say = BoardSentences.of(BoardCase.NOVEMBER);

		assertThat(say.voice(300, 30, 250, 30, 800, BoardFigures.Sentiment.NONE))
			.isEqualTo("30% (300 mentions), level with 30% in October; none judged for sentiment");
		assertThat(say.voice(1, 100, 0, 0, 0, BoardFigures.Sentiment.NONE))
			.isEqualTo("100% (1 mention), nobody heard in October to compare with; none judged for sentiment");
	}

	@Test
	void aVolumeThatBarelyMovedIsAboutAsManyAndOneMentionIsSingular() {
		BoardSentences say = BoardSentences.of(BoardCase.NOVEMBER);

		assertThat(say.volume(1001, 1000))
			.isEqualTo("1001 mentions in November 2026, about as many as the 1000 in October.");
		assertThat(say.change(1001, 1000)).isEqualTo("about as many as in October");
		assertThat(say.volume(1, 0)).isEqualTo("1 mention in November 2026 (none in October).");
		assertThat(say.volume(0, 0)).isEqualTo("No mentions in November 2026, nor in October.");
		assertThat(say.sentiment(1, new BoardFigures.Sentiment(0, 1, 0, Optional.empty()), BoardFigures.Sentiment.NONE))
			.isEqualTo(
					"Sentiment of the mention judged: 0% positive, 100% negative; none judged in October to compare with.");
	}

	@Test
	void theTopMentionsAreTheWidestReachingInTheOrderGivenUpToTheLimit() {
		List<Mention> widest = List.of(mention("1", "Night buses are back"), mention("2", "Fares up again"),
				mention("3", "Lovely driver"));

		Digest digest = DigestComposer.composeBoard(BoardCase.ORGANIZATION, new Audience.Board(BoardCase.BOARD),
				BoardCase.NOVEMBER, BoardMonth.silent(), BoardMonth.silent(), widest, 2);

		assertThat(digest.figures().topMentions()).extracting(TopMention::text)
			.containsExactly("Night buses are back", "Fares up again");
	}

	private static List<org.assertj.core.groups.Tuple> pairs(Map<String, String> lines) {
		return lines.entrySet().stream().map((line) -> tuple(line.getKey(), line.getValue())).toList();
	}

	private static Mention mention(String id, String text) {
		return Mention.builder("x", id)
			.url(URI.create("https://x.com/rider/status/" + id))
			.text(text)
			.author(Author.of("rider", "Rider", 5000))
			.publishedAt(Instant.parse("2026-11-10T10:00:00Z"))
			.build();
	}

}
