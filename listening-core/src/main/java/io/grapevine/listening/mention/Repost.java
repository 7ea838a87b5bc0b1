package io.grapevine.listening.mention;

import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What ties a mention to the post it passes on: the original's mention id and how it
 * passes it on (a repost with no words of its own, a quote that adds some, a cross-post
 * to another community).
 *
 * @param originalId the mention id ({@code source:nativeId}) of the original post
 * @param kind how the mention passes it on
 */
public record Repost(String originalId, Kind kind) {

	public Repost {
		if (originalId == null || originalId.isBlank() || originalId.indexOf(':') <= 0 || originalId.endsWith(":")) {
			throw new InvalidMentionException(
					"a repost names its original by mention id (source:nativeId), was '" + originalId + "'");
		}
		Objects.requireNonNull(kind, () -> "repost of " + originalId + " needs a kind (repost, quote or crosspost)");
	}

	/**
	 * How a mention passes a post on.
	 */
	public enum Kind {

		/**
		 * The post passed on as it is: an X retweet, a Mastodon reblog, a Bluesky repost.
		 */
		REPOST,

		/** The post passed on with words of the reposter's own: an X or Bluesky quote. */
		QUOTE,

		/** The post shared to another community: a Reddit cross-post. */
		CROSSPOST;

		/**
		 * The name as the mention JSON writes it.
		 * @return {@code repost}, {@code quote} or {@code crosspost}
		 */
		@JsonValue
		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

		/**
		 * Read a kind, in any case.
		 * @param label the kind
		 * @return the kind
		 * @throws InvalidMentionException if it names no kind
		 */
		@JsonCreator
		public static Kind of(String label) {
			try {
				return valueOf(label.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidMentionException("a repost's kind is repost, quote or crosspost, was '" + label + "'");
			}
		}

	}

}
