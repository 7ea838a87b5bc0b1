package io.grapevine.search.indexing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import io.grapevine.listening.mention.Mention;

/**
 * The publication times a mention may carry to be indexed: not before its network
 * existed, not older than the retention keeps, and not more than a day ahead of now. A
 * time outside is a broken or hostile record, and indexing it would create a monthly
 * index per stray month (year 1, year 9999) until the cluster's shard limit turns genuine
 * mentions away.
 */
final class PublicationWindow {

	/** How far ahead of this clock a publication time may be (clocks disagree). */
	static final Duration AHEAD = Duration.ofDays(1);

	/** Before the first web page, for sources of no known network. */
	static final Instant WEB = day(1991, 8, 6);

	private static final Map<String, Instant> FIRST_POSTS = Map.of("x", day(2006, 3, 21), "reddit", day(2005, 6, 23),
			"youtube", day(2005, 4, 23), "hackernews", day(2007, 2, 19),
			// Statuses federate into Mastodon from older fediverse servers (identi.ca).
			"mastodon", day(2008, 7, 2),
			// The AT Protocol's first records, in its tests before the closed beta.
			"bluesky", day(2021, 1, 1));

	private final Duration retention;

	private final Clock clock;

	PublicationWindow(Duration retention, Clock clock) {
		this.retention = retention;
		this.clock = clock;
	}

	/**
	 * Why a mention's publication time is outside the window, if it is.
	 * @param mention the mention
	 * @return the reason, or empty when it may be indexed
	 */
	Optional<String> refusal(Mention mention) {
		Instant published = mention.publishedAt();
		Instant now = this.clock.instant();
		Instant firstPost = FIRST_POSTS.getOrDefault(network(mention.source()), WEB);
		if (published.isBefore(firstPost)) {
			return Optional.of("published at " + published + ", before " + mention.source() + " had its first post ("
					+ firstPost + ")");
		}
		if (published.isAfter(now.plus(AHEAD))) {
			return Optional.of("published at " + published + ", more than a day ahead of now (" + now + ")");
		}
		if (published.isBefore(now.minus(this.retention))) {
			return Optional.of("published at " + published + ", older than the retention of " + this.retention.toDays()
					+ " days (grapevine.search.retention) keeps");
		}
		return Optional.empty();
	}

	private static String network(String source) {
		int colon = source.indexOf(':');
		String network = (colon < 0) ? source : source.substring(0, colon);
		return network.equals("twitter") ? "x" : network;
	}

	private static Instant day(int year, int month, int day) {
		return LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant();
	}

}
