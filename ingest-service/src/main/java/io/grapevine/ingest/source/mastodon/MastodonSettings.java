package io.grapevine.ingest.source.mastodon;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.grapevine.ingest.source.SourcePayloads;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of one Mastodon instance, which polls the hashtag timelines of one server and,
 * with an access token, its status search, declared under {@code sources} in the
 * organization file with {@code type: mastodon}; declare one instance per server.
 *
 * @param baseUrl the Mastodon server (absolute http(s) URL such as
 * {@code https://mastodon.social}); required
 * @param accessToken an optional access token as a reference to an environment variable
 * such as {@code ${MASTODON_ACCESS_TOKEN}}, sent as a bearer token when set
 * @param hashtags the hashtags to follow, without {@code #}; when empty, the
 * organization's topic keywords that start with {@code #}
 * @param queries status searches to run ({@code GET /api/v2/search?type=statuses}), which
 * need {@code accessToken}; none by default
 * @param pollInterval how long to wait once every hashtag and query is read up to the
 * newest status
 * @param limit statuses per page, 1 to 40
 * @param requestTimeout how long one request may take
 */
public record MastodonSettings(URI baseUrl, String accessToken, List<String> hashtags, List<String> queries,
		@DefaultValue("2m") Duration pollInterval, @DefaultValue("40") int limit,
		@DefaultValue("30s") Duration requestTimeout) {

	/** Mastodon serves at most 40 statuses a page on its timelines. */
	static final int MAX_LIMIT = 40;

	/** The longest search text accepted, far beyond any sensible query. */
	static final int MAX_QUERY_LENGTH = 500;

	private static final Pattern HASHTAG = Pattern.compile("[\\p{L}\\p{N}_]+");

	public MastodonSettings {
		if (baseUrl != null && (!baseUrl.isAbsolute() || baseUrl.getHost() == null
				|| !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())))) {
			throw new IllegalArgumentException(
					"base-url must be an absolute http(s) URL such as https://mastodon.social, was '" + baseUrl + "'");
		}
		if (baseUrl == null) {
			throw new IllegalArgumentException(
					"base-url is not set; set it to the Mastodon server to read, e.g. https://mastodon.social");
		}
		accessToken = (accessToken != null && !accessToken.isBlank()) ? accessToken.strip() : null;
		List<String> names = new ArrayList<>();
		for (String hashtag : (hashtags != null) ? hashtags : List.<String>of()) {
			String name = hashtagName(hashtag);
			if (name == null) {
				throw new IllegalArgumentException("hashtags must be hashtag names (letters, digits and _, "
						+ "with or without a leading #), was '" + hashtag + "'");
			}
			if (names.stream().noneMatch(name::equalsIgnoreCase)) {
				names.add(name);
			}
		}
		hashtags = List.copyOf(names);
		List<String> searches = new ArrayList<>();
		for (String query : (queries != null) ? queries : List.<String>of()) {
			if (query == null || query.isBlank() || query.strip().length() > MAX_QUERY_LENGTH) {
				throw new IllegalArgumentException(
						"queries must be non-blank search texts of at most " + MAX_QUERY_LENGTH + " characters, was '"
								+ ((query != null) ? SourcePayloads.abbreviate(query) : null) + "'");
			}
			String text = query.strip();
			if (searches.stream().noneMatch(text::equalsIgnoreCase)) {
				searches.add(text);
			}
		}
		queries = List.copyOf(searches);
		if (!queries.isEmpty() && accessToken == null) {
			throw new IllegalArgumentException("queries need access-token: Mastodon's status search answers only "
					+ "requests with a user's access token; set access-token to ${AN_ENVIRONMENT_VARIABLE} holding one");
		}
		if (pollInterval == null || pollInterval.isZero() || pollInterval.isNegative()) {
			throw new IllegalArgumentException("poll-interval must be positive, was " + pollInterval);
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException(
					"limit must be between 1 and 40 (Mastodon's largest page), was " + limit);
		}
		if (requestTimeout == null || requestTimeout.isZero() || requestTimeout.isNegative()) {
			throw new IllegalArgumentException("request-timeout must be positive, was " + requestTimeout);
		}
	}

	/**
	 * The name of a hashtag as Mastodon's tag timeline wants it.
	 * @param hashtag a hashtag, with or without a leading {@code #}
	 * @return its name, or null when it is not a hashtag Mastodon can follow
	 */
	static String hashtagName(String hashtag) {
		if (hashtag == null) {
			return null;
		}
		String name = hashtag.strip();
		name = name.startsWith("#") ? name.substring(1) : name;
		return HASHTAG.matcher(name).matches() ? name : null;
	}

	@Override
	public String toString() {
		return "MastodonSettings[baseUrl=" + this.baseUrl + ", accessToken="
				+ ((this.accessToken != null) ? "******" : "unset") + ", hashtags=" + this.hashtags + ", queries="
				+ this.queries + ", pollInterval=" + this.pollInterval + ", limit=" + this.limit + "]";
	}

}
