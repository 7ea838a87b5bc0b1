package io.grapevine.ingest.source.rss;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of one {@code rss} instance in the organization file.
 *
 * @param feeds the feeds to read, each a URL or a {@code url} with a {@code name}
 * @param pollInterval how long to wait between two reads of every feed
 * @param requestTimeout how long one feed may take to answer
 * @param userAgent the {@code User-Agent} sent, so that publishers can tell who reads
 * them
 * @param rememberedEntries how many entries per feed are remembered as seen, so that an
 * entry still in a feed is not published again; a feed longer than this is read from its
 * newest entries on
 */
record RssSettings(List<Feed> feeds, @DefaultValue("15m") Duration pollInterval,
		@DefaultValue("30s") Duration requestTimeout, @DefaultValue(DEFAULT_USER_AGENT) String userAgent,
		@Min(10) @Max(1000) @DefaultValue("200") int rememberedEntries) {

	static final String DEFAULT_USER_AGENT = "Grapevine feed reader (+https://github.com/grapevine-listening/grapevine)";

	RssSettings {
		if (feeds == null || feeds.isEmpty()) {
			throw new IllegalArgumentException(
					"feeds is empty; list the feeds to read, each a URL or a url with a name");
		}
		Set<URI> seen = new HashSet<>();
		for (Feed feed : feeds) {
			if (feed == null) {
				throw new IllegalArgumentException("feeds holds an empty entry; give each feed a url");
			}
			if (!seen.add(feed.url())) {
				throw new IllegalArgumentException("feeds lists " + feed.url() + " twice");
			}
		}
		feeds = List.copyOf(new ArrayList<>(feeds));
		requirePositive(pollInterval, "poll-interval");
		requirePositive(requestTimeout, "request-timeout");
		if (userAgent == null || userAgent.isBlank()) {
			throw new IllegalArgumentException("user-agent is blank; leave it out for the default or name the reader");
		}
	}

	private static void requirePositive(Duration duration, String setting) {
		if (duration == null || duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException(setting + " must be positive, was " + duration);
		}
	}

	/**
	 * One feed to read.
	 *
	 * @param url where the feed is (absolute http(s) URL)
	 * @param name what to call it in logs; the host of the URL when not set
	 */
	record Feed(URI url, String name) {

		Feed {
			if (url == null) {
				throw new IllegalArgumentException("a feed needs a url");
			}
			if (!url.isAbsolute() || url.getHost() == null
					|| !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
				throw new IllegalArgumentException(
						"feed url must be an absolute http(s) URL such as https://news.example/feed.xml, was '" + url
								+ "'");
			}
			name = Optional.ofNullable(name)
				.filter((value) -> !value.isBlank())
				.map(String::strip)
				.orElse(url.getHost().toLowerCase(Locale.ROOT));
		}

		/**
		 * A feed given as its URL alone, as in
		 * {@code feeds: [https://news.example/feed]}.
		 * @param url the URL
		 * @return the feed, named after its host
		 */
		public static Feed of(String url) {
			try {
				return new Feed(URI.create(url.strip()), null);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException((ex.getMessage() != null && ex.getMessage().startsWith("feed url"))
						? ex.getMessage() : "feed url must be an absolute http(s) URL, was '" + url + "'", ex);
			}
		}

	}

}
