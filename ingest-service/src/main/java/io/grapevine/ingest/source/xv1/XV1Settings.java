package io.grapevine.ingest.source.xv1;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of one {@code x-v1} instance in the organization file. The four credentials
 * must be written as environment references such as {@code ${X_CONSUMER_KEY}}.
 *
 * @param baseUrl where the X API is; Twitter4J's {@code restBaseURL} is this plus
 * {@code /1.1/}
 * @param consumerKey the app's API key (OAuth 1.0a consumer key)
 * @param consumerSecret the app's API key secret
 * @param accessToken the user's access token
 * @param accessTokenSecret the user's access token secret
 * @param searches standard-search queries to follow ({@code search/tweets.json}); when
 * none is set, one query built from the organization's topics is followed unless
 * {@code topic-searches} is false
 * @param timelines screen names whose timelines to follow
 * ({@code statuses/user_timeline.json})
 * @param count tweets per request, 1 to 100
 * @param pollInterval how long to wait once every search and timeline is read up to its
 * newest tweet
 * @param requestTimeout how long one request may take
 * @param topicSearches whether the topics' query is searched when {@code searches} is not
 * set
 */
record XV1Settings(@DefaultValue("https://api.twitter.com") URI baseUrl, String consumerKey, String consumerSecret,
		String accessToken, String accessTokenSecret, List<String> searches, List<String> timelines,
		@Min(1) @Max(100) @DefaultValue("100") int count, @DefaultValue("2m") Duration pollInterval,
		@DefaultValue("30s") Duration requestTimeout, @DefaultValue("true") boolean topicSearches) {

	/** Standard search refuses longer queries. */
	static final int MAX_QUERY_LENGTH = 500;

	private static final Pattern SCREEN_NAME = Pattern.compile("[A-Za-z0-9_]{1,15}");

	XV1Settings {
		if (baseUrl == null || !baseUrl.isAbsolute() || baseUrl.getHost() == null
				|| !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
			throw new IllegalArgumentException(
					"base-url must be an absolute http(s) URL such as https://api.twitter.com, was '" + baseUrl + "'");
		}
		List<String> queries = new ArrayList<>();
		for (String search : (searches != null) ? searches : List.<String>of()) {
			if (search == null || search.isBlank()) {
				throw new IllegalArgumentException("searches holds a blank query");
			}
			if (search.strip().length() > MAX_QUERY_LENGTH) {
				throw new IllegalArgumentException("searches holds a query longer than " + MAX_QUERY_LENGTH
						+ " characters, which standard search refuses: " + search.strip().substring(0, 40) + "\u2026");
			}
			queries.add(search.strip());
		}
		List<String> names = new ArrayList<>();
		for (String timeline : (timelines != null) ? timelines : List.<String>of()) {
			String name = (timeline != null) ? timeline.strip() : "";
			name = name.startsWith("@") ? name.substring(1) : name;
			if (!SCREEN_NAME.matcher(name).matches()) {
				throw new IllegalArgumentException(
						"timelines must be screen names (1 to 15 letters, digits or _), was '" + timeline + "'");
			}
			names.add(name);
		}
		if (queries.isEmpty() && names.isEmpty() && !topicSearches) {
			throw new IllegalArgumentException("neither searches nor timelines is set and topic-searches is false; "
					+ "give at least one search query or one screen name");
		}
		searches = List.copyOf(queries);
		timelines = List.copyOf(names);
		if (pollInterval == null || pollInterval.isZero() || pollInterval.isNegative()) {
			throw new IllegalArgumentException("poll-interval must be positive, was " + pollInterval);
		}
		if (requestTimeout == null || requestTimeout.isZero() || requestTimeout.isNegative()) {
			throw new IllegalArgumentException("request-timeout must be positive, was " + requestTimeout);
		}
	}

	/**
	 * These settings following other searches.
	 * @param queries the standard-search queries
	 * @return the settings
	 */
	XV1Settings withSearches(List<String> queries) {
		return new XV1Settings(this.baseUrl, this.consumerKey, this.consumerSecret, this.accessToken,
				this.accessTokenSecret, queries, this.timelines, this.count, this.pollInterval, this.requestTimeout,
				this.topicSearches);
	}

	/**
	 * What Twitter4J calls {@code restBaseURL}.
	 * @return the base URL of the v1.1 endpoints, ending in {@code /1.1/}
	 */
	String restBaseUrl() {
		String base = this.baseUrl.toString();
		return (base.endsWith("/") ? base : base + "/") + "1.1/";
	}

	@Override
	public String toString() {
		return "XV1Settings[baseUrl=" + this.baseUrl + ", credentials=******, searches=" + this.searches
				+ ", timelines=" + this.timelines + ", topicSearches=" + this.topicSearches + ", count=" + this.count
				+ ", pollInterval=" + this.pollInterval + "]";
	}

}
