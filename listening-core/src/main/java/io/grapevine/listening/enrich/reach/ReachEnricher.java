package io.grapevine.listening.enrich.reach;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.grapevine.listening.enrich.MentionEnricher;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;

/**
 * Sets a mention's reach: about how many people it reached, on a log scale, from its
 * author's followers and its engagement, comparable across sources.
 * <p>
 * {@code reach = log10(1 + 0.1 × audience + 50 × (likes + 2 × replies + 3 × shares))},
 * rounded to two decimals. The audience is the author's follower count, of whom about one
 * in ten sees a given post; where the source gives no follower count (Hacker News, RSS)
 * it is that source's default audience, {@link #DEFAULT_AUDIENCES}. Each interaction
 * stands for about fifty people who saw the post (engagement rates run at 1 to 3 %), a
 * reply counts twice and a share, which carries the post to another audience, three
 * times. So reach 2 is about a hundred people, 4 ten thousand, 6 a million: a post of a
 * news outlet with 1.2 million followers and little engagement scores about 5.1, a viral
 * post of a small account with 12,000 likes and 4,000 shares about 6.1, an ordinary post
 * with a few likes about 3.
 */
public final class ReachEnricher implements MentionEnricher {

	/**
	 * Audiences assumed where a source gives no follower count: a news site's feed
	 * (50,000), a Hacker News item (5,000), a Reddit post (1,000); any other source 100.
	 */
	public static final Map<String, Long> DEFAULT_AUDIENCES = Map.of("rss", 50_000L, "hackernews", 5_000L, "reddit",
			1_000L);

	private static final long OTHER_AUDIENCE = 100;

	private static final double SEEN_BY_FOLLOWERS = 0.1;

	private static final double SEEN_PER_INTERACTION = 50;

	private final Map<String, Long> defaultAudiences;

	/**
	 * An enricher with the {@link #DEFAULT_AUDIENCES}.
	 */
	public ReachEnricher() {
		this(DEFAULT_AUDIENCES);
	}

	/**
	 * An enricher with its own audiences for sources that give no follower count.
	 * @param defaultAudiences audience by source kind (lower case), zero or more
	 */
	public ReachEnricher(Map<String, Long> defaultAudiences) {
		Map<String, Long> audiences = new HashMap<>();
		defaultAudiences.forEach((source, audience) -> {
			if (audience == null || audience < 0) {
				throw new IllegalArgumentException(
						"the default audience of source '" + source + "' must be zero or more, was " + audience);
			}
			audiences.put(source.toLowerCase(Locale.ROOT), audience);
		});
		this.defaultAudiences = Map.copyOf(audiences);
	}

	@Override
	public Mention enrich(Mention mention) {
		return mention.withEnrichment(mention.language(), mention.sentiment(), mention.clusterId(),
				Optional.of(reach(mention)));
	}

	/**
	 * The reach of a mention.
	 * @param mention the mention
	 * @return about how many people it reached, as a power of ten, zero or more
	 */
	public double reach(Mention mention) {
		long audience = mention.author()
			.followers()
			.orElseGet(() -> this.defaultAudiences.getOrDefault(mention.source().toLowerCase(Locale.ROOT),
					OTHER_AUDIENCE));
		Engagement engagement = mention.engagement();
		double interactions = (double) engagement.likes() + 2.0 * engagement.replies() + 3.0 * engagement.shares();
		double seen = SEEN_BY_FOLLOWERS * audience + SEEN_PER_INTERACTION * interactions;
		return Math.round(Math.log10(1 + seen) * 100) / 100.0;
	}

}
