package io.grapevine.ingest.source;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A number of requests a source instance may send in a window of time, counted by the
 * instance itself so that it waits before an API whose limit is documented but not
 * announced in its answers has to refuse.
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

}
