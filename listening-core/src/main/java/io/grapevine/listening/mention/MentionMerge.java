package io.grapevine.listening.mention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Merges two copies of one post that two instances of one network read (Bluesky's search
 * and its Jetstream firehose, X's v2 search and v1.1 timelines): the richer value of each
 * field wins, so the result is the same whichever copy arrived first.
 *
 * <p>
 * Richer means: an author known by a handle over one known only by an identifier such as
 * Bluesky's DID (with the permalink and profile that go with it), a value over none, the
 * higher count of each engagement, the longer text, the earlier ingestion time, and every
 * tag of either.
 */
public final class MentionMerge {

	private MentionMerge() {
	}

	/**
	 * Merge two copies of one mention.
	 * @param one a copy
	 * @param other another copy of the same mention (same id)
	 * @return the merged mention, equal whatever the order of the arguments
	 * @throws IllegalArgumentException if the two are not the same mention
	 */
	public static Mention merge(Mention one, Mention other) {
		if (!one.id().equals(other.id())) {
			throw new IllegalArgumentException("cannot merge mention " + one.id() + " with " + other.id());
		}
		// The copy whose author is known by a handle gives author, permalink and profile.
		Mention named = namedAuthor(one, other);
		Mention unnamed = (named == one) ? other : one;
		Author author = new Author(named.author().handle(),
				named.author().displayName().or(() -> unnamed.author().displayName()),
				max(named.author().followers(), unnamed.author().followers()),
				named.author().profileUrl().or(() -> unnamed.author().profileUrl()));
		Engagement engagement = new Engagement(Math.max(one.engagement().likes(), other.engagement().likes()),
				Math.max(one.engagement().shares(), other.engagement().shares()),
				Math.max(one.engagement().replies(), other.engagement().replies()));
		Mention richerText = richerText(one, other);
		boolean owned = one.owned() || other.owned();
		return new Mention(Math.max(one.schemaVersion(), other.schemaVersion()), one.id(), one.source(), one.nativeId(),
				named.url(), richerText.text(), author, earlier(one.publishedAt(), other.publishedAt()),
				earlier(one.ingestedAt(), other.ingestedAt()),
				richerText.language().or(() -> (richerText == one ? other : one).language()), engagement,
				first(named.inReplyTo(), unnamed.inReplyTo()), least(one.matchedBy(), other.matchedBy()),
				union(one.topics(), other.topics()), union(one.departments(), other.departments()),
				richerText.sentiment().or(() -> (richerText == one ? other : one).sentiment()),
				least(one.clusterId(), other.clusterId()), max(one.reach(), other.reach()),
				union(one.competitors(), other.competitors()), owned,
				owned ? first(named.ownedBy(), unnamed.ownedBy()) : Optional.empty(),
				owned ? Optional.empty() : first(named.byCompetitor(), unnamed.byCompetitor()),
				first(named.repostOf(), unnamed.repostOf()));
	}

	private static Mention namedAuthor(Mention one, Mention other) {
		boolean oneNamed = !isIdentifier(one.author().handle());
		boolean otherNamed = !isIdentifier(other.author().handle());
		if (oneNamed != otherNamed) {
			return oneNamed ? one : other;
		}
		int oneDetail = detail(one.author());
		int otherDetail = detail(other.author());
		if (oneDetail != otherDetail) {
			return (oneDetail > otherDetail) ? one : other;
		}
		// Equally rich: an order of their own, so either order of arrival gives one
		// result.
		return (one.author().handle().compareTo(other.author().handle()) <= 0) ? one : other;
	}

	// Bluesky's firehose names authors by DID only.
	private static boolean isIdentifier(String handle) {
		return handle.startsWith("did:");
	}

	private static int detail(Author author) {
		return (author.displayName().isPresent() ? 1 : 0) + (author.followers().isPresent() ? 1 : 0)
				+ (author.profileUrl().isPresent() ? 1 : 0);
	}

	private static Mention richerText(Mention one, Mention other) {
		int length = Integer.compare(one.text().strip().length(), other.text().strip().length());
		if (length != 0) {
			return (length > 0) ? one : other;
		}
		return (one.text().compareTo(other.text()) <= 0) ? one : other;
	}

	private static Instant earlier(Instant one, Instant other) {
		return one.isBefore(other) ? one : other;
	}

	private static <T extends Comparable<T>> Optional<T> max(Optional<T> one, Optional<T> other) {
		if (one.isPresent() && other.isPresent()) {
			return (one.get().compareTo(other.get()) >= 0) ? one : other;
		}
		return one.or(() -> other);
	}

	private static <T extends Comparable<T>> Optional<T> least(Optional<T> one, Optional<T> other) {
		if (one.isPresent() && other.isPresent()) {
			return (one.get().compareTo(other.get()) <= 0) ? one : other;
		}
		return one.or(() -> other);
	}

	private static <T> Optional<T> first(Optional<T> preferred, Optional<T> otherwise) {
		return preferred.or(() -> otherwise);
	}

	private static List<String> union(List<String> one, List<String> other) {
		LinkedHashSet<String> all = new LinkedHashSet<>(one);
		all.addAll(other);
		List<String> sorted = new ArrayList<>(all);
		sorted.sort(null);
		return List.copyOf(sorted);
	}

}
