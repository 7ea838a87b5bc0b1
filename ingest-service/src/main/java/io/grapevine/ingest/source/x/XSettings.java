package io.grapevine.ingest.source.x;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of one X API v2 recent-search instance, declared under {@code sources} in the
 * organization file with {@code type: x}.
 *
 * @param baseUrl where the X API is (absolute http(s) URL)
 * @param bearerToken the App-only bearer token, as a reference to an environment variable
 * such as {@code ${X_BEARER_TOKEN}}; required
 * @param pollInterval how long to wait between rounds once the newest tweets are in
 * @param maxResults tweets per page, 10 to 100
 * @param query a search query to use instead of the one built from the organization's
 * topic keywords
 * @param requestTimeout how long one request may take
 */
public record XSettings(@NotNull @DefaultValue("https://api.x.com") URI baseUrl, String bearerToken,
		@NotNull @DefaultValue("60s") Duration pollInterval, @Min(10) @Max(100) @DefaultValue("100") int maxResults,
		@Size(max = XQuery.MAX_LENGTH) String query, @NotNull @DefaultValue("30s") Duration requestTimeout) {

	public XSettings {
		if (baseUrl != null && (!baseUrl.isAbsolute() || baseUrl.getHost() == null
				|| !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())))) {
			throw new IllegalArgumentException(
					"base-url must be an absolute http(s) URL such as https://api.x.com, was '" + baseUrl + "'");
		}
		if (pollInterval != null && (pollInterval.isZero() || pollInterval.isNegative())) {
			throw new IllegalArgumentException("poll-interval must be positive, was " + pollInterval);
		}
		if (requestTimeout != null && (requestTimeout.isZero() || requestTimeout.isNegative())) {
			throw new IllegalArgumentException("request-timeout must be positive, was " + requestTimeout);
		}
	}

	@Override
	public String toString() {
		return "XSettings[baseUrl=" + this.baseUrl + ", bearerToken="
				+ ((this.bearerToken != null) ? "******" : "unset") + ", pollInterval=" + this.pollInterval
				+ ", maxResults=" + this.maxResults + "]";
	}

}
