package io.grapevine.listening.query;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.Repost;

import static org.assertj.core.api.Assertions.assertThat;

class ListeningQueryMatchingTests {

	private static final String CASES = "/query/cases.tsv";

	@ParameterizedTest(name = "[{index}] {0}  ~  {1}  ->  {2}")
	@MethodSource("cases")
	void aQueryMatchesAMentionAsTheTableSays(String query, String text, boolean expected, Mention mention) {
		assertThat(ListeningQuery.parse(query).matches(mention)).as("%s against '%s'", query, text).isEqualTo(expected);
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("cases")
	void theNormalisedFormOfEveryQueryInTheTableMatchesTheSame(String query, String text, boolean expected,
			Mention mention) {
		ListeningQuery normalised = ListeningQuery.parse(ListeningQuery.parse(query).toString());
		assertThat(normalised).isEqualTo(ListeningQuery.parse(query));
		assertThat(normalised.matches(mention)).isEqualTo(expected);
	}

	@Test
	void theTableHoldsAtLeastOneHundredAndFiftyCases() {
		assertThat(cases()).hasSizeGreaterThanOrEqualTo(150);
	}

	@Test
	void aSentimentSuppliedWithTheMentionIsMatched() {
		Mention mention = mention("the bus is late again", "", "", "", "", "");
		ListeningQuery query = ListeningQuery.parse("bus sentiment:negative");
		assertThat(query.matches(MatchContext.of(mention, Optional.of(Sentiment.NEGATIVE)))).isTrue();
		assertThat(query.matches(MatchContext.of(mention, Optional.of(Sentiment.POSITIVE)))).isFalse();
		assertThat(query.matches(MatchContext.of(mention))).isFalse();
	}

	@Test
	void aMentionThatPassesAPostOnIsMatchedByHowItDoesAndByItsOriginal() {
		Mention quote = Mention.builder("x", "1460323737035677699")
			.url(URI.create("https://x.com/i/web/status/1460323737035677699"))
			.text("The bus is late again, as this says")
			.author(Author.of("commuter"))
			.publishedAt(Instant.parse("2026-01-01T00:00:00Z"))
			.repostOf("x:1460323737035677698", Repost.Kind.QUOTE)
			.build();
		Mention original = mention("the bus is late again", "", "x", "", "", "");
		assertThat(ListeningQuery.parse("bus is:quote").matches(quote)).isTrue();
		assertThat(ListeningQuery.parse("bus is:quote").matches(original)).isFalse();
		assertThat(ListeningQuery.parse("bus -is:quote").matches(original)).isTrue();
		assertThat(ListeningQuery.parse("is:repost OR is:crosspost").matches(quote)).isFalse();
		assertThat(ListeningQuery.parse("repost-of:x:1460323737035677698").matches(quote)).isTrue();
		// Ids are compared as written: another post, or the id in another case, is not
		// it.
		assertThat(ListeningQuery.parse("repost-of:x:146032373703567769").matches(quote)).isFalse();
		assertThat(ListeningQuery.parse("repost-of:X:1460323737035677698").matches(quote)).isFalse();
		assertThat(ListeningQuery.parse("repost-of:x:1460323737035677698").matches(original)).isFalse();
	}

	@Test
	void oneAnalysedMentionIsMatchedAgainstManyQueries() {
		Mention mention = mention("Volunteers needed at the Food Bank #FoodBank, thanks @cityhall", "en", "", "", "",
				"");
		MatchContext context = MatchContext.of(mention);
		List<ListeningQuery> queries = topicQueries(200);
		long matching = queries.stream().filter((query) -> query.matches(context)).count();
		assertThat(matching).isPositive().isLessThan(200);
	}

	// Prints the time only: timing assertions would fail on a busy build machine.
	@Test
	void matchingOneMentionAgainstTwoHundredQueriesIsMeasured() {
		List<ListeningQuery> queries = topicQueries(200);
		List<Mention> mentions = List.of(
				mention("Volunteers needed at the Food Bank downtown #FoodBank, thanks @cityhall for the help with the"
						+ " Saturday distribution. Bring boxes! https://example.org/volunteer", "en", "", "", "", ""),
				mention("Retraso en la línea 3 otra vez, el metro va lleno y no hay señal en la estación", "es", "", "",
						"", ""),
				mention("東京駅で遅延が発生しています。ボランティアの皆さんありがとうございます", "ja", "", "", "", ""));
		int rounds = 30_000;
		long matched = 0;
		long analysing = 0;
		long matching = 0;
		for (int round = 0; round < rounds * 2; round++) {
			long started = System.nanoTime();
			MatchContext context = MatchContext.of(mentions.get(round % mentions.size()));
			long analysed = System.nanoTime();
			for (ListeningQuery query : queries) {
				matched += query.matches(context) ? 1 : 0;
			}
			if (round >= rounds) {
				analysing += analysed - started;
				matching += System.nanoTime() - analysed;
			}
		}
		System.out.printf("per mention: analysing %.1f µs, matching %d queries %.1f µs (%d matches in all)%n",
				analysing / 1_000.0 / rounds, queries.size(), matching / 1_000.0 / rounds, matched);
		assertThat(matched).isPositive();
	}

	private static List<ListeningQuery> topicQueries(int count) {
		String[] shapes = { "%s", "\"%s bank\" -spam", "%s* OR #%s", "(%s OR delay) lang:en", "%s NEAR/5 food",
				"@%s OR author:%s", "\"%s volunteers\"~3 -(ad OR promo)", "%s site:example.org" };
		String[] words = { "volunteer", "food", "bus", "metro", "señal", "retraso", "cityhall", "donation", "shelter",
				"transit", "ボランティア", "help", "saturday", "boxes", "línea" };
		List<ListeningQuery> queries = new ArrayList<>();
		for (int i = 0; queries.size() < count; i++) {
			String word = words[i % words.length] + ((i < words.length * shapes.length) ? "" : (i % 7 == 0) ? "" : i);
			String shape = shapes[(i / words.length) % shapes.length];
			queries.add(ListeningQuery.parse(shape.replace("%s", word)));
		}
		return queries;
	}

	static List<Arguments> cases() {
		try (InputStream in = ListeningQueryMatchingTests.class.getResourceAsStream(CASES)) {
			assertThat(in).as(CASES).isNotNull();
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			List<Arguments> cases = new ArrayList<>();
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.isBlank() || line.startsWith("//")) {
					continue;
				}
				String[] columns = Arrays.copyOf(line.split("\t", -1), 8);
				for (int i = 0; i < columns.length; i++) {
					columns[i] = (columns[i] != null) ? columns[i] : "";
				}
				assertThat(columns[2]).as("expected column of: " + line).isIn("true", "false");
				cases.add(Arguments.of(columns[0], columns[1], Boolean.parseBoolean(columns[2]),
						mention(columns[1], columns[3], columns[4], columns[5], columns[6], columns[7])));
			}
			return cases;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Mention mention(String text, String lang, String source, String author, String url, String topics) {
		Mention mention = Mention.builder(orDefault(source, "demo"), "1")
			.url(URI.create(orDefault(url, "https://example.com/posts/1")))
			.text(text)
			.author(Author.of(orDefault(author, "someone")))
			.publishedAt(Instant.parse("2026-01-01T00:00:00Z"))
			.language(lang.isEmpty() ? null : lang)
			.build();
		return topics.isEmpty() ? mention : mention.withTags(List.of(topics.split(",")), List.of());
	}

	private static String orDefault(String value, String fallback) {
		return value.isEmpty() ? fallback : value;
	}

}
