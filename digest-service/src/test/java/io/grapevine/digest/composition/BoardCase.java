package io.grapevine.digest.composition;

import java.net.URI;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.grapevine.digest.audience.Audience;
import io.grapevine.digest.audience.Period;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Competitor;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;

/**
 * The months a board digest must read right for, each with every sentence the digest says
 * of it: November 2026 against October, for an organization with two departments and two
 * competitors.
 */
public enum BoardCase {

	/** Nothing at all was said in November; October had its mentions. */
	NO_DATA_IN_THE_MONTH(BoardMonth.silent(),
			month(count(500, 150, 150, 100), Map.of("metro-link", count(500)),
					Map.of("operations", count(300, 100, 100, 100), "communications", count(200))),
			"No mentions in November 2026, against 500 in October.", "no mentions",
			"No mention in November to judge for sentiment.",
			lines("no mentions in November, against 50% of voices in October",
					"no mentions in November, against 50% of voices in October",
					"no mentions in November, nor in October"),
			lines("no mentions in November, against 300 in October",
					"no mentions in November, against 200 in October")),

	/** Mentions in both months, none judged for sentiment. */
	NONE_JUDGED(month(count(300), Map.of("metro-link", count(100)), Map.of("operations", count(300))),
			month(count(300), Map.of("metro-link", count(300)), Map.of("operations", count(300))),
			"300 mentions in November 2026, as many as in October.", "as many as in October",
			"None of November's mentions was judged for sentiment.",
			lines("75% (300 mentions), up 25 points from 50% in October; none judged for sentiment",
					"25% (100 mentions), down 25 points from 50% in October; none judged for sentiment",
					"no mentions in November, nor in October"),
			lines("300 mentions, as many as in October; none judged for sentiment",
					"no mentions in November, nor in October")),

	/** A competitor heard in October and not in November. */
	COMPETITOR_WITH_NO_MENTION(
			month(count(600, 200, 120, 180), Map.of("metro-link", count(400, 40, 40, 20)),
					Map.of("operations", count(600, 200, 120, 180))),
			month(count(500, 150, 150, 100), Map.of("metro-link", count(500), "bay-ferries", count(100)),
					Map.of("operations", count(500))),
			"600 mentions in November 2026, up 20% from 500 in October.", "up 20% from October",
			"Sentiment of the 500 mentions judged: 40% positive, 24% negative; negative down from 38% in October.",
			lines("60% (600 mentions), up 15 points from 45% in October; 40% positive, 24% negative",
					"40% (400 mentions), down 5 points from 45% in October; 40% positive, 40% negative",
					"no mentions in November, against 9% of voices in October"),
			lines("600 mentions, up 20% from 500 in October; 40% positive, 24% negative",
					"no mentions in November, nor in October")),

	/**
	 * More mentions, a larger negative share and a larger share of voice than in October;
	 * a competitor and a department heard for the first time.
	 */
	RISE(month(count(600, 150, 300, 150), Map.of("metro-link", count(300), "bay-ferries", count(100)),
			Map.of("operations", count(400, 100, 200, 100), "communications", count(200))),
			month(count(500, 150, 100, 250), Map.of("metro-link", count(500)), Map.of("operations", count(300))),
			"600 mentions in November 2026, up 20% from 500 in October.", "up 20% from October",
			"Sentiment of the 600 mentions judged: 25% positive, 50% negative; negative up from 20% in October.",
			lines("60% (600 mentions), up 10 points from 50% in October; 25% positive, 50% negative",
					"30% (300 mentions), down 20 points from 50% in October; none judged for sentiment",
					"10% (100 mentions), up from no mentions in October; none judged for sentiment"),
			lines("400 mentions, up 33% from 300 in October; 25% positive, 50% negative",
					"200 mentions (none in October); none judged for sentiment")),

	/** Fewer mentions, a smaller negative share and a smaller share of voice. */
	FALL(month(count(400, 200, 40, 160), Map.of("metro-link", count(600)),
			Map.of("operations", count(200, 100, 20, 80), "communications", count(200, 50, 50, 100))),
			month(count(500, 150, 150, 100), Map.of("metro-link", count(500)),
					Map.of("operations", count(250), "communications", count(250))),
			"400 mentions in November 2026, down 20% from 500 in October.", "down 20% from October",
			"Sentiment of the 400 mentions judged: 50% positive, 10% negative; negative down from 38% in October.",
			lines("40% (400 mentions), down 10 points from 50% in October; 50% positive, 10% negative",
					"60% (600 mentions), up 10 points from 50% in October; none judged for sentiment",
					"no mentions in November, nor in October"),
			lines("200 mentions, down 20% from 250 in October; 50% positive, 10% negative",
					"200 mentions, down 20% from 250 in October; 25% positive, 25% negative"));

	/** The board's zone. */
	public static final ZoneId LONDON = ZoneId.of("Europe/London");

	/** The month every case covers. */
	public static final Period NOVEMBER = Period.month(YearMonth.of(2026, 11), LONDON);

	/** The board. */
	public static final Department BOARD = new Department(Organization.BOARD, "Board", LONDON, LocalTime.of(8, 0),
			List.of("board@example.org"), Optional.empty(), Optional.empty(), List.of());

	/** The organization, its departments and its competitors in file order. */
	public static final Organization ORGANIZATION = new Organization("Harbor City Transit",
			List.of(department("operations", "Operations"), department("communications", "Communications")), List.of(),
			Organization.DEFAULT_LANGUAGES, Optional.empty(),
			List.of(new Competitor("metro-link", "Metro Link", List.of("metro link")),
					new Competitor("bay-ferries", "Bay Ferries", List.of("ferry"))),
			Optional.of(BOARD));

	private final BoardMonth current;

	private final BoardMonth before;

	private final String volume;

	private final String change;

	private final String sentiment;

	private final Map<String, String> voices;

	private final Map<String, String> departments;

	BoardCase(BoardMonth current, BoardMonth before, String volume, String change, String sentiment,
			List<String> voices, List<String> departments) {
		this.current = current;
		this.before = before;
		this.volume = volume;
		this.change = change;
		this.sentiment = sentiment;
		this.voices = named(List.of("Harbor City Transit", "Metro Link", "Bay Ferries"), voices);
		this.departments = named(List.of("Operations", "Communications"), departments);
	}

	/**
	 * The case's digest, with one widest-reaching mention when the month has any.
	 * @return the composed digest
	 */
	public Digest digest() {
		List<Mention> widest = (this.current.organization().mentions() > 0)
				? List.of(mention("9001", "Night buses are back")) : List.of();
		return DigestComposer.composeBoard(ORGANIZATION, new Audience.Board(BOARD), NOVEMBER, this.current, this.before,
				widest, 5);
	}

	/**
	 * The headline sentence.
	 * @return the volume against October
	 */
	public String volume() {
		return this.volume;
	}

	/**
	 * The change in a few words, as listings show it.
	 * @return the change
	 */
	public String change() {
		return this.change;
	}

	/**
	 * The sentiment sentence.
	 * @return how the month felt against October
	 */
	public String sentiment() {
		return this.sentiment;
	}

	/**
	 * What is said of each voice after its name, in order.
	 * @return the lines by voice name
	 */
	public Map<String, String> voices() {
		return this.voices;
	}

	/**
	 * What is said of each department after its name, in order.
	 * @return the lines by department name
	 */
	public Map<String, String> departments() {
		return this.departments;
	}

	/**
	 * Every sentence of the digest.
	 * @return the volume, the sentiment, then each voice's and each department's line
	 */
	public List<String> sentences() {
		List<String> sentences = new java.util.ArrayList<>(List.of(this.volume, this.sentiment));
		sentences.addAll(this.voices.values());
		sentences.addAll(this.departments.values());
		return sentences;
	}

	private static Map<String, String> named(List<String> names, List<String> lines) {
		Map<String, String> named = new LinkedHashMap<>();
		for (int i = 0; i < names.size(); i++) {
			named.put(names.get(i), lines.get(i));
		}
		return named;
	}

	private static List<String> lines(String... lines) {
		return List.of(lines);
	}

	private static BoardMonth month(BoardMonth.Count organization, Map<String, BoardMonth.Count> competitors,
			Map<String, BoardMonth.Count> departments) {
		return new BoardMonth(organization, new HashMap<>(competitors), new HashMap<>(departments));
	}

	private static BoardMonth.Count count(long mentions) {
		return new BoardMonth.Count(mentions, BoardFigures.Sentiment.NONE);
	}

	private static BoardMonth.Count count(long mentions, long positive, long negative, long neutral) {
		return new BoardMonth.Count(mentions,
				new BoardFigures.Sentiment(positive, negative, neutral, Optional.of(0.0)));
	}

	private static Department department(String id, String name) {
		return new Department(id, name, LONDON, LocalTime.of(8, 0), List.of(), Optional.empty(), Optional.empty(),
				List.of(new Topic(id + "-topic", name, id, List.of(id))));
	}

	static Mention mention(String id, String text) {
		return Mention.builder("x", id)
			.url(URI.create("https://x.com/rider/status/" + id))
			.text(text)
			.author(Author.of("rider", "Rider", 5000))
			.publishedAt(Instant.parse("2026-11-10T10:00:00Z"))
			.build();
	}

}
