package io.grapevine.ingest.source.youtube;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of one YouTube instance, which reads the newest comment threads of chosen
 * channels and videos with an API key, declared under {@code sources} in the organization
 * file with {@code type: youtube}.
 *
 * @param baseUrl where the YouTube Data API is (absolute http(s) URL)
 * @param apiKey the API key of a Google Cloud project with the YouTube Data API v3
 * enabled, as a reference to an environment variable such as {@code ${YOUTUBE_API_KEY}};
 * required
 * @param channelIds channels whose videos' comment threads are read
 * ({@code allThreadsRelatedToChannelId})
 * @param videoIds videos whose comment threads are read ({@code videoId})
 * @param pollInterval how long to wait once every listing is read up to its newest thread
 * @param maxResults threads per page, 1 to 100
 * @param quotaResetZone the zone whose midnight resets the daily quota (Pacific time)
 * @param requestTimeout how long one request may take
 * @param searchTerms the {@code searchTerms} sent as written, instead of the ones built
 * from the topics' listening queries
 * @param topicSearchTerms whether the terms built from the topics' listening queries are
 * sent when {@code search-terms} is not set; with {@code false} every comment thread is
 * read
 * @param dailyQuotaUnits the quota units of the Google Cloud project this instance may
 * spend in one quota day (10,000 is a project's default; instances sharing a project
 * share it out); {@code commentThreads.list} costs one unit a request, and the instance
 * pauses until the quota resets once it has spent them, before YouTube has to refuse
 * @param videoLanguages whether to ask {@code videos.list} (one unit for up to 50 videos,
 * each video asked about once) for the language of the videos comments are on, which the
 * language detector takes as a prior for short comments; on by default
 */
public record YouTubeSettings(@DefaultValue("https://www.googleapis.com") URI baseUrl, String apiKey,
		List<String> channelIds, List<String> videoIds, @DefaultValue("10m") Duration pollInterval,
		@DefaultValue("100") int maxResults, @DefaultValue("America/Los_Angeles") String quotaResetZone,
		@DefaultValue("30s") Duration requestTimeout, String searchTerms,
		@DefaultValue("true") boolean topicSearchTerms, @DefaultValue("10000") int dailyQuotaUnits,
		@DefaultValue("true") boolean videoLanguages) {

	/** The API serves at most 100 threads a page. */
	static final int MAX_RESULTS = 100;

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	public YouTubeSettings {
		if (baseUrl == null || !baseUrl.isAbsolute() || baseUrl.getHost() == null
				|| !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
			throw new IllegalArgumentException(
					"base-url must be an absolute http(s) URL such as https://www.googleapis.com, was '" + baseUrl
							+ "'");
		}
		apiKey = (apiKey != null && !apiKey.isBlank()) ? apiKey.strip() : null;
		channelIds = ids("channel-ids", channelIds);
		videoIds = ids("video-ids", videoIds);
		if (channelIds.isEmpty() && videoIds.isEmpty()) {
			throw new IllegalArgumentException(
					"neither channel-ids nor video-ids is set; name at least one channel (UC...) or video to read comments of");
		}
		if (pollInterval == null || pollInterval.isZero() || pollInterval.isNegative()) {
			throw new IllegalArgumentException("poll-interval must be positive, was " + pollInterval);
		}
		if (maxResults < 1 || maxResults > MAX_RESULTS) {
			throw new IllegalArgumentException(
					"max-results must be between 1 and 100 (the API's largest page), was " + maxResults);
		}
		try {
			ZoneId.of((quotaResetZone != null) ? quotaResetZone.strip() : "");
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("quota-reset-zone must be a time zone id such as "
					+ "America/Los_Angeles, was '" + quotaResetZone + "'");
		}
		quotaResetZone = quotaResetZone.strip();
		if (dailyQuotaUnits < 1) {
			throw new IllegalArgumentException(
					"daily-quota-units must be at least 1 (a request costs one unit), was " + dailyQuotaUnits);
		}
		if (requestTimeout == null || requestTimeout.isZero() || requestTimeout.isNegative()) {
			throw new IllegalArgumentException("request-timeout must be positive, was " + requestTimeout);
		}
		searchTerms = (searchTerms != null && !searchTerms.isBlank()) ? searchTerms.strip() : null;
		if (searchTerms != null && searchTerms.length() > YouTubeSearchTerms.MAX_LENGTH) {
			throw new IllegalArgumentException("search-terms must be at most " + YouTubeSearchTerms.MAX_LENGTH
					+ " characters, was " + searchTerms.length());
		}
	}

	/**
	 * The zone whose midnight resets the daily quota.
	 * @return the zone
	 */
	ZoneId quotaZone() {
		return ZoneId.of(this.quotaResetZone);
	}

	private static List<String> ids(String setting, List<String> values) {
		List<String> ids = new ArrayList<>();
		for (String value : (values != null) ? values : List.<String>of()) {
			String id = (value != null) ? value.strip() : "";
			if (!ID.matcher(id).matches()) {
				throw new IllegalArgumentException(
						setting + " must be YouTube ids (letters, digits, _ and -), was '" + value + "'");
			}
			if (!ids.contains(id)) {
				ids.add(id);
			}
		}
		return List.copyOf(ids);
	}

	@Override
	public String toString() {
		return "YouTubeSettings[baseUrl=" + this.baseUrl + ", apiKey=" + ((this.apiKey != null) ? "******" : "unset")
				+ ", channelIds=" + this.channelIds + ", videoIds=" + this.videoIds + ", pollInterval="
				+ this.pollInterval + ", maxResults=" + this.maxResults + ", quotaResetZone=" + this.quotaResetZone
				+ ", requestTimeout=" + this.requestTimeout + ", searchTerms=" + this.searchTerms
				+ ", topicSearchTerms=" + this.topicSearchTerms + ", videoLanguages=" + this.videoLanguages + "]";
	}

}
