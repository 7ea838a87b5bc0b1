package io.grapevine.ingest.source.hackernews;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of one Hacker News instance (Algolia HN Search, public, no credentials),
 * declared under {@code sources} in the organization file with {@code type: hackernews}.
 *
 * @param baseUrl where the HN Search API is (absolute http(s) URL)
 * @param pollInterval how long to wait between rounds once the newest items are in
 * @param query a search query to use instead of the ones built from the organization's
 * topics
 * @param hitsPerPage hits per page, 1 to 1000
 * @param requestTimeout how long one request may take
 * @param requestsPerHour the requests the instance sends in one hour at most: HN Search
 * allows 10,000 an hour from one IP address and answers 429 past it, so instances sharing
 * an address share that out
 */
public record HackerNewsSettings(@NotNull @DefaultValue("https://hn.algolia.com") URI baseUrl,
		@NotNull @DefaultValue("5m") Duration pollInterval, String query, @DefaultValue("100") int hitsPerPage,
		@NotNull @DefaultValue("30s") Duration requestTimeout, @DefaultValue("10000") int requestsPerHour) {

	public HackerNewsSettings {
		if (baseUrl != null && (!baseUrl.isAbsolute() || baseUrl.getHost() == null
				|| !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())))) {
			throw new IllegalArgumentException(
					"base-url must be an absolute http(s) URL such as https://hn.algolia.com, was '" + baseUrl + "'");
		}
		if (pollInterval != null && (pollInterval.isZero() || pollInterval.isNegative())) {
			throw new IllegalArgumentException("poll-interval must be positive, was " + pollInterval);
		}
		if (hitsPerPage < 1 || hitsPerPage > HackerNewsSearchSource.MAX_REACHABLE_HITS) {
			throw new IllegalArgumentException(
					"hits-per-page must be between 1 and 1000 (Algolia's limit), was " + hitsPerPage);
		}
		if (query != null && query.strip().length() > HackerNewsQuery.MAX_LENGTH) {
			throw new IllegalArgumentException("query must be at most " + HackerNewsQuery.MAX_LENGTH
					+ " characters (Algolia's limit), was " + query.strip().length());
		}
		if (requestsPerHour < 1) {
			throw new IllegalArgumentException("requests-per-hour must be at least 1, was " + requestsPerHour);
		}
		if (requestTimeout != null && (requestTimeout.isZero() || requestTimeout.isNegative())) {
			throw new IllegalArgumentException("request-timeout must be positive, was " + requestTimeout);
		}
	}

}
