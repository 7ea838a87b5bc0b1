package io.grapevine.listening.mention;

import java.net.URI;
import java.util.Optional;

/**
 * Who wrote a mention.
 *
 * @param handle the account name on the source, without a leading {@code @}
 * @param displayName the name the author shows, when the source gives one
 * @param followers how many accounts follow the author, when the source gives it
 * @param profileUrl the author's profile page, when known
 */
public record Author(String handle, Optional<String> displayName, Optional<Long> followers, Optional<URI> profileUrl) {

	public Author {
		if (handle == null || handle.isBlank()) {
			throw new InvalidMentionException("an author needs a 'handle'");
		}
		displayName = (displayName != null) ? displayName.filter((name) -> !name.isBlank()) : Optional.empty();
		followers = (followers != null) ? followers : Optional.empty();
		if (followers.isPresent() && followers.get() < 0) {
			throw new InvalidMentionException("followers of " + handle + " cannot be negative");
		}
		// A profile link is a courtesy: one that is not http(s) is left out, not fatal.
		profileUrl = (profileUrl != null) ? profileUrl.filter(Mention::isWebLink) : Optional.empty();
	}

	/**
	 * An author known only by handle.
	 * @param handle the account name
	 * @return the author
	 */
	public static Author of(String handle) {
		return new Author(handle, Optional.empty(), Optional.empty(), Optional.empty());
	}

	/**
	 * An author with the details most sources give.
	 * @param handle the account name
	 * @param displayName the name the author shows
	 * @param followers the follower count
	 * @return the author
	 */
	public static Author of(String handle, String displayName, long followers) {
		return new Author(handle, Optional.ofNullable(displayName), Optional.of(followers), Optional.empty());
	}

}
