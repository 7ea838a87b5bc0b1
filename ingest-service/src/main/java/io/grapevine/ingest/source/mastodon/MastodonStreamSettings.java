package io.grapevine.ingest.source.mastodon;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of one {@code mastodon-stream} instance, which listens to the hashtag
 * streams of one Mastodon server.
 *
 * @param baseUrl the Mastodon server, e.g. {@code https://mastodon.social}; its host goes
 * into mention ids, as with the polling source, so both write the same ids
 * @param streamingUrl where the server's streaming API answers, when not at the base URL
 * (a server's {@code GET /api/v2/instance} tells it as
 * {@code configuration.urls.streaming})
 * @param accessToken an optional access token, written as {@code ${VARIABLE}}, sent as a
 * bearer token (servers may require one for public streams)
 * @param hashtags the hashtags to follow, with or without {@code #}; when empty, the
 * organization's topic keywords that start with {@code #}
 * @param maxEvents how many statuses one fetch collects at most
 * @param maxWait how long one fetch listens at most
 * @param retryInterval how long to wait after a fetch that failed
 */
public record MastodonStreamSettings(@NotNull URI baseUrl, URI streamingUrl, String accessToken, List<String> hashtags,
		@DefaultValue("200") @Min(1) @Max(10_000) int maxEvents, @DefaultValue("30s") Duration maxWait,
		@DefaultValue("30s") Duration retryInterval) {

	private static final Pattern HASHTAG = Pattern.compile("[\\p{L}\\p{N}_]+");

	public MastodonStreamSettings {
		checkUrl(baseUrl, "base-url");
		checkUrl(streamingUrl, "streaming-url");
		accessToken = (accessToken != null && !accessToken.isBlank()) ? accessToken.strip() : null;
		List<String> names = new ArrayList<>();
		for (String hashtag : (hashtags != null) ? hashtags : List.<String>of()) {
			String name = hashtagName(hashtag);
			if (name == null) {
				throw new IllegalArgumentException("hashtags must be hashtag names (letters, digits and _, with or "
						+ "without a leading #), was '" + hashtag + "'");
			}
			if (names.stream().noneMatch(name::equalsIgnoreCase)) {
				names.add(name);
			}
		}
		hashtags = List.copyOf(names);
		if (maxWait == null || maxWait.isZero() || maxWait.isNegative()) {
			throw new IllegalArgumentException("max-wait must be positive, was " + maxWait);
		}
		if (retryInterval == null || retryInterval.isZero() || retryInterval.isNegative()) {
			throw new IllegalArgumentException("retry-interval must be positive, was " + retryInterval);
		}
	}

	/**
	 * Where the streaming API answers.
	 * @return the streaming URL, else the base URL
	 */
	URI streamingBase() {
		return (this.streamingUrl != null) ? this.streamingUrl : this.baseUrl;
	}

	/**
	 * The name of a hashtag as the streaming API wants it.
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

	private static void checkUrl(URI url, String setting) {
		if (url == null) {
			return;
		}
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!url.isAbsolute() || url.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
			throw new IllegalArgumentException(
					setting + " must be an absolute http(s) URL such as https://mastodon.social, was '" + url + "'");
		}
	}

	@Override
	public String toString() {
		return "MastodonStreamSettings[baseUrl=" + this.baseUrl + ", streamingUrl=" + this.streamingUrl
				+ ", accessToken=" + ((this.accessToken != null) ? "******" : "unset") + ", hashtags=" + this.hashtags
				+ ", maxEvents=" + this.maxEvents + ", maxWait=" + this.maxWait + "]";
	}

}
