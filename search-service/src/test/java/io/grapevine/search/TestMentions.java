package io.grapevine.search;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;

/**
 * Small factory methods for the mentions tests index.
 */
public final class TestMentions {

	private TestMentions() {
	}

	public static Mention mention(String source, String nativeId, String text, String publishedAt) {
		return mention(source, nativeId, text, Instant.parse(publishedAt), Author.of("rider_" + nativeId),
				Engagement.NONE, null, List.of(), List.of());
	}

	public static Mention mention(String source, String nativeId, String text, Instant publishedAt, Author author,
			Engagement engagement, String language, List<String> topics, List<String> departments) {
		return new Mention(Mention.SCHEMA_VERSION, null, source, nativeId,
				URI.create("https://" + source + ".example/posts/" + nativeId), text, author, publishedAt,
				publishedAt.plusSeconds(30), Optional.ofNullable(language), engagement, Optional.empty(),
				Optional.of("harbor city transit"), topics, departments);
	}

}
