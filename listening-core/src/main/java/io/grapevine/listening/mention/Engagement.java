package io.grapevine.listening.mention;

/**
 * How much a mention was engaged with when it was fetched.
 *
 * @param likes likes, favourites or upvotes
 * @param shares reposts, retweets, boosts or quotes
 * @param replies replies or comments
 */
public record Engagement(long likes, long shares, long replies) {

	/** No engagement known. */
	public static final Engagement NONE = new Engagement(0, 0, 0);

	public Engagement {
		if (likes < 0 || shares < 0 || replies < 0) {
			throw new InvalidMentionException("engagement counts cannot be negative: likes=%d shares=%d replies=%d"
				.formatted(likes, shares, replies));
		}
	}

	/**
	 * All interactions together, for ranking.
	 * @return likes, shares and replies summed
	 */
	public long total() {
		return this.likes + this.shares + this.replies;
	}

}
