package io.grapevine.digest.composition;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import io.grapevine.listening.mention.Mention;

/**
 * What a digest shows of one top mention.
 *
 * @param id the mention id
 * @param source the kind of source
 * @param url the link to the mention itself
 * @param text the mention's text, as written
 * @param authorHandle the author's handle
 * @param authorName the author's display name, or the handle when there is none
 * @param followers the author's followers, when known
 * @param publishedAt when it was published
 * @param likes likes when fetched
 * @param shares shares when fetched
 * @param replies replies when fetched
 */
public record TopMention(String id, String source, URI url, String text, String authorHandle, String authorName,
		Optional<Long> followers, Instant publishedAt, long likes, long shares, long replies) {

	public TopMention {
		followers = (followers != null) ? followers : Optional.empty();
	}

	/**
	 * Summarize a mention for a digest.
	 * @param mention the mention
	 * @return its summary
	 */
	public static TopMention of(Mention mention) {
		return new TopMention(mention.id(), mention.source(), mention.url(), mention.text(), mention.author().handle(),
				mention.author().displayName().orElse(mention.author().handle()), mention.author().followers(),
				mention.publishedAt(), mention.engagement().likes(), mention.engagement().shares(),
				mention.engagement().replies());
	}

}
