package io.grapevine.search.indexing;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Mention;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublicationWindowTests {

	private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

	private final PublicationWindow window = new PublicationWindow(Duration.ofDays(400),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void aMentionOfTheLastRetainedDaysIsIndexed() {
		assertThat(this.window.refusal(mention("x", "2026-12-07T11:59:00Z"))).isEmpty();
		assertThat(this.window.refusal(mention("bluesky", "2025-11-10T00:00:00Z"))).isEmpty();
	}

	@Test
	void aMentionFromBeforeItsNetworkExistedIsRefusedWithTheDateTheNetworkBegan() {
		PublicationWindow forever = new PublicationWindow(Duration.ofDays(365_000), Clock.fixed(NOW, ZoneOffset.UTC));
		assertThat(forever.refusal(mention("x", "0001-01-01T00:00:00Z")))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("0001-01-01T00:00:00Z")
				.contains("before x had its first post"));
		assertThat(forever.refusal(mention("bluesky", "2015-06-01T00:00:00Z"))).isPresent();
		assertThat(forever.refusal(mention("rss", "1999-01-05T10:00:00Z"))).isEmpty();
		assertThat(forever.refusal(mention("rss", "1970-01-01T00:00:00Z"))).isPresent();
	}

	@Test
	void aMentionMoreThanADayAheadIsRefusedAndOneOfClockSkewIsNot() {
		assertThat(this.window.refusal(mention("mastodon", "2026-12-08T06:00:00Z"))).isEmpty();
		assertThat(this.window.refusal(mention("mastodon", "9999-12-31T23:59:59Z")))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("more than a day ahead"));
	}

	@Test
	void aMentionOlderThanTheRetentionIsRefusedNamingTheSetting() {
		assertThat(this.window.refusal(mention("reddit", "2024-01-01T00:00:00Z")))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("grapevine.search.retention"));
	}

	private static Mention mention(String source, String publishedAt) {
		return Mention.builder(source, "42")
			.url(URI.create("https://example.org/42"))
			.text("The 42 bus was late again")
			.author(Author.of("amy"))
			.publishedAt(Instant.parse(publishedAt))
			.ingestedAt(NOW)
			.build();
	}

}
