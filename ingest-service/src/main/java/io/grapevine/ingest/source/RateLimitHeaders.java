package io.grapevine.ingest.source;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;

/**
 * How an API announces its rate limit in its answers' headers: the requests left in the
 * window, and when the window resets, which each API writes its own way. A page whose
 * answer leaves no request pauses its source instance until the reset, before the API has
 * to refuse.
 */
public final class RateLimitHeaders {

	private static final Logger logger = LoggerFactory.getLogger(RateLimitHeaders.class);

	/** Later than any reset an API would announce: the year 3000. */
	private static final long LAST_EPOCH_SECOND = 32_503_680_000L;

	private final String api;

	private final String remainingHeader;

	private final String resetHeader;

	private final Reset reset;

	private RateLimitHeaders(String api, String remainingHeader, String resetHeader, Reset reset) {
		this.api = api;
		this.remainingHeader = remainingHeader;
		this.resetHeader = resetHeader;
		this.reset = reset;
	}

	/**
	 * The rate-limit headers of an API.
	 * @param api the API's name, for the log
	 * @param remainingHeader the header of the requests left
	 * @param resetHeader the header of the reset
	 * @param reset how the reset is written
	 * @return the headers
	 */
	public static RateLimitHeaders of(String api, String remainingHeader, String resetHeader, Reset reset) {
		return new RateLimitHeaders(api, remainingHeader, resetHeader, reset);
	}

	/**
	 * The requests left in the window; a fraction (Reddit writes {@code 598.0}) is
	 * rounded down.
	 * @param headers the answer's headers
	 * @return the requests left, when the header is there and readable
	 */
	public Optional<Long> remaining(HttpHeaders headers) {
		String value = headers.getFirst(this.remainingHeader);
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		try {
			double left = Double.parseDouble(value.strip());
			return (Double.isFinite(left) && left >= 0) ? Optional.of((long) Math.floor(left)) : Optional.empty();
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * When the window resets.
	 * @param headers the answer's headers
	 * @param now the time the answer arrived
	 * @return the time, when the header is there and readable
	 */
	public Optional<Instant> reset(HttpHeaders headers, Instant now) {
		String value = headers.getFirst(this.resetHeader);
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		try {
			return switch (this.reset) {
				case EPOCH_SECONDS -> {
					long seconds = Long.parseLong(value.strip());
					yield (seconds > 0 && seconds < LAST_EPOCH_SECOND) ? Optional.of(Instant.ofEpochSecond(seconds))
							: Optional.empty();
				}
				case ISO_8601 -> Optional.of(OffsetDateTime.parse(value.strip()).toInstant());
				case SECONDS_FROM_NOW -> {
					double seconds = Double.parseDouble(value.strip());
					yield (Double.isFinite(seconds) && seconds >= 0 && seconds < Duration.ofDays(1).toSeconds())
							? Optional.of(now.plusMillis(Math.round(seconds * 1000))) : Optional.empty();
				}
			};
		}
		catch (NumberFormatException | DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	/**
	 * A page with what its answer said of the rate limit: the requests left, and a pause
	 * until the reset when none is left.
	 * @param page the page
	 * @param headers the answer's headers
	 * @param now the time the answer arrived
	 * @param window how long to pause when the reset is missing or already past
	 * @param instanceId the source instance, for the log
	 * @return the page
	 */
	public Page apply(Page page, HttpHeaders headers, Instant now, Duration window, String instanceId) {
		Optional<Long> remaining = remaining(headers);
		if (remaining.isEmpty()) {
			return page;
		}
		Page counted = page.withRateLimitRemaining(remaining.get());
		if (remaining.get() >= 1) {
			return counted;
		}
		Instant until = reset(headers, now).filter(now::isBefore).orElse(now.plus(window));
		logger.info("Source {} used up its {} rate limit; pausing until {}", instanceId, this.api, until);
		return counted.pausedUntil(until);
	}

	/**
	 * How an API writes the time its window resets.
	 */
	public enum Reset {

		/** Seconds since the epoch (X, Bluesky). */
		EPOCH_SECONDS,

		/** An ISO-8601 time (Mastodon). */
		ISO_8601,

		/** Seconds from now, possibly with a fraction (Reddit). */
		SECONDS_FROM_NOW

	}

}
