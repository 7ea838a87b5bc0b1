package io.grapevine.digest.composition;

import java.net.URI;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Competitor;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;

import static org.assertj.core.api.Assertions.assertThat;

class BoardComposerTests {

	private static final ZoneId LONDON = ZoneId.of("Europe/London");

	private static final BoardPeriod NOVEMBER = new BoardPeriod(YearMonth.of(2026, 11), LONDON);

	private static final Department BOARD = new Department(Organization.BOARD, "Board", LONDON, LocalTime.of(8, 0),
			List.of("board@example.org"), Optional.empty(), Optional.empty(), List.of());

	private final Organization organization = new Organization("Harbor City Transit",
			List.of(department("operations", "Operations"), department("communications", "Communications")), List.of(),
			Organization.DEFAULT_LANGUAGES, Optional.empty(),
			List.of(new Competitor("metro-link", "Metro Link", List.of("metro link")),
					new Competitor("bay-ferries", "Bay Ferries", List.of("ferry"))),
			Optional.of(BOARD));

	@Test
	void volumeAndSentimentAreSetAgainstLastMonthInFiguresAndWords() {
		BoardDigest digest = compose(month(600, sentiment(200, 120, 180), Map.of(), Map.of()),
				month(500, sentiment(150, 150, 100), Map.of(), Map.of()));

		assertThat(digest.subject()).isEqualTo("Harbor City Transit · board digest · November 2026 · 600 mentions");
		assertThat(digest.recipients()).containsExactly("board@example.org");
		BoardFigures figures = digest.figures();
		assertThat(figures.total()).isEqualTo(600);
		assertThat(figures.previousTotal()).isEqualTo(500);
		assertThat(figures.change()).isEqualTo("up 20% on October");
		assertThat(figures.sentiment().negativePercent()).isEqualTo(24);
		assertThat(figures.previousSentiment().negativePercent()).isEqualTo(38);
		assertThat(figures.sentimentChange()).isEqualTo("24% negative, down from 38% in October");
	}

	@Test
	void theShareOfVoiceListsTheOrganizationThenEveryCompetitorWithItsShareAndItsMoveInPoints() {
		BoardDigest digest = compose(
				month(600, sentiment(200, 120, 180), Map.of("metro-link", 300L, "bay-ferries", 100L), Map.of()),
				month(500, sentiment(150, 150, 100), Map.of("metro-link", 500L), Map.of()));

		List<BoardFigures.Voice> voices = digest.figures().shareOfVoice();
		assertThat(voices).extracting(BoardFigures.Voice::key)
			.containsExactly(BoardComposer.ORGANIZATION, "metro-link", "bay-ferries");
		assertThat(voices).extracting(BoardFigures.Voice::name)
			.containsExactly("Harbor City Transit", "Metro Link", "Bay Ferries");
		// 600 of 1000 this month, 500 of 1000 last month.
		assertThat(voices.get(0).percent()).isEqualTo(60);
		assertThat(voices.get(0).previousPercent()).isEqualTo(50);
		assertThat(voices.get(0).change()).isEqualTo("up 10 points on October");
		assertThat(voices.get(0).organization()).isTrue();
		assertThat(voices.get(1).percent()).isEqualTo(30);
		assertThat(voices.get(1).change()).isEqualTo("down 20 points on October");
		assertThat(voices.get(2).mentions()).isEqualTo(100);
		assertThat(voices.get(2).previousMentions()).isZero();
		assertThat(voices.get(2).change()).isEqualTo("up 10 points on October");
	}

	@Test
	void aSilentMonthBeforeSaysNobodyWasHeardRatherThanAChange() {
		BoardDigest digest = compose(month(10, sentiment(1, 1, 1), Map.of("metro-link", 10L), Map.of()),
				BoardMonth.silent());

		assertThat(digest.figures().change()).isEqualTo("no mentions in October");
		assertThat(digest.figures().sentimentChange()).isEqualTo("33% negative; none judged in October");
		assertThat(digest.figures().shareOfVoice())
			.allSatisfy((voice) -> assertThat(voice.change()).isEqualTo("nobody was heard in October"));
	}

	@Test
	void everyDepartmentIsListedInFileOrderWithItsMonthAndSentimentEvenWhenSilent() {
		BoardDigest digest = compose(
				month(90, sentiment(0, 0, 0), Map.of(),
						Map.of("operations", new BoardMonth.Count(80, sentiment(10, 40, 30)))),
				month(50, sentiment(0, 0, 0), Map.of(),
						Map.of("operations", new BoardMonth.Count(40, sentiment(10, 10, 20)), "communications",
								new BoardMonth.Count(10, sentiment(0, 0, 0)))));

		assertThat(digest.figures().departments()).extracting(BoardFigures.DepartmentMonth::id)
			.containsExactly("operations", "communications");
		BoardFigures.DepartmentMonth operations = digest.figures().departments().get(0);
		assertThat(operations.mentions()).isEqualTo(80);
		assertThat(operations.previousMentions()).isEqualTo(40);
		assertThat(operations.change()).isEqualTo("up 100% on October");
		assertThat(operations.sentiment().negativePercent()).isEqualTo(50);
		BoardFigures.DepartmentMonth communications = digest.figures().departments().get(1);
		assertThat(communications.mentions()).isZero();
		assertThat(communications.change()).isEqualTo("down 100% on October");
		assertThat(digest.figures().sentimentChange()).isEqualTo("no mention judged for sentiment");
	}

	@Test
	void theTopMentionsAreTheWidestReachingInTheOrderGivenUpToTheLimit() {
		List<Mention> widest = List.of(mention("1", "Night buses are back"), mention("2", "Fares up again"),
				mention("3", "Lovely driver"));

		BoardDigest digest = BoardComposer.compose(this.organization, BOARD, NOVEMBER,
				month(3, sentiment(1, 1, 1), Map.of(), Map.of()), BoardMonth.silent(), widest, 2);

		assertThat(digest.figures().topMentions()).extracting(TopMention::text)
			.containsExactly("Night buses are back", "Fares up again");
	}

	private BoardDigest compose(BoardMonth current, BoardMonth before) {
		return BoardComposer.compose(this.organization, BOARD, NOVEMBER, current, before, List.of(), 5);
	}

	private static BoardMonth month(long total, BoardFigures.Sentiment sentiment, Map<String, Long> competitors,
			Map<String, BoardMonth.Count> departments) {
		Map<String, BoardMonth.Count> voices = new java.util.HashMap<>();
		competitors.forEach((id, count) -> voices.put(id, new BoardMonth.Count(count, BoardFigures.Sentiment.NONE)));
		return new BoardMonth(new BoardMonth.Count(total, sentiment), voices, departments);
	}

	private static BoardFigures.Sentiment sentiment(long positive, long negative, long neutral) {
		return new BoardFigures.Sentiment(positive, negative, neutral, Optional.empty());
	}

	private static Department department(String id, String name) {
		return new Department(id, name, LONDON, LocalTime.of(8, 0), List.of(), Optional.empty(), Optional.empty(),
				List.of(new Topic(id + "-topic", name, id, List.of(id))));
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
