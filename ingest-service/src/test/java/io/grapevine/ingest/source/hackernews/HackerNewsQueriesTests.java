package io.grapevine.ingest.source.hackernews;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.grapevine.ingest.source.TopicQueries;
import io.grapevine.listening.organization.OrganizationFile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HackerNewsQueriesTests {

	@Test
	void quotesPhrasesAndMakesEveryKeywordEnoughOnItsOwn() {
		HackerNewsQueries queries = queriesOf("[harbor city transit, \"#hctransit\", delay, step-free, Delay]");

		assertThat(queries.queries())
			.containsExactly(new HackerNewsQuery("\"harbor city transit\" #hctransit delay step-free",
					Optional.of("harbor city transit,#hctransit,delay,step-free"), false));
		assertThat(queries.dropped()).isEmpty();
	}

	@Test
	void staysWithinAlgoliasQueryLengthAndSaysWhichKeywordsDidNotFit() {
		StringBuilder keywords = new StringBuilder("[");
		for (int i = 0; i < 80; i++) {
			keywords.append((i > 0) ? ", " : "").append("keyword").append(i);
		}
		HackerNewsQueries queries = queriesOf(keywords.append("]").toString());

		HackerNewsQuery query = queries.queries().get(0);
		assertThat(query.text()).hasSizeLessThanOrEqualTo(512).startsWith("keyword0 keyword1 ");
		assertThat(queries.dropped()).contains("keyword79");
		assertThat(query.optionalWords()).hasValueSatisfying((words) -> assertThat(words).doesNotContain("keyword79"));
	}

	@Test
	void sendsAConfiguredQueryAsWritten() {
		HackerNewsQueries queries = HackerNewsQueries.of("  \"harbor city\" -bus ");

		assertThat(queries.queries())
			.containsExactly(new HackerNewsQuery("\"harbor city\" -bus", Optional.empty(), false));
	}

	@Test
	void searchesATopicsQueryCompiledToAlgoliaWithOneQueryPerOrBranchAndTheOtherTopicsKeywords() {
		HackerNewsQueries queries = HackerNewsQueries
			.of(TopicQueries.organization("query: '(bus OR train) \"late again\" -strike'\n        keywords: [bus]",
					"keywords: [driver, depot]", "query: 'Bus \"late again\" -strike'"));

		assertThat(queries.queries()).containsExactly(
				new HackerNewsQuery("driver depot", Optional.of("driver,depot"), false),
				new HackerNewsQuery("bus \"late again\" -strike", Optional.empty(), true),
				new HackerNewsQuery("train \"late again\" -strike", Optional.empty(), true));
	}

	@Test
	void fallsBackToTheKeywordsOfAQueryAlgoliaCannotSayAndAddsNothingForOneThatCannotMatchThere() {
		HackerNewsQueries queries = HackerNewsQueries.of(TopicQueries.organization(
				"query: 'volunteer* lang:es'\n        keywords: [voluntario]", "query: 'bus -source:hackernews'"));

		assertThat(queries.texts()).containsExactly("voluntario");
	}

	@Test
	void hasNothingToSearchWhenNoTopicCanMatchOnHackerNews() {
		assertThat(HackerNewsQueries.of(TopicQueries.organization("query: 'bus source:reddit'")).queries()).isEmpty();
	}

	static HackerNewsQueries queriesOf(String keywords) {
		String yaml = """
				name: Test Transit
				departments:
				  - id: operations
				    name: Operations
				    topics:
				      - id: delays
				        name: Delays
				        keywords: %s
				""".formatted(keywords);
		return HackerNewsQueries
			.of(OrganizationFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test"));
	}

}
