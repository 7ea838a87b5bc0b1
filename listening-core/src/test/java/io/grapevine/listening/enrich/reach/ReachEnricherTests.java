package io.grapevine.listening.enrich.reach;

import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReachEnricherTests {

	private final ReachEnricher enricher = new ReachEnricher();

	@Test
	void ranksMentionsInTheOrderACommsTeamWouldLookAtThem() {
		List<Mention> mentions = List.of(mention("x", "fresh_account", 3L, Engagement.NONE, "the 14 is late"),
				mention("x", "harborherald", 1_200_000L, new Engagement(300, 120, 45), "Fares to rise 5% in April"),
				mention("mastodon", "regular_rider", 800L, new Engagement(15, 2, 4), "Lifts broken at Riverside again"),
				mention("hackernews", "transitnerd", null, new Engagement(450, 0, 210),
						"Show HN: every late bus in Harbor City"),
				mention("x", "small_account", 350L, new Engagement(12_000, 4_100, 900),
						"The driver on the 22 waited for an old man running for the bus"),
				mention("rss", "cityline-radio", null, Engagement.NONE, "Union announces a two-day tram strike"),
				mention("x", "quiet_rider", 120L, Engagement.NONE, "tram was on time today"),
				mention("bluesky", "local_influencer", 25_000L, new Engagement(40, 5, 3), "Tried the new night bus"));

		List<String> ranked = mentions.stream()
			.map(this.enricher::enrich)
			.sorted(Comparator.comparing((Mention mention) -> mention.reach().orElseThrow()).reversed())
			.map((mention) -> mention.author().handle())
			.toList();

		assertThat(ranked).containsExactly("small_account", "harborherald", "transitnerd", "local_influencer",
				"cityline-radio", "regular_rider", "quiet_rider", "fresh_account");
	}

	@Test
	void reachIsAboutThePowerOfTenOfThePeopleReached() {
		assertThat(this.enricher.reach(mention("x", "nobody", 0L, Engagement.NONE, "hello"))).isZero();
		assertThat(this.enricher.reach(mention("x", "outlet", 1_000_000L, Engagement.NONE, "news"))).isEqualTo(5.0);
		assertThat(this.enricher.reach(mention("x", "liked", 0L, new Engagement(2, 0, 0), "nice"))).isEqualTo(2.0);
	}

	@Test
	void aShareCountsMoreThanAReplyAndAReplyMoreThanALike() {
		double like = this.enricher.reach(mention("x", "a", 100L, new Engagement(1, 0, 0), "t"));
		double reply = this.enricher.reach(mention("x", "a", 100L, new Engagement(0, 0, 1), "t"));
		double share = this.enricher.reach(mention("x", "a", 100L, new Engagement(0, 1, 0), "t"));

		assertThat(share).isGreaterThan(reply);
		assertThat(reply).isGreaterThan(like);
	}

	@Test
	void sourcesWithoutFollowerCountsUseTheirDefaultAudience() {
		Mention feedItem = mention("rss", "news", null, Engagement.NONE, "an article");
		Mention unknownSource = mention("webhook", "someone", null, Engagement.NONE, "a post");

		assertThat(this.enricher.reach(feedItem)).isEqualTo(Math.round(Math.log10(1 + 5_000) * 100) / 100.0);
		assertThat(this.enricher.reach(unknownSource)).isEqualTo(Math.round(Math.log10(1 + 10) * 100) / 100.0);
		assertThat(new ReachEnricher(Map.of("RSS", 1_000_000L)).reach(feedItem)).isEqualTo(5.0);
	}

	@Test
	void aNegativeDefaultAudienceIsRefusedNamingTheSource() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReachEnricher(Map.of("rss", -1L)))
			.withMessageContaining("'rss'");
	}

	@Test
	void keepsEverythingElseTheMentionCarries() {
		Mention mention = mention("x", "a", 10L, new Engagement(1, 2, 3), "text");

		Mention enriched = this.enricher.enrich(mention);

		assertThat(enriched.reach()).isPresent();
		assertThat(enriched).usingRecursiveComparison().ignoringFields("reach").isEqualTo(mention);
	}

	private static Mention mention(String source, String handle, Long followers, Engagement engagement, String text) {
		return Mention.builder(source, handle + "-1")
			.url(URI.create("https://example.org/" + handle))
			.text(text)
			.author(new Author(handle, Optional.empty(), Optional.ofNullable(followers), Optional.empty()))
			.engagement(engagement)
			.publishedAt(Instant.parse("2026-03-02T12:00:00Z"))
			.build();
	}

}
