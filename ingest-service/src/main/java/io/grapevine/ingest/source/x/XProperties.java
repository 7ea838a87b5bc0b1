package io.grapevine.ingest.source.x;

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
 * Settings of the X API v2 recent-search source.
 *
 * @param enabled whether the source runs
 * @param instanceId the source instance id, the key of its cursor
 * @param baseUrl where the X API is (absolute http(s) URL)
 * @param bearerToken the App-only bearer token (environment:
 * {@code GRAPEVINE_INGEST_X_BEARER_TOKEN}); required when enabled
 * @param pollInterval how long to wait between rounds once the newest tweets are in
 * @param maxResults tweets per page, 10 to 100
 * @param query a search query to use instead of the one built from the organization's
 * topic keywords
 * @param requestTimeout how long one request may take
 */
@Validated
@ConfigurationProperties("grapevine.ingest.x")
public record XProperties(@DefaultValue("false") boolean enabled,
		@NotBlank @DefaultValue("x:recent-search") String instanceId,
		@NotNull @DefaultValue("https://api.x.com") URI baseUrl, String bearerToken,
		@NotNull @DefaultValue("60s") Duration pollInterval, @Min(10) @Max(100) @DefaultValue("100") int maxResults,
		@Size(max = XQuery.MAX_LENGTH) String query, @NotNull @DefaultValue("30s") Duration requestTimeout) {

	/** The setting that holds the bearer token, named in messages. */
	static final String BEARER_TOKEN_SETTING = "grapevine.ingest.x.bearer-token (environment GRAPEVINE_INGEST_X_BEARER_TOKEN)";

	public XProperties {
		if (baseUrl != null && (!baseUrl.isAbsolute() || baseUrl.getHost() == null
				|| !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())))) {
			throw new IllegalArgumentException(
					"grapevine.ingest.x.base-url must be an absolute http(s) URL such as https://api.x.com, was '"
							+ baseUrl + "'");
		}
		if (pollInterval != null && (pollInterval.isZero() || pollInterval.isNegative())) {
			throw new IllegalArgumentException(
					"grapevine.ingest.x.poll-interval must be positive, was " + pollInterval);
		}
		if (requestTimeout != null && (requestTimeout.isZero() || requestTimeout.isNegative())) {
			throw new IllegalArgumentException(
					"grapevine.ingest.x.request-timeout must be positive, was " + requestTimeout);
		}
		if (enabled && (bearerToken == null || bearerToken.isBlank())) {
			throw new IllegalArgumentException("grapevine.ingest.x.enabled is true but " + BEARER_TOKEN_SETTING
					+ " is not set; set it to the App-only bearer token of your X developer app, or disable the source");
		}
	}

	@Override
	public String toString() {
		return "XProperties[enabled=" + this.enabled + ", instanceId=" + this.instanceId + ", baseUrl=" + this.baseUrl
				+ ", bearerToken=" + ((this.bearerToken != null) ? "******" : "unset") + ", pollInterval="
				+ this.pollInterval + ", maxResults=" + this.maxResults + "]";
	}

}
