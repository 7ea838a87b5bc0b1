package io.grapevine.ingest.source.x;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import io.grapevine.ingest.source.OwnedAccounts;
import io.grapevine.ingest.source.TopicQueries;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.OrganizationFile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class XQueryTests {

	@Test
	void quotesPhrasesKeepsHashtagsAndMentionsAsOperatorsAndLeavesOutRetweets() {
		XQuery query = XQuery.of(organization("""
				[harbor city transit, "#hctransit", "@hctransit", delay, step-free, Delay]"""));

		assertThat(query.text())
			.isEqualTo("(\"harbor city transit\" OR #hctransit OR @hctransit OR delay OR \"step-free\") -is:retweet");
		assertThat(query.dropped()).isEmpty();
	}

	@Test
	void searchesTheOrganizationsOwnAccountsFirstSoTheirRepliesAreFoundAndNotTheCompetitors() {
		XQuery query = XQuery.of(OwnedAccounts.organization());

		assertThat(query.text()).startsWith("(from:hctransit OR from:hctransit_help OR delay OR ")
			.doesNotContain("metrolink");
		assertThat(XStandardSearch.of(OwnedAccounts.organization())).hasValueSatisfying(
				(standard) -> assertThat(standard).startsWith("(from:hctransit OR from:hctransit_help"));
	}

	@Test
	void searchesForTheCompetitorsKeywordsAfterTheTopics() {
		XQuery query = XQuery.of(OrganizationFile.read(new ByteArrayInputStream("""
				name: Test Transit
				departments:
				  - id: operations
				    name: Operations
				    topics: [{id: delays, name: Delays, keywords: [delay]}]
				competitors:
				  - {id: metro-link, name: Metro Link, keywords: [metro link, "#metrolink"]}
				  - {id: ferries, name: Ferries, keywords: [ferry, delay]}
				""".getBytes(StandardCharsets.UTF_8)), "test"));

		assertThat(query.text()).isEqualTo("(delay OR \"metro link\" OR #metrolink OR ferry) -is:retweet");
	}

	@Test
	void staysWithinTheBasicTierLimitAndSaysWhichKeywordsDidNotFit() {
		StringBuilder keywords = new StringBuilder("[");
		for (int i = 0; i < 80; i++) {
			keywords.append((i > 0) ? ", " : "").append("keyword").append(i);
		}
		XQuery query = XQuery.of(organization(keywords.append("]").toString()));

		assertThat(query.text()).hasSizeLessThanOrEqualTo(512).startsWith("(keyword0 OR ").endsWith(") -is:retweet");
		assertThat(query.dropped()).isNotEmpty().contains("keyword79");
		assertThat(query.text()).doesNotContain("keyword79");
	}

	@Test
	void searchesATopicsQueryCompiledToXInsteadOfItsKeywords() {
		XQuery query = XQuery.of(TopicQueries.organization(
				"query: '\"food bank\" (volunteer OR donate) -spam'\n        keywords: [food]",
				"keywords: [delay, step-free]"));

		assertThat(query.text())
			.isEqualTo("((\"food bank\" (volunteer OR donate) -spam) OR delay OR \"step-free\") -is:retweet");
		assertThat(query.dropped()).isEmpty();
	}

	@Test
	void dropsWhatXCannotSayFromATopicsQuerySoItOnlySearchesWider() {
		XQuery query = XQuery.of(TopicQueries.organization("query: 'food NEAR/3 bank -volunteer* lang:en'",
				"query: '#FoodBank OR @CityHall'"));

		assertThat(query.text())
			.isEqualTo("((food bank lang:en) OR (#foodbank OR @cityhall OR from:cityhall)) -is:retweet");
	}

	@Test
	void fallsBackToTheKeywordsOfATopicWhoseQueryXCannotSayAndLeavesOutOneThatCannotMatchOnX() {
		XQuery query = XQuery
			.of(TopicQueries.organization("query: 'volunteer* lang:es'\n        keywords: [voluntario]",
					"query: 'bus source:reddit'\n        keywords: [bus]", "query: 'tram'"));

		assertThat(query.text()).isEqualTo("(voluntario OR (tram)) -is:retweet");
	}

	@Test
	void keepsWholeTopicQueriesUnderTheLimitAndSaysWhichDidNotFit() {
		String[] topics = new String[12];
		for (int i = 0; i < topics.length; i++) {
			topics[i] = "query: '\"harbor city line %d\" -strike -\"on time\"'".formatted(i);
		}
		XQuery query = XQuery.of(TopicQueries.organization(topics));

		assertThat(query.text()).hasSizeLessThanOrEqualTo(512)
			.startsWith("((\"harbor city line 0\" -strike -\"on time\") OR (")
			.endsWith(") -is:retweet");
		assertThat(query.dropped()).isNotEmpty().contains("(\"harbor city line 11\" -strike -\"on time\")");
		assertThat(query.text()).doesNotContain("line 11");
	}

	private static Organization organization(String keywords) {
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
		return OrganizationFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
	}

}
