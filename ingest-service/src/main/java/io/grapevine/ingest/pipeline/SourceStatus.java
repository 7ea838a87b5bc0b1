package io.grapevine.ingest.pipeline;

import java.time.Instant;
import java.util.Optional;

import io.grapevine.ingest.source.Cursor;

/**
 * What an operator wants to know about one source instance: is it running, is it well,
 * how far has it got.
 *
 * @param instanceId the source instance id
 * @param enabled whether it runs
 * @param healthy false from a failed page until the next page that succeeds
 * @param lastSuccess when a page was last fetched and published
 * @param lastError the last problem, kept after recovery for reference
 * @param lastErrorAt when the last problem happened
 * @param itemsPublished mentions published since this service started
 * @param deadLetters dead letters published since this service started
 * @param pausedUntil when the source asked not to be called before a time
 * @param cursor the stored position
 * @param credentialsRefused whether the API refused the instance's credentials on the
 * last page (until a page succeeds)
 * @param rateLimitRemaining the requests the API last said were left in its window
 */
public record SourceStatus(String instanceId, boolean enabled, boolean healthy, Optional<Instant> lastSuccess,
		Optional<String> lastError, Optional<Instant> lastErrorAt, long itemsPublished, long deadLetters,
		Optional<Instant> pausedUntil, Optional<Cursor> cursor, boolean credentialsRefused,
		Optional<Long> rateLimitRemaining) {

	static SourceStatus enabled(String instanceId) {
		return new SourceStatus(instanceId, true, true, Optional.empty(), Optional.empty(), Optional.empty(), 0, 0,
				Optional.empty(), Optional.empty(), false, Optional.empty());
	}

	static SourceStatus disabled(String instanceId) {
		return new SourceStatus(instanceId, false, true, Optional.empty(), Optional.empty(), Optional.empty(), 0, 0,
				Optional.empty(), Optional.empty(), false, Optional.empty());
	}

	SourceStatus restored(Cursor cursor) {
		return new SourceStatus(this.instanceId, this.enabled, this.healthy, this.lastSuccess, this.lastError,
				this.lastErrorAt, this.itemsPublished, this.deadLetters, this.pausedUntil, Optional.of(cursor),
				this.credentialsRefused, this.rateLimitRemaining);
	}

	SourceStatus published(Cursor cursor, int mentions, int deadLetters, Optional<Instant> pausedUntil,
			Optional<Long> rateLimitRemaining, Instant now) {
		return new SourceStatus(this.instanceId, this.enabled, true, Optional.of(now), this.lastError, this.lastErrorAt,
				this.itemsPublished + mentions, this.deadLetters + deadLetters, pausedUntil, Optional.of(cursor), false,
				rateLimitRemaining.or(() -> this.rateLimitRemaining));
	}

	SourceStatus failed(String problem, int deadLetters, Optional<Instant> pausedUntil, boolean credentialsRefused,
			Optional<Long> rateLimitRemaining, Instant now) {
		return new SourceStatus(this.instanceId, this.enabled, false, this.lastSuccess, Optional.of(problem),
				Optional.of(now), this.itemsPublished, this.deadLetters + deadLetters, pausedUntil, this.cursor,
				credentialsRefused, rateLimitRemaining.or(() -> this.rateLimitRemaining));
	}

}
