package io.grapevine.ingest.source.youtube;

import io.grapevine.ingest.source.Declared;
import io.grapevine.ingest.source.TopicQueries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class YouTubeSearchTermsTests {

	@Test
	void joinsTheWordsOfEveryTopicsQueryWithYouTubesOr() {
		assertThat(YouTubeSearchTerms
			.of(TopicQueries.organization("query: 'bus OR tram OR Bus'", "query: '#hctransit OR \"42\"'")))
			.contains("bus|tram|hctransit|42");
	}

	@Test
	void sendsTheOneQueryOfASingleTopicAsCompiled() {
		assertThat(YouTubeSearchTerms.of(TopicQueries.organization("query: 'bus late -strike'")))
			.contains("bus late -strike");
	}

	@Test
	void leavesOutATopicThatCannotMatchOnYouTube() {
		assertThat(YouTubeSearchTerms
			.of(TopicQueries.organization("query: 'bus late -strike'", "query: 'tram source:reddit'")))
			.contains("bus late -strike");
	}

	@Test
	void sendsNoneWhenATopicHasOnlyKeywords() {
		assertThat(YouTubeSearchTerms.of(TopicQueries.organization("query: 'bus'", "keywords: [tram]"))).isEmpty();
		assertThat(YouTubeSearchTerms.of(Declared.organization("[bus, tram]"))).isEmpty();
	}

	@Test
	void sendsNoneWhenAQueryCannotBeSaidToYouTube() {
		assertThat(YouTubeSearchTerms.of(TopicQueries.organization("query: 'bus'",
				"query: 'volunteer* lang:es'\n        keywords: [voluntario]")))
			.isEmpty();
	}

	@Test
	void sendsNoneWhenOringTheQueriesWouldNarrowThem() {
		assertThat(YouTubeSearchTerms.of(TopicQueries.organization("query: 'bus late'", "query: 'tram'"))).isEmpty();
		assertThat(YouTubeSearchTerms.of(TopicQueries.organization("query: '(bus OR tram) late'"))).isEmpty();
		assertThat(YouTubeSearchTerms.of(TopicQueries.organization("query: 'bus -strike'", "query: 'tram'"))).isEmpty();
	}

	@Test
	void sendsNoneWhenTheTermsWouldBeLongerThanYouTubeTakes() {
		String[] topics = new String[120];
		for (int i = 0; i < topics.length; i++) {
			topics[i] = "query: 'word" + i + "'";
		}

		assertThat(YouTubeSearchTerms.of(TopicQueries.organization(topics))).isEmpty();
	}

}
