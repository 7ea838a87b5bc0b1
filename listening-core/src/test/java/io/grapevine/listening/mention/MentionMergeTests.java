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
	void aCopyReadAgainByTheSameSearchAfterTheMergeKeepsWhatTheOtherInstanceGave() {
		Mention merged = MentionMerge.merge(jetstreamCopy(), searchCopy());
		Mention again = searchCopy(new Engagement(21, 6, 3));

		Mention replayed = MentionMerge.replay(merged, again);

		assertThat(replayed.language()).contains("en");
		assertThat(replayed.inReplyTo())
			.contains("at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3lbqzs6yb4k2y");
		assertThat(replayed.author().handle()).isEqualTo("harborrider.bsky.social");
		assertThat(replayed.engagement()).isEqualTo(new Engagement(21, 6, 3));
		assertThat(replayed.matchedBy()).isEqualTo(merged.matchedBy());
		assertThat(MentionMerge.replay(replayed, again)).isEqualTo(replayed);
	}

	@Test
	void aCopyReadAgainCarriesTheNewerTagsOfTheSameText() {
		Mention stored = MentionMerge.merge(jetstreamCopy(), searchCopy());
		Mention retagged = searchCopy().withTags(List.of("stations"), List.of("operations"));

		Mention replayed = MentionMerge.replay(stored, retagged);

		assertThat(replayed.topics()).containsExactly("stations");
		assertThat(replayed.departments()).containsExactly("operations");
		assertThat(MentionMerge.merge(stored, retagged).topics()).containsExactly("delays", "stations");
	}

	@Test
	void anEditReadAgainBySameSearchTakesItsNewTextAndWhatWasReadFromItButKeepsTheAuthor() {
		Mention stored = MentionMerge.merge(jetstreamCopy(), searchCopy());
		Mention edited = Mention.builder("bluesky", URI_OF_POST)
			.url(searchCopy().url())
			.text("The 14 is late")
			.author(searchCopy().author())
			.publishedAt(searchCopy().publishedAt())
			.ingestedAt(Instant.parse("2026-11-21T22:00:00Z"))
			.engagement(new Engagement(18, 6, 2))
			.matchedBy("delay")
			.build();

		Mention replayed = MentionMerge.replay(stored, edited);

		assertThat(replayed.text()).isEqualTo("The 14 is late");
		assertThat(replayed.language()).isEmpty();
		assertThat(replayed.topics()).isEmpty();
		assertThat(replayed.author().handle()).isEqualTo("harborrider.bsky.social");
		assertThat(replayed.inReplyTo()).isEqualTo(stored.inReplyTo());
		assertThat(replayed.engagement().likes()).isEqualTo(18);
	}

	@Test
	void aReplayCutShortByItsApiKeepsTheWholeTextAnotherInstanceRead() {
		Mention stored = MentionMerge.merge(jetstreamCopy(), searchCopy());
		Mention cut = Mention.builder("bluesky", URI_OF_POST)
			.url(searchCopy().url())
			.text("The 14 is delayed again…")
			.author(searchCopy().author())
			.publishedAt(searchCopy().publishedAt())
			.matchedBy("delay")
			.build();

		Mention replayed = MentionMerge.replay(stored, cut);

		assertThat(replayed.text()).isEqualTo("The 14 is delayed again at Harbor Station");
		assertThat(replayed.language()).contains("en");
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
		return searchCopy(new Engagement(17, 6, 2));
	}

	private static Mention searchCopy(Engagement engagement) {
		return Mention.builder("bluesky", URI_OF_POST)
			.url(URI.create("https://bsky.app/profile/harborrider.bsky.social/post/3lbqztxvmq22c"))
			.text("The 14 is delayed again at Harbor Station")
			.author(new Author("harborrider.bsky.social", Optional.of("Harbor Rider"), Optional.of(812L),
					Optional.of(URI.create("https://bsky.app/profile/harborrider.bsky.social"))))
			.publishedAt(Instant.parse("2026-11-21T21:14:05.318Z"))
			.ingestedAt(Instant.parse("2026-11-21T21:20:00Z"))
			.engagement(engagement)
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
