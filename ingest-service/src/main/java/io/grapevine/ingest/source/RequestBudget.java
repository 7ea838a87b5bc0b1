package io.grapevine.ingest.source;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A number of requests a source instance may send in a window of time, counted by the
 * instance itself so that it waits before an API whose limit is documented but not
 * announced in its answers has to refuse. What is spent in the current window is stored
 * with the instance's cursor, and the replica that runs the instance next resumes the
 * count (see {@link #resume}), so a move between replicas does not open a second window.
 */
public final class RequestBudget {

	private final int limit;

	private final Duration window;

	private Instant windowStart;

	private int spent;

	/**
	 * A budget.
	 * @param limit the requests allowed in one window, at least 1
	 * @param window the window, positive
	 */
	public RequestBudget(int limit, Duration window) {
		if (limit < 1) {
			throw new IllegalArgumentException("a request budget allows at least one request, was " + limit);
		}
		if (window == null || window.isZero() || window.isNegative()) {
			throw new IllegalArgumentException("a request budget's window must be positive, was " + window);
		}
		this.limit = limit;
		this.window = window;
	}

	/**
	 * Count one request, unless the window's requests are spent.
	 * @param now the time of the request
	 * @return empty when the request may be sent, else the time the window ends
	 */
	public synchronized Optional<Instant> spend(Instant now) {
		if (this.windowStart == null || !now.isBefore(this.windowStart.plus(this.window))) {
			this.windowStart = now;
			this.spent = 0;
		}
		if (this.spent < this.limit) {
			this.spent++;
			return Optional.empty();
		}
		return Optional.of(this.windowStart.plus(this.window));
	}

	/**
	 * What is spent in the current window, for the instance's next owner to resume from.
	 * @return the window and its requests, or empty before the first request
	 */
	public synchronized Optional<Spent> spent() {
		return (this.windowStart != null) ? Optional.of(new Spent(this.windowStart, this.spent)) : Optional.empty();
	}

	/**
	 * Go on with what an earlier owner of the instance spent: a window of its that is
	 * still open counts its requests, unless this budget counts more already; a window
	 * that has ended is forgotten.
	 * @param stored what the earlier owner stored
	 * @param now the current time
	 */
	public synchronized void resume(Spent stored, Instant now) {
		if (!now.isBefore(stored.windowStart().plus(this.window))) {
			return;
		}
		boolean ownOpen = this.windowStart != null && now.isBefore(this.windowStart.plus(this.window));
		if (!ownOpen || stored.requests() > this.spent) {
			this.windowStart = stored.windowStart();
			this.spent = Math.min(stored.requests(), this.limit);
		}
	}

	/**
	 * The requests spent in a window of a budget.
	 *
	 * @param windowStart when the window began (its first request)
	 * @param requests the requests sent in it
	 */
	public record Spent(Instant windowStart, int requests) {

		public Spent {
			if (windowStart == null) {
				throw new IllegalArgumentException("a spent budget needs the start of its window");
			}
			if (requests < 0) {
				throw new IllegalArgumentException("a spent budget counts no fewer than 0 requests, was " + requests);
			}
		}

	}

}
