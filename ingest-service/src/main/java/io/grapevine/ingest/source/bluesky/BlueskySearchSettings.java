package io.grapevine.ingest.source.bluesky;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of one {@code bluesky} instance, which searches posts through a Bluesky
 * service with an account's app password.
 *
 * @param serviceUrl the service that creates the session and answers the search (the
 * account's PDS, which passes the search on to the AppView); {@code https://bsky.social}
 * @param identifier the account's handle (or DID or email) to sign in with
 * @param appPassword an app password of that account, always as {@code ${VARIABLE}}
 * @param queries the search queries; when empty, the organization's topic keywords, one
 * query each
 * @param pollInterval how long to wait once every query is read up to its newest post
 * @param limit posts per page, 1 to 100
 * @param maxPagesPerRound how many pages one query may be read back in one round
 * @param requestTimeout how long one request may take
 */
record BlueskySearchSettings(@DefaultValue("https://bsky.social") URI serviceUrl, @NotBlank String identifier,
		String appPassword, List<String> queries, @DefaultValue("2m") Duration pollInterval,
		@DefaultValue("100") @Min(1) @Max(100) int limit, @DefaultValue("10") @Min(1) @Max(100) int maxPagesPerRound,
		@DefaultValue("30s") Duration requestTimeout) {

	BlueskySearchSettings {
		if (serviceUrl == null || !serviceUrl.isAbsolute() || serviceUrl.getHost() == null
				|| !("http".equals(serviceUrl.getScheme()) || "https".equals(serviceUrl.getScheme()))) {
			throw new IllegalArgumentException(
					"service-url must be an absolute http(s) URL such as https://bsky.social, was '" + serviceUrl
							+ "'");
		}
		identifier = (identifier != null) ? identifier.strip() : null;
		List<String> distinct = new ArrayList<>();
		for (String query : (queries != null) ? queries : List.<String>of()) {
			if (query == null || query.isBlank()) {
				throw new IllegalArgumentException("queries must not hold a blank query");
			}
			String stripped = query.strip();
			if (distinct.stream()
				.noneMatch((known) -> known.toLowerCase(Locale.ROOT).equals(stripped.toLowerCase(Locale.ROOT)))) {
				distinct.add(stripped);
			}
		}
		queries = List.copyOf(distinct);
		requirePositive(pollInterval, "poll-interval");
		requirePositive(requestTimeout, "request-timeout");
	}

	private static void requirePositive(Duration duration, String name) {
		if (duration == null || duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException(name + " must be positive, was " + duration);
		}
	}

	@Override
	public String toString() {
		return "BlueskySearchSettings[serviceUrl=" + this.serviceUrl + ", identifier=" + this.identifier
				+ ", appPassword=" + ((this.appPassword != null) ? "******" : "unset") + ", queries=" + this.queries
				+ ", pollInterval=" + this.pollInterval + ", limit=" + this.limit + "]";
	}

}
