package io.grapevine.ingest.source;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.springframework.http.HttpHeaders;

/**
 * Reads the HTTP {@code Retry-After} header, which gives either a number of seconds or an
 * HTTP date.
 */
public final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * The time an answer asks to wait until.
	 * @param headers the answer's headers
	 * @param now the time the answer arrived
	 * @return the time, or empty when the header is missing or unreadable
	 */
	public static Optional<Instant> of(HttpHeaders headers, Instant now) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(now.plusSeconds(Math.max(0, Long.parseLong(value.strip()))));
		}
		catch (NumberFormatException ex) {
			try {
				return Optional
					.of(ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
			}
			catch (DateTimeParseException notADate) {
				return Optional.empty();
			}
		}
	}

}
