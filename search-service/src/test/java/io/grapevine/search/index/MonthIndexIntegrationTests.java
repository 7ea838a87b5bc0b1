package io.grapevine.search.index;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import io.grapevine.search.LiveStackTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alias {@code mentions} always has the index of the current month behind it, so a
 * node that holds no mention yet answers searches and summaries as empty ones.
 */
class MonthIndexIntegrationTests extends LiveStackTestSupport {

	@Autowired
	private MentionIndexTemplate template;

	@Test
	void aMonthWithoutMentionsGetsItsIndexBehindTheAliasOnce() throws IOException {
		Instant later = Instant.parse("2099-03-15T12:00:00Z");
		String index = MonthlyIndices.indexFor(later);
		try {
			assertThat(this.template.ensureIndexFor(later).block()).isTrue();
			assertThat(this.template.ensureIndexFor(later).block()).as("created already").isFalse();
			assertThat(
					this.elasticsearch.indices().getAlias((alias) -> alias.index(index)).result().get(index).aliases())
				.containsOnlyKeys(MonthlyIndices.ALIAS);
			this.web.get()
				.uri("/api/analytics/summary?from=2099-03-01T00:00:00Z&to=2099-03-08T00:00:00Z")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.total")
				.isEqualTo(0)
				.jsonPath("$.volumeByDay.length()")
				.isEqualTo(7);
		}
		finally {
			this.elasticsearch.indices().delete((delete) -> delete.index(index).ignoreUnavailable(true));
		}
	}

	@Test
	void theCurrentMonthHasItsIndexFromStartUp() {
		// Whether or not another test has published a mention of this month yet; the
		// indexer puts it in place as it starts.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.elasticsearch.indices()
				.exists((exists) -> exists.index(MonthlyIndices.indexFor(Instant.now())))
				.value());
	}

}
