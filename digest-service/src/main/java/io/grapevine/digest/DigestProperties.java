package io.grapevine.digest;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.grapevine.digest.sending.DigestScheduler;

/**
 * How digests are composed, linked, sent and scheduled.
 *
 * @param searchUrl base URL of search-service, whose analytics API digests are made from
 * @param dashboardUrl the search dashboard that digests link to
 * @param publicUrl where this service's archive pages are reachable, for links in emails
 * @param from the sender of digest emails
 * @param checkInterval how often the schedule looks for due digests
 * @param schedule whether digests are sent on schedule
 * @param searchTimeout how long to wait for search-service
 * @param topMentions how many top mentions a digest shows (1..50)
 * @param delivery how deliveries are retried and claimed
 * @param savedSearchTime the local time, in each subscriber's zone, from which a saved
 * search's email of the day before is sent ({@code HH:mm})
 */
@Validated
@ConfigurationProperties("grapevine.digest")
public record DigestProperties(@NotNull @DefaultValue("http://127.0.0.1:8080") URI searchUrl,
		@NotNull @DefaultValue("http://127.0.0.1:8080/") URI dashboardUrl,
		@NotNull @DefaultValue("http://127.0.0.1:8082") URI publicUrl,
		@NotBlank @DefaultValue("Grapevine <grapevine@localhost>") String from,
		@NotNull @DefaultValue("1m") Duration checkInterval, @Valid @NotNull @DefaultValue Schedule schedule,
		@NotNull @DefaultValue("10s") Duration searchTimeout, @Min(1) @Max(50) @DefaultValue("5") int topMentions,
		@Valid @NotNull @DefaultValue Delivery delivery, @NotBlank @DefaultValue("08:00") String savedSearchTime) {

	public DigestProperties {
		requireHttp(searchUrl, "search-url");
		requireHttp(dashboardUrl, "dashboard-url");
		requireHttp(publicUrl, "public-url");
		requirePositive(checkInterval, "check-interval");
		requirePositive(searchTimeout, "search-timeout");
		if (from != null && !from.isBlank()) {
			fromAddress(from);
		}
		if (savedSearchTime != null && !savedSearchTime.isBlank()) {
			localTime(savedSearchTime);
		}
	}

	/**
	 * When saved searches' emails go out, in each subscriber's zone.
	 * @return the parsed {@link #savedSearchTime()}
	 */
	public LocalTime savedSearchLocalTime() {
		return localTime(this.savedSearchTime);
	}

	private static LocalTime localTime(String value) {
		try {
			return LocalTime.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("grapevine.digest.saved-search-time '" + value
					+ "' is not a time of day; write it as HH:mm, e.g. 08:00", ex);
		}
	}

	/**
	 * The sender as a mail address.
	 * @return the parsed {@link #from()}
	 */
	public InternetAddress fromAddress() {
		return fromAddress(this.from);
	}

	private static InternetAddress fromAddress(String from) {
		try {
			return new InternetAddress(from, true);
		}
		catch (AddressException ex) {
			throw new IllegalArgumentException("grapevine.digest.from '" + from
					+ "' is not a mail address; write it as 'Name <address@example.org>' or 'address@example.org'", ex);
		}
	}

	private static void requireHttp(URI uri, String name) {
		if (uri != null && (!uri.isAbsolute() || uri.getHost() == null
				|| !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())))) {
			throw new IllegalArgumentException(
					"grapevine.digest." + name + " '" + uri + "' must be an absolute http(s) URL");
		}
	}

	private static void requirePositive(Duration duration, String name) {
		if (duration != null && (duration.isZero() || duration.isNegative())) {
			throw new IllegalArgumentException(
					"grapevine.digest." + name + " must be positive, e.g. 1m or 30s; was " + duration);
		}
	}

	/**
	 * Whether digests go out on schedule, and how many audiences' digests one check
	 * composes and sends at once.
	 *
	 * @param enabled false to send digests only on request
	 * @param concurrency how many departments' digests due at one check are composed and
	 * sent at once (1..{@value DigestScheduler#MAX_CONCURRENCY}); all staff's and the
	 * board's follow once the departments' are done
	 */
	public record Schedule(@DefaultValue("true") boolean enabled,
			@DefaultValue("" + DigestScheduler.DEFAULT_CONCURRENCY) int concurrency) {

		public Schedule {
			DigestScheduler.requireConcurrency(concurrency, "grapevine.digest.schedule.concurrency");
		}

	}

	/**
	 * How each channel (email, Slack, Teams) is tried and claimed.
	 *
	 * @param attempts how many times one send tries a channel before the next check tries
	 * again (1..20)
	 * @param firstBackoff the wait before the second try; it doubles after each
	 * @param maxBackoff the longest wait between tries
	 * @param timeout how long one webhook request may take
	 * @param claimLease how long a replica's claim on a channel holds before another
	 * replica may take over; longer than a whole round of tries
	 */
	public record Delivery(@Min(1) @Max(20) @DefaultValue("5") int attempts,
			@NotNull @DefaultValue("1s") Duration firstBackoff, @NotNull @DefaultValue("30s") Duration maxBackoff,
			@NotNull @DefaultValue("10s") Duration timeout, @NotNull @DefaultValue("5m") Duration claimLease) {

		public Delivery {
			requirePositive(firstBackoff, "delivery.first-backoff");
			requirePositive(maxBackoff, "delivery.max-backoff");
			requirePositive(timeout, "delivery.timeout");
			requirePositive(claimLease, "delivery.claim-lease");
		}

	}

}
