package io.grapevine.ingest.source.hackernews;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Hacker News source (Algolia HN Search, public, no credentials).
 *
 * @param enabled whether the source runs
 * @param instanceId the source instance id, the key of its cursor
 * @param baseUrl where the HN Search API is (absolute http(s) URL)
 * @param pollInterval how long to wait between rounds once the newest items are in
 * @param query a search query to use instead of the one built from the organization's
 * topic keywords
 * @param hitsPerPage hits per page, 1 to 1000
 * @param requestTimeout how long one request may take
 */
@Validated
@ConfigurationProperties("grapevine.ingest.hackernews")
public record HackerNewsProperties(@DefaultValue("false") boolean enabled,
		@NotBlank @DefaultValue("hackernews:search") String instanceId,
		@NotNull @DefaultValue("https://hn.algolia.com") URI baseUrl,
		@NotNull @DefaultValue("5m") Duration pollInterval, @Size(max = HackerNewsQuery.MAX_LENGTH) String query,
		@Min(1) @Max(1000) @DefaultValue("100") int hitsPerPage,
		@NotNull @DefaultValue("30s") Duration requestTimeout) {

	private static final String PREFIX = "grapevine.ingest.hackernews.";

	public HackerNewsProperties {
		if (instanceId != null && instanceId.isBlank()) {
			throw new IllegalArgumentException(PREFIX + "instance-id must not be blank, e.g. hackernews:search");
		}
		if (baseUrl != null && (!baseUrl.isAbsolute() || baseUrl.getHost() == null
				|| !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())))) {
			throw new IllegalArgumentException(PREFIX
					+ "base-url must be an absolute http(s) URL such as https://hn.algolia.com, was '" + baseUrl + "'");
		}
		if (pollInterval != null && (pollInterval.isZero() || pollInterval.isNegative())) {
			throw new IllegalArgumentException(PREFIX + "poll-interval must be positive, was " + pollInterval);
		}
		if (hitsPerPage < 1 || hitsPerPage > HackerNewsSearchSource.MAX_REACHABLE_HITS) {
			throw new IllegalArgumentException(
					PREFIX + "hits-per-page must be between 1 and 1000 (Algolia's limit), was " + hitsPerPage);
		}
		if (query != null && query.strip().length() > HackerNewsQuery.MAX_LENGTH) {
			throw new IllegalArgumentException(PREFIX + "query must be at most " + HackerNewsQuery.MAX_LENGTH
					+ " characters (Algolia's limit), was " + query.strip().length());
		}
		if (requestTimeout != null && (requestTimeout.isZero() || requestTimeout.isNegative())) {
			throw new IllegalArgumentException(PREFIX + "request-timeout must be positive, was " + requestTimeout);
		}
	}

}
