package io.grapevine.ingest.pipeline;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentCopiesTests {

	private static final String POST = "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lbqztxvmq22c";

	@Test
	void aPostReadByTwoInstancesIsPublishedWithTheRicherValueOfEachField() {
		RecentCopies copies = new RecentCopies(10);

		copies.fold(firehoseCopy());
		Mention folded = copies.fold(searchCopy(17));

		assertThat(folded.author().handle()).isEqualTo("harborrider.bsky.social");
		assertThat(folded.language()).contains("en");
		assertThat(folded.engagement().likes()).isEqualTo(17);
	}

	@Test
	void theSearchReadingThePostAgainUpdatesItsCountsWithoutLosingWhatTheFirehoseGave() {
		RecentCopies copies = new RecentCopies(10);
		copies.fold(firehoseCopy());
		copies.fold(searchCopy(17));

		Mention again = copies.fold(searchCopy(21));

		assertThat(again.engagement().likes()).isEqualTo(21);
		assertThat(again.language()).contains("en");
		assertThat(again.author().displayName()).contains("Harbor Rider");
	}

	private static Mention searchCopy(long likes) {
		return Mention.builder("bluesky", POST)
			.url(URI.create("https://bsky.app/profile/harborrider.bsky.social/post/3lbqztxvmq22c"))
			.text("The 14 is delayed again at Harbor Station")
			.author(new Author("harborrider.bsky.social", Optional.of("Harbor Rider"), Optional.of(812L),
					Optional.of(URI.create("https://bsky.app/profile/harborrider.bsky.social"))))
			.publishedAt(Instant.parse("2026-11-21T21:14:05.318Z"))
			.ingestedAt(Instant.parse("2026-11-21T21:20:00Z"))
			.engagement(new Engagement(likes, 6, 2))
			.matchedBy("delay")
			.build();
	}

	private static Mention firehoseCopy() {
		return Mention.builder("bluesky", POST)
			.url(URI.create("https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3lbqztxvmq22c"))
			.text("The 14 is delayed again at Harbor Station")
			.author(new Author("did:plc:z72i7hdynmk6r22z27h6tvur", Optional.empty(), Optional.empty(),
					Optional.empty()))
			.publishedAt(Instant.parse("2026-11-21T21:14:05.318Z"))
			.ingestedAt(Instant.parse("2026-11-21T21:14:07Z"))
			.language("en")
			.matchedBy("jetstream")
			.build();
	}

}
