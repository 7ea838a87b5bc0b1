package io.grapevine.ingest.source.reddit;

import io.grapevine.ingest.source.Declared;
import io.grapevine.ingest.source.TopicQueries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedditQueryTests {

	@Test
	void quotesPhrasesAndOrsTheKeywordsOfTopicsWithoutAQuery() {
		RedditQuery query = RedditQuery.of(Declared.organization("[delay, harbor city, \"#hctransit\", Delay]"));

		assertThat(query.text()).isEqualTo("delay OR \"harbor city\" OR #hctransit");
		assertThat(query.dropped()).isEmpty();
	}

	@Test
	void searchesATopicsQueryCompiledToRedditInsteadOfItsKeywords() {
		RedditQuery query = RedditQuery.of(TopicQueries.organization(
				"query: '\"food bank\" (volunteer OR donate) -spam'\n        keywords: [food]", "keywords: [delay]"));

		assertThat(query.text()).isEqualTo("(\"food bank\" (volunteer OR donate) NOT spam) OR delay");
	}

	@Test
	void dropsWhatRedditCannotSaySoItOnlySearchesWider() {
		RedditQuery query = RedditQuery.of(TopicQueries.organization("query: 'food NEAR/3 bank lang:en'",
				"query: '#FoodBank -#ad author:alice'", "query: 'bus -source:reddit'"));

		assertThat(query.text()).isEqualTo("(food bank) OR (foodbank author:alice)");
	}

	@Test
	void fallsBackToTheKeywordsOfATopicWhoseQueryRedditCannotSay() {
		RedditQuery query = RedditQuery
			.of(TopicQueries.organization("query: 'volunteer* lang:es'\n        keywords: [voluntario, ayuda]"));

		assertThat(query.text()).isEqualTo("voluntario OR ayuda");
	}

	@Test
	void keepsWholeTopicQueriesUnderTheLimitAndSaysWhichDidNotFit() {
		String[] topics = new String[12];
		for (int i = 0; i < topics.length; i++) {
			topics[i] = "query: '\"harbor city line %d\" -strike -\"on time\"'".formatted(i);
		}
		RedditQuery query = RedditQuery.of(TopicQueries.organization(topics));

		assertThat(query.text()).hasSizeLessThanOrEqualTo(512)
			.startsWith("(\"harbor city line 0\" NOT strike NOT \"on time\") OR (");
		assertThat(query.dropped()).contains("(\"harbor city line 11\" NOT strike NOT \"on time\")");
		assertThat(query.text()).doesNotContain("line 11");
	}

}
