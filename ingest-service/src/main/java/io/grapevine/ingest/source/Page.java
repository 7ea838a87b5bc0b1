package io.grapevine.ingest.source;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Mention;

/**
 * What one fetch of a source brought back: the mapped mentions, the items or pages that
 * could not be mapped, and where to continue.
 *
 * @param mentions the mapped mentions, not yet tagged with topics
 * @param deadLetters raw items or pages that could not be mapped, with their reasons
 * @param next the cursor to store once everything above has been published (the same
 * position as before when the page failed, so the next poll retries it)
 * @param more whether another page can be fetched right away
 * @param pauseUntil when the source asks not to be called before a time (rate limits)
 * @param problem what went wrong when the page itself could not be used; the instance is
 * unhealthy until a page succeeds
 * @param credentialsRefused whether the API refused the instance's credentials, which
 * only the operator can fix (health reports the instance DOWN until a page succeeds)
 * @param rateLimitRemaining how many requests the API said are left in its rate-limit
 * window, when it said so
 */
public record Page(List<Mention> mentions, List<DeadLetter> deadLetters, Cursor next, boolean more,
		Optional<Instant> pauseUntil, Optional<String> problem, boolean credentialsRefused,
		Optional<Long> rateLimitRemaining) {

	public Page {
		mentions = (mentions != null) ? List.copyOf(mentions) : List.of();
		deadLetters = (deadLetters != null) ? List.copyOf(deadLetters) : List.of();
		Objects.requireNonNull(next, "next");
		pauseUntil = (pauseUntil != null) ? pauseUntil : Optional.empty();
		problem = (problem != null) ? problem.filter((message) -> !message.isBlank()) : Optional.empty();
		rateLimitRemaining = (rateLimitRemaining != null) ? rateLimitRemaining : Optional.empty();
	}

	/**
	 * A page with neither a credentials refusal nor a known rate-limit count.
	 * @param mentions the mapped mentions
	 * @param deadLetters the items that could not be mapped
	 * @param next the cursor to store once published
	 * @param more whether another page follows right away
	 * @param pauseUntil when the source asks not to be called before a time
	 * @param problem what went wrong with the page itself
	 */
	public Page(List<Mention> mentions, List<DeadLetter> deadLetters, Cursor next, boolean more,
			Optional<Instant> pauseUntil, Optional<String> problem) {
		this(mentions, deadLetters, next, more, pauseUntil, problem, false, Optional.empty());
	}

	/**
	 * A page that was fetched and mapped.
	 * @param mentions the mentions
	 * @param deadLetters the items that could not be mapped
	 * @param next where to continue
	 * @param more whether another page follows right away
	 * @return the page
	 */
	public static Page of(List<Mention> mentions, List<DeadLetter> deadLetters, Cursor next, boolean more) {
		return new Page(mentions, deadLetters, next, more, Optional.empty(), Optional.empty());
	}

	/**
	 * A page that could not be used: nothing to publish but its dead letters, and the
	 * cursor stays where it was so the next poll retries.
	 * @param cursor the cursor the fetch started from
	 * @param problem what went wrong, for the operator
	 * @param deadLetters the raw page kept for inspection, if any
	 * @return the page
	 */
	public static Page failed(Cursor cursor, String problem, List<DeadLetter> deadLetters) {
		return new Page(List.of(), deadLetters, cursor, false, Optional.empty(), Optional.of(problem));
	}

	/**
	 * This page with a request not to call the source again before a time.
	 * @param until the earliest time of the next call
	 * @return a copy with the pause
	 */
	public Page pausedUntil(Instant until) {
		return new Page(this.mentions, this.deadLetters, this.next, false, Optional.of(until), this.problem,
				this.credentialsRefused, this.rateLimitRemaining);
	}

	/**
	 * This failed page marked as a refusal of the instance's credentials: health reports
	 * the instance DOWN, with the problem (which names the credential setting), until a
	 * page succeeds.
	 * @return a copy marked as refused
	 */
	public Page asCredentialsRefused() {
		return new Page(this.mentions, this.deadLetters, this.next, this.more, this.pauseUntil, this.problem, true,
				this.rateLimitRemaining);
	}

	/**
	 * This page with the number of requests the API says are left in its window.
	 * @param remaining the requests left
	 * @return a copy with the count
	 */
	public Page withRateLimitRemaining(long remaining) {
		return new Page(this.mentions, this.deadLetters, this.next, this.more, this.pauseUntil, this.problem,
				this.credentialsRefused, Optional.of(remaining));
	}

}
