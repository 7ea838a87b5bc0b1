package io.grapevine.ingest.source.bluesky;

import io.grapevine.ingest.source.Declared;
import io.grapevine.ingest.source.OwnedAccounts;
import io.grapevine.ingest.source.TopicQueries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BlueskyQueriesTests {

	@Test
	void searchesEachKeywordOfTopicsWithoutAQueryOnItsOwn() {
		assertThat(BlueskyQueries.of(Declared.organization("[delay, harbor city, \"#hctransit\", Delay]")))
			.containsExactly("delay", "\"harbor city\"", "#hctransit");
	}

	@Test
	void searchesTheOrganizationsOwnAccountsByHandleFirst() {
		assertThat(BlueskyQueries.of(OwnedAccounts.organization())).startsWith("from:hctransit.bsky.social", "delay")
			.noneMatch((query) -> query.contains("did:"));
	}

	@Test
	void searchesATopicsQueryCompiledToBlueskyWithOneQueryPerOrBranch() {
		assertThat(BlueskyQueries.of(TopicQueries.organization(
				"query: '(bus OR train) late -strike lang:en'\n        keywords: [bus]", "keywords: [driver]")))
			.containsExactly("bus late -strike lang:en", "train late -strike lang:en", "driver");
	}

	@Test
	void dropsWhatBlueskyCannotSaySoItOnlySearchesWider() {
		assertThat(BlueskyQueries.of(TopicQueries.organization("query: 'food NEAR/3 bank -\"on time\"'",
				"query: 'bus -source:bluesky'", "query: 'volunteer* lang:es'\n        keywords: [voluntario]")))
			.containsExactly("food bank", "voluntario");
	}

}
