package io.grapevine.ingest.source.hackernews;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import io.grapevine.listening.organization.OrganizationFile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HackerNewsQueryTests {

	@Test
	void quotesPhrasesAndMakesEveryKeywordEnoughOnItsOwn() {
		HackerNewsQuery query = queryOf("[harbor city transit, \"#hctransit\", delay, step-free, Delay]");

		assertThat(query.text()).isEqualTo("\"harbor city transit\" #hctransit delay step-free");
		assertThat(query.optionalWords()).contains("harbor city transit,#hctransit,delay,step-free");
		assertThat(query.dropped()).isEmpty();
	}

	@Test
	void staysWithinAlgoliasQueryLengthAndSaysWhichKeywordsDidNotFit() {
		StringBuilder keywords = new StringBuilder("[");
		for (int i = 0; i < 80; i++) {
			keywords.append((i > 0) ? ", " : "").append("keyword").append(i);
		}
		HackerNewsQuery query = queryOf(keywords.append("]").toString());

		assertThat(query.text()).hasSizeLessThanOrEqualTo(512).startsWith("keyword0 keyword1 ");
		assertThat(query.dropped()).contains("keyword79");
		assertThat(query.optionalWords()).hasValueSatisfying((words) -> assertThat(words).doesNotContain("keyword79"));
	}

	@Test
	void sendsAConfiguredQueryAsWritten() {
		HackerNewsQuery query = HackerNewsQuery.of("  \"harbor city\" -bus ");

		assertThat(query.text()).isEqualTo("\"harbor city\" -bus");
		assertThat(query.optionalWords()).isEmpty();
	}

	static HackerNewsQuery queryOf(String keywords) {
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
		return HackerNewsQuery
			.of(OrganizationFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test"));
	}

}
