package io.grapevine.ingest.source.reddit;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of one Reddit instance, which searches Reddit and reads chosen subreddits with
 * an app-only OAuth token, declared under {@code sources} in the organization file with
 * {@code type: reddit}.
 *
 * @param baseUrl where Reddit's OAuth API is (absolute http(s) URL)
 * @param authUrl where Reddit hands out access tokens (absolute http(s) URL)
 * @param clientId the client id of the Reddit app as a reference to an environment
 * variable such as {@code ${REDDIT_CLIENT_ID}}; required
 * @param clientSecret the client secret of the Reddit app as a reference to an
 * environment variable such as {@code ${REDDIT_CLIENT_SECRET}}; required
 * @param userAgent the descriptive User-Agent Reddit asks for, e.g.
 * {@code server:io.grapevine:0.1 (by /u/yourname)}; required
 * @param query a search query to use instead of the one built from the organization's
 * topic keywords
 * @param subreddits subreddits whose newest posts are read as well, with or without
 * {@code r/}
 * @param pollInterval how long to wait once every listing is read up to its newest item
 * @param limit items per page, 1 to 100
 * @param requestTimeout how long one request may take
 */
public record RedditSettings(@DefaultValue("https://oauth.reddit.com") URI baseUrl,
		@DefaultValue("https://www.reddit.com") URI authUrl, String clientId, String clientSecret, String userAgent,
		String query, List<String> subreddits, @DefaultValue("2m") Duration pollInterval,
		@DefaultValue("100") int limit, @DefaultValue("30s") Duration requestTimeout) {

	/** Reddit serves at most 100 items a page. */
	static final int MAX_LIMIT = 100;

	private static final Pattern SUBREDDIT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_]{1,20}");

	public RedditSettings {
		checkUrl("base-url", baseUrl, "https://oauth.reddit.com");
		checkUrl("auth-url", authUrl, "https://www.reddit.com");
		clientId = blankToNull(clientId);
		clientSecret = blankToNull(clientSecret);
		userAgent = blankToNull(userAgent);
		query = blankToNull(query);
		if (userAgent == null) {
			throw new IllegalArgumentException(
					"user-agent is not set; Reddit throttles generic agents, so set a descriptive one such as "
							+ "'server:io.grapevine:0.1 (by /u/yourname)'");
		}
		List<String> names = new ArrayList<>();
		for (String subreddit : (subreddits != null) ? subreddits : List.<String>of()) {
			String name = subredditName(subreddit);
			if (name == null) {
				throw new IllegalArgumentException("subreddits must be subreddit names (3 to 21 letters, "
						+ "digits and _, with or without r/), was '" + subreddit + "'");
			}
			if (names.stream().noneMatch(name::equalsIgnoreCase)) {
				names.add(name);
			}
		}
		subreddits = List.copyOf(names);
		if (pollInterval == null || pollInterval.isZero() || pollInterval.isNegative()) {
			throw new IllegalArgumentException("poll-interval must be positive, was " + pollInterval);
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be between 1 and 100 (Reddit's largest page), was " + limit);
		}
		if (requestTimeout == null || requestTimeout.isZero() || requestTimeout.isNegative()) {
			throw new IllegalArgumentException("request-timeout must be positive, was " + requestTimeout);
		}
	}

	/**
	 * The name of a subreddit as Reddit's paths want it.
	 * @param subreddit a subreddit, with or without {@code r/} or {@code /r/}
	 * @return its name, or null when it cannot be a subreddit
	 */
	static String subredditName(String subreddit) {
		if (subreddit == null) {
			return null;
		}
		String name = subreddit.strip();
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.startsWith("/r/")) {
			name = name.substring(3);
		}
		else if (lower.startsWith("r/")) {
			name = name.substring(2);
		}
		return SUBREDDIT.matcher(name).matches() ? name : null;
	}

	private static void checkUrl(String setting, URI url, String example) {
		if (url == null || !url.isAbsolute() || url.getHost() == null
				|| !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
			throw new IllegalArgumentException(
					setting + " must be an absolute http(s) URL such as " + example + ", was '" + url + "'");
		}
	}

	private static String blankToNull(String value) {
		return (value != null && !value.isBlank()) ? value.strip() : null;
	}

	@Override
	public String toString() {
		return "RedditSettings[baseUrl=" + this.baseUrl + ", authUrl=" + this.authUrl + ", clientId="
				+ ((this.clientId != null) ? "******" : "unset") + ", clientSecret="
				+ ((this.clientSecret != null) ? "******" : "unset") + ", userAgent=" + this.userAgent + ", query="
				+ this.query + ", subreddits=" + this.subreddits + ", pollInterval=" + this.pollInterval + ", limit="
				+ this.limit + "]";
	}

}
