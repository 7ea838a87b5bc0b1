package io.grapevine.listening.query.dialect;

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
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.query.ListeningQuery;

import static org.assertj.core.api.Assertions.assertThat;

class DialectsTests {

	private static final Map<String, Function<ListeningQuery, List<String>>> DIALECTS = Map.of("x", XDialect::compile,
			"reddit", RedditDialect::compile, "bluesky", BlueskyDialect::compile, "hackernews",
			HackerNewsDialect::compile, "youtube", YouTubeDialect::compile);

	@Test
	void everyMentionOfTheMatchingTableThatAQueryMatchesIsFoundByEveryDialectQueryOfItsSource() {
		List<String[]> rows = rows();
		assertThat(rows).hasSizeGreaterThanOrEqualTo(150);
		List<String> missed = new ArrayList<>();
		int checked = 0;
		for (String[] row : rows) {
			ListeningQuery query = ListeningQuery.parse(row[0]);
			for (Map.Entry<String, Function<ListeningQuery, List<String>>> dialect : DIALECTS.entrySet()) {
				Mention mention = mention(row, dialect.getKey());
				if (!query.matches(mention)) {
					continue;
				}
				checked++;
				List<String> compiled = dialect.getValue().apply(query);
				if (compiled.stream().noneMatch((one) -> DialectSemantics.matches(one, mention))) {
					missed.add(dialect.getKey() + ": " + row[0] + " -> " + compiled + " misses '" + row[1] + "'");
				}
			}
		}
		assertThat(checked).isGreaterThan(500);
		assertThat(missed).isEmpty();
	}

	@Test
	void aDialectQueryLeavesOutMentionsTheQueryDoesNotMatchWhereItCanSayWhy() {
		// The dialects are useful only if they narrow: count the mentions of the table
		// the
		// X and Reddit queries leave out, all of which the listening query leaves out
		// too.
		List<String[]> rows = rows();
		for (String source : List.of("x", "reddit", "bluesky", "hackernews", "youtube")) {
			long excluded = rows.stream().filter((row) -> {
				ListeningQuery query = ListeningQuery.parse(row[0]);
				Mention mention = mention(row, source);
				return DIALECTS.get(source)
					.apply(query)
					.stream()
					.noneMatch((one) -> DialectSemantics.matches(one, mention));
			}).count();
			long notMatching = rows.stream()
				.filter((row) -> !ListeningQuery.parse(row[0]).matches(mention(row, source)))
				.count();
			System.out.printf("%s dialect: leaves out %d of the %d table mentions the query does not match%n", source,
					excluded, notMatching);
			assertThat(excluded).as(source).isPositive().isLessThanOrEqualTo(notMatching);
		}
	}

	@Test
	void xKeepsWordsPhrasesOrNotHashtagsHandlesAndLanguage() {
		assertThat(x("\"food bank\" (volunteer OR donate) -spam"))
			.containsExactly("\"food bank\" (volunteer OR donate) -spam");
		assertThat(x("#FoodBank OR @CityHall lang:EN"))
			.containsExactly("#foodbank OR ((@cityhall OR from:cityhall) lang:en)");
		assertThat(x("bus author:@Alice -lang:de")).containsExactly("bus from:alice -lang:de");
		assertThat(x("Crème Brûlée")).containsExactly("creme brulee");
		assertThat(x("東京 遅延")).containsExactly("\"東京\" \"遅延\"");
	}

	@Test
	void whatASourceCannotSayIsDroppedWhichOnlyWidensTheQuery() {
		assertThat(x("food NEAR/3 bank")).containsExactly("food bank");
		assertThat(x("volunteer* bus")).containsExactly("bus");
		assertThat(x("bus site:example.org topic:delays sentiment:negative")).containsExactly("bus");
		assertThat(x("bus -volunteer*")).containsExactly("bus");
		assertThat(x("bus -\"late train\"~2")).containsExactly("bus -\"late train\"");
		assertThat(x("bus -(late delay)")).containsExactly("bus");
	}

	@Test
	void aQueryWithNothingToSearchForIsOneEmptyQueryAndOneThatCannotMatchIsNone() {
		assertThat(x("volunteer*")).containsExactly("");
		assertThat(x("lang:es")).containsExactly("");
		assertThat(x("sentiment:negative -spam")).containsExactly("");
		assertThat(x("bus source:reddit")).isEmpty();
		assertThat(reddit("bus source:reddit")).containsExactly("bus");
		assertThat(reddit("bus -source:reddit")).isEmpty();
		assertThat(x("bus -source:reddit")).containsExactly("bus");
	}

	@Test
	void aLongXQueryIsSplitAtItsOrsIntoQueriesOfAtMost512Characters() {
		String words = IntStream.range(0, 120).mapToObj((i) -> "word" + i).collect(Collectors.joining(" OR "));
		List<String> compiled = x("(" + words + ") -spam");
		assertThat(compiled).hasSizeGreaterThan(1).allSatisfy((one) -> assertThat(one).hasSizeLessThanOrEqualTo(512));
		assertThat(String.join(" ", compiled)).contains("word0 ", "word119");
		List<String> conjunction = x(
				IntStream.range(0, 120).mapToObj((i) -> "word" + i).collect(Collectors.joining(" ")));
		assertThat(conjunction).singleElement()
			.satisfies((one) -> assertThat(one).hasSizeLessThanOrEqualTo(512).startsWith("word0 "));
	}

	@Test
	void redditWritesNotAndAuthorAndSearchesHashtagsAsWords() {
		assertThat(reddit("(bus OR train) -late")).containsExactly("(bus OR train) NOT late");
		assertThat(reddit("#FoodBank -#ad author:alice")).containsExactly("foodbank author:alice");
		assertThat(reddit("@cityhall lang:en")).containsExactly("cityhall OR author:cityhall");
	}

	@Test
	void blueskyHasNoOrSoAnOrBecomesSeveralQueries() {
		assertThat(BlueskyDialect.compile(ListeningQuery.parse("(bus OR train) late -strike lang:en")))
			.containsExactly("bus late -strike lang:en", "train late -strike lang:en");
		assertThat(BlueskyDialect.compile(ListeningQuery.parse("@cityhall #transit")))
			.containsExactly("mentions:cityhall #transit", "from:cityhall #transit");
		assertThat(BlueskyDialect.compile(ListeningQuery.parse("bus -\"on time\""))).containsExactly("bus");
	}

	@Test
	void aSplitBeyondTenQueriesDropsTheLargestOr() {
		List<String> compiled = BlueskyDialect
			.compile(ListeningQuery.parse("(a1 OR a2 OR a3 OR a4 OR a5 OR a6) (b1 OR b2) late"));
		assertThat(compiled).containsExactly("b1 late", "b2 late");
	}

	@Test
	void hackerNewsKeepsPhrasesAndExcludedWordsAndSplitsOr() {
		assertThat(HackerNewsDialect.compile(ListeningQuery.parse("\"rust compiler\" (fast OR slow) -java")))
			.containsExactly("\"rust compiler\" fast -java", "\"rust compiler\" slow -java");
		assertThat(HackerNewsDialect.compile(ListeningQuery.parse("#rust @dtolnay -#ad"))).containsExactly("rust");
	}

	@Test
	void youTubeJoinsAlternativeWordsWithABarAndSearchesPhrasesAsWords() {
		assertThat(YouTubeDialect.compile(ListeningQuery.parse("bus OR train OR tram")))
			.containsExactly("bus|train|tram");
		assertThat(YouTubeDialect.compile(ListeningQuery.parse("\"food bank\" -spam OR volunteer")))
			.containsExactly("volunteer", "food bank -spam");
	}

	private static List<String> x(String query) {
		return XDialect.compile(ListeningQuery.parse(query));
	}

	private static List<String> reddit(String query) {
		return RedditDialect.compile(ListeningQuery.parse(query));
	}

	// The row's mention, as the given source would have delivered it.
	private static Mention mention(String[] row, String source) {
		String lang = row[3];
		Mention mention = Mention.builder(source, "1")
			.url(URI.create(row[6].isEmpty() ? "https://example.com/posts/1" : row[6]))
			.text(row[1])
			.author(Author.of(row[5].isEmpty() ? "someone" : row[5]))
			.publishedAt(Instant.parse("2026-01-01T00:00:00Z"))
			.language(lang.isEmpty() ? null : lang)
			.build();
		return row[7].isEmpty() ? mention : mention.withTags(List.of(row[7].split(",")), List.of());
	}

	private static List<String[]> rows() {
		try (InputStream in = DialectsTests.class.getResourceAsStream("/query/cases.tsv");
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			List<String[]> rows = new ArrayList<>();
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.isBlank() || line.startsWith("//")) {
					continue;
				}
				String[] columns = Arrays.copyOf(line.split("\t", -1), 8);
				for (int i = 0; i < columns.length; i++) {
					columns[i] = (columns[i] != null) ? columns[i] : "";
				}
				rows.add(columns);
			}
			return rows;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
