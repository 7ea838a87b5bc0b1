package io.grapevine.ingest.source.x;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

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
