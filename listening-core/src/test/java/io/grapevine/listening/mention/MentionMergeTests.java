package io.grapevine.listening.mention;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MentionMergeTests {

	private static final String URI_OF_POST = "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lbqztxvmq22c";

	@Test
	void keepsTheRicherValueOfEachFieldWhicheverCopyArrivesFirst() {
		Mention search = searchCopy();
		Mention jetstream = jetstreamCopy();

		Mention merged = MentionMerge.merge(jetstream, search);

		assertThat(MentionMerge.merge(search, jetstream)).isEqualTo(merged);
		assertThat(merged.author().handle()).isEqualTo("harborrider.bsky.social");
		assertThat(merged.author().displayName()).contains("Harbor Rider");
		assertThat(merged.author().followers()).contains(812L);
		assertThat(merged.url())
			.isEqualTo(URI.create("https://bsky.app/profile/harborrider.bsky.social/post/3lbqztxvmq22c"));
		assertThat(merged.engagement()).isEqualTo(new Engagement(17, 6, 2));
		assertThat(merged.language()).contains("en");
		assertThat(merged.inReplyTo())
			.contains("at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3lbqzs6yb4k2y");
		assertThat(merged.ingestedAt()).isEqualTo(Instant.parse("2026-11-21T21:14:07Z"));
		assertThat(merged.topics()).containsExactly("delays", "stations");
		assertThat(MentionMerge.merge(merged, jetstream)).isEqualTo(merged);
	}

	@Test
	void keepsTheTieToTheQuotedPostWhicheverCopyNamesIt() {
		Repost quoted = new Repost("bluesky:at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3lbqzs6yb4k2y",
				Repost.Kind.QUOTE);
		Mention search = searchCopy();
		Mention jetstream = jetstreamCopy().withRepostOf(Optional.of(quoted));

		assertThat(MentionMerge.merge(search, jetstream).repostOf()).contains(quoted);
		assertThat(MentionMerge.merge(jetstream, search).repostOf()).contains(quoted);
		assertThat(MentionMerge.merge(search, jetstreamCopy()).repostOf()).isEmpty();
	}

	@Test
	void refusesToMergeTwoDifferentMentions() {
		Mention other = Mention.builder("bluesky", URI_OF_POST + "x")
			.url(URI.create("https://bsky.app/profile/a.bsky.social/post/x"))
			.text("t")
			.author(new Author("a.bsky.social", Optional.empty(), Optional.empty(), Optional.empty()))
			.publishedAt(Instant.EPOCH)
			.build();

		assertThatIllegalArgumentException().isThrownBy(() -> MentionMerge.merge(searchCopy(), other));
	}

	private static Mention searchCopy() {
		return Mention.builder("bluesky", URI_OF_POST)
			.url(URI.create("https://bsky.app/profile/harborrider.bsky.social/post/3lbqztxvmq22c"))
			.text("The 14 is delayed again at Harbor Station")
			.author(new Author("harborrider.bsky.social", Optional.of("Harbor Rider"), Optional.of(812L),
					Optional.of(URI.create("https://bsky.app/profile/harborrider.bsky.social"))))
			.publishedAt(Instant.parse("2026-11-21T21:14:05.318Z"))
			.ingestedAt(Instant.parse("2026-11-21T21:20:00Z"))
			.engagement(new Engagement(17, 6, 2))
			.matchedBy("delay")
			.build()
			.withTags(List.of("delays"), List.of());
	}

	private static Mention jetstreamCopy() {
		return Mention.builder("bluesky", URI_OF_POST)
			.url(URI.create("https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3lbqztxvmq22c"))
			.text("The 14 is delayed again at Harbor Station")
			.author(new Author("did:plc:z72i7hdynmk6r22z27h6tvur", Optional.empty(), Optional.empty(),
					Optional.of(URI.create("https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur"))))
			.publishedAt(Instant.parse("2026-11-21T21:14:05.318Z"))
			.ingestedAt(Instant.parse("2026-11-21T21:14:07Z"))
			.language("en")
			.inReplyTo("at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3lbqzs6yb4k2y")
			.matchedBy("jetstream")
			.build()
			.withTags(List.of("delays", "stations"), List.of());
	}

}
