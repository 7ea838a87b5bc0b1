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
 * @param deadLettering whether every item of the last page that had items went to the
 * dead-letter topic (until a page publishes a mention): the source is read but nothing it
 * reads gets through
 */
public record SourceStatus(String instanceId, boolean enabled, boolean healthy, Optional<Instant> lastSuccess,
		Optional<String> lastError, Optional<Instant> lastErrorAt, long itemsPublished, long deadLetters,
		Optional<Instant> pausedUntil, Optional<Cursor> cursor, boolean credentialsRefused,
		Optional<Long> rateLimitRemaining, boolean deadLettering) {

	static SourceStatus enabled(String instanceId) {
		return new SourceStatus(instanceId, true, true, Optional.empty(), Optional.empty(), Optional.empty(), 0, 0,
				Optional.empty(), Optional.empty(), false, Optional.empty(), false);
	}

	static SourceStatus disabled(String instanceId) {
		return new SourceStatus(instanceId, false, true, Optional.empty(), Optional.empty(), Optional.empty(), 0, 0,
				Optional.empty(), Optional.empty(), false, Optional.empty(), false);
	}

	SourceStatus restored(Cursor cursor) {
		return new SourceStatus(this.instanceId, this.enabled, this.healthy, this.lastSuccess, this.lastError,
				this.lastErrorAt, this.itemsPublished, this.deadLetters, this.pausedUntil, Optional.of(cursor),
				this.credentialsRefused, this.rateLimitRemaining, this.deadLettering);
	}

	SourceStatus published(Cursor cursor, int mentions, int deadLetters, Optional<Instant> pausedUntil,
			Optional<Long> rateLimitRemaining, Instant now) {
		boolean nothingGotThrough = mentions == 0 && deadLetters > 0;
		boolean deadLettering = nothingGotThrough || (this.deadLettering && mentions == 0);
		Optional<String> error = nothingGotThrough
				? Optional.of("every one of the " + deadLetters
						+ " items of the last page went to the dead-letter topic; read their reasons there")
				: this.lastError;
		Optional<Instant> errorAt = nothingGotThrough ? Optional.of(now) : this.lastErrorAt;
		return new SourceStatus(this.instanceId, this.enabled, !deadLettering, Optional.of(now), error, errorAt,
				this.itemsPublished + mentions, this.deadLetters + deadLetters, pausedUntil, Optional.of(cursor), false,
				rateLimitRemaining.or(() -> this.rateLimitRemaining), deadLettering);
	}

	SourceStatus failed(String problem, int deadLetters, Optional<Instant> pausedUntil, boolean credentialsRefused,
			Optional<Long> rateLimitRemaining, Instant now) {
		return new SourceStatus(this.instanceId, this.enabled, false, this.lastSuccess, Optional.of(problem),
				Optional.of(now), this.itemsPublished, this.deadLetters + deadLetters, pausedUntil, this.cursor,
				credentialsRefused, rateLimitRemaining.or(() -> this.rateLimitRemaining), this.deadLettering);
	}

}
