package io.grapevine.ingest.source.mastodon;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Mastodon source, which polls the hashtag timelines of one server.
 *
 * @param enabled whether the source runs
 * @param instanceId the source instance id, the key of its cursor; defaults to
 * {@code mastodon:<host of base-url>}, or {@code mastodon:search} without a base URL
 * @param baseUrl the Mastodon server (absolute http(s) URL such as
 * {@code https://mastodon.social}); required when enabled
 * @param accessToken an optional access token (environment:
 * {@code GRAPEVINE_INGEST_MASTODON_ACCESS_TOKEN}), sent as a bearer token when set
 * @param hashtags the hashtags to follow, without {@code #}; when empty, the
 * organization's topic keywords that start with {@code #}
 * @param pollInterval how long to wait once every hashtag is read up to the newest status
 * @param limit statuses per page, 1 to 40
 * @param requestTimeout how long one request may take
 */
@Validated
@ConfigurationProperties("grapevine.ingest.mastodon")
public record MastodonProperties(@DefaultValue("false") boolean enabled, String instanceId, URI baseUrl,
		String accessToken, List<String> hashtags, @DefaultValue("2m") Duration pollInterval,
		@DefaultValue("40") int limit, @DefaultValue("30s") Duration requestTimeout) {

	/** Mastodon serves at most 40 statuses a page on its timelines. */
	static final int MAX_LIMIT = 40;

	/** The setting that holds the access token, named in messages. */
	static final String ACCESS_TOKEN_SETTING = "grapevine.ingest.mastodon.access-token (environment GRAPEVINE_INGEST_MASTODON_ACCESS_TOKEN)";

	private static final String PREFIX = "grapevine.ingest.mastodon.";

	private static final Pattern HASHTAG = Pattern.compile("[\\p{L}\\p{N}_]+");

	public MastodonProperties {
		if (baseUrl != null && (!baseUrl.isAbsolute() || baseUrl.getHost() == null
				|| !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())))) {
			throw new IllegalArgumentException(
					PREFIX + "base-url must be an absolute http(s) URL such as https://mastodon.social, was '" + baseUrl
							+ "'");
		}
		if (enabled && baseUrl == null) {
			throw new IllegalArgumentException(PREFIX + "enabled is true but " + PREFIX
					+ "base-url is not set; set it to the Mastodon server to read, e.g. https://mastodon.social");
		}
		if (instanceId == null || instanceId.isBlank()) {
			instanceId = (baseUrl != null) ? "mastodon:" + baseUrl.getHost().toLowerCase(Locale.ROOT)
					: "mastodon:search";
		}
		accessToken = (accessToken != null && !accessToken.isBlank()) ? accessToken.strip() : null;
		List<String> names = new ArrayList<>();
		for (String hashtag : (hashtags != null) ? hashtags : List.<String>of()) {
			String name = hashtagName(hashtag);
			if (name == null) {
				throw new IllegalArgumentException(PREFIX + "hashtags must be hashtag names (letters, digits and _, "
						+ "with or without a leading #), was '" + hashtag + "'");
			}
			if (names.stream().noneMatch(name::equalsIgnoreCase)) {
				names.add(name);
			}
		}
		hashtags = List.copyOf(names);
		if (pollInterval == null || pollInterval.isZero() || pollInterval.isNegative()) {
			throw new IllegalArgumentException(PREFIX + "poll-interval must be positive, was " + pollInterval);
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException(
					PREFIX + "limit must be between 1 and 40 (Mastodon's largest page), was " + limit);
		}
		if (requestTimeout == null || requestTimeout.isZero() || requestTimeout.isNegative()) {
			throw new IllegalArgumentException(PREFIX + "request-timeout must be positive, was " + requestTimeout);
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
		return "MastodonProperties[enabled=" + this.enabled + ", instanceId=" + this.instanceId + ", baseUrl="
				+ this.baseUrl + ", accessToken=" + ((this.accessToken != null) ? "******" : "unset") + ", hashtags="
				+ this.hashtags + ", pollInterval=" + this.pollInterval + ", limit=" + this.limit + "]";
	}

}
