package io.grapevine.ingest.pipeline.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.grapevine.ingest.pipeline.SourceStatus;
import io.grapevine.ingest.source.Cursor;

/**
 * One source instance as the API shows it.
 *
 * @param instance the source instance id
 * @param enabled whether it runs
 * @param healthy false from a failed page until the next page that succeeds
 * @param lastSuccess when a page was last fetched and published
 * @param lastError the last problem, kept after recovery for reference
 * @param lastErrorAt when the last problem happened
 * @param itemsPublished mentions published since the service started
 * @param deadLetters dead letters published since the service started
 * @param pausedUntil when the source may be called again, while it is paused
 * @param cursor the stored position, when there is one
 * @param credentialsRefused whether the API refused the instance's credentials (until a
 * page succeeds)
 * @param rateLimitRemaining the requests the API last said were left in its window
 * @param mentionsLastHour mentions published in the last hour
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
record SourceView(String instance, boolean enabled, boolean healthy, Optional<Instant> lastSuccess,
		Optional<String> lastError, Optional<Instant> lastErrorAt, long itemsPublished, long deadLetters,
		Optional<Instant> pausedUntil, Optional<CursorView> cursor, boolean credentialsRefused,
		Optional<Long> rateLimitRemaining, long mentionsLastHour) {

	static SourceView of(SourceStatus status, long mentionsLastHour, Instant now) {
		return new SourceView(status.instanceId(), status.enabled(), status.healthy(), status.lastSuccess(),
				status.lastError(), status.lastErrorAt(), status.itemsPublished(), status.deadLetters(),
				status.pausedUntil().filter((until) -> until.isAfter(now)),
				status.cursor().map((cursor) -> CursorView.of(cursor, now)), status.credentialsRefused(),
				status.rateLimitRemaining(), mentionsLastHour);
	}

	/**
	 * A stored position and how old it is.
	 *
	 * @param position the source-specific position
	 * @param updatedAt when it last moved
	 * @param ageSeconds seconds since it last moved
	 */
	record CursorView(Map<String, String> position, Instant updatedAt, long ageSeconds) {

		static CursorView of(Cursor cursor, Instant now) {
			return new CursorView(cursor.position(), cursor.updatedAt(),
					Math.max(0, Duration.between(cursor.updatedAt(), now).toSeconds()));
		}

	}

}
