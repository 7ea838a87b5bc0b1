package io.grapevine.ingest.source;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A number of requests a source instance may send in a window of time, counted by the
 * instance itself so that it waits before an API whose limit is documented but not
 * announced in its answers has to refuse. What is spent in the current window is stored
 * with the instance's cursor, and the replica that runs the instance next resumes the
 * count (see {@link #resume}), so a move between replicas does not open a second window.
 */
public final class RequestBudget {

	private final int limit;

	/** The start of the window a request opens at a time. */
	private final UnaryOperator<Instant> opens;

	/** The end of the window that starts at a time. */
	private final UnaryOperator<Instant> ends;

	private Instant windowStart;

	private int spent;

	/**
	 * A budget.
	 * @param limit the requests allowed in one window, at least 1
	 * @param window the window, positive
	 */
	public RequestBudget(int limit, Duration window) {
		this(limit, UnaryOperator.identity(), (start) -> start.plus(window));
		if (window == null || window.isZero() || window.isNegative()) {
			throw new IllegalArgumentException("a request budget's window must be positive, was " + window);
		}
	}

	private RequestBudget(int limit, UnaryOperator<Instant> opens, UnaryOperator<Instant> ends) {
		if (limit < 1) {
			throw new IllegalArgumentException("a request budget allows at least one request, was " + limit);
		}
		this.limit = limit;
		this.opens = opens;
		this.ends = ends;
	}

	/**
	 * A budget of calendar days that begin at midnight in a zone, as an API's daily quota
	 * is renewed.
	 * @param limit the requests allowed in one day, at least 1
	 * @param zone the zone whose midnight renews the budget
	 * @return the budget
	 */
	public static RequestBudget daily(int limit, ZoneId zone) {
		return new RequestBudget(limit,
				(now) -> ZonedDateTime.ofInstant(now, zone).toLocalDate().atStartOfDay(zone).toInstant(),
				(start) -> ZonedDateTime.ofInstant(start, zone)
					.toLocalDate()
					.plusDays(1)
					.atStartOfDay(zone)
					.toInstant());
	}

	/**
	 * Count one request, unless the window's requests are spent.
	 * @param now the time of the request
	 * @return empty when the request may be sent, else the time the window ends
	 */
	public synchronized Optional<Instant> spend(Instant now) {
		if (this.windowStart == null || !now.isBefore(this.ends.apply(this.windowStart))) {
			this.windowStart = this.opens.apply(now);
			this.spent = 0;
		}
		if (this.spent < this.limit) {
			this.spent++;
			return Optional.empty();
		}
		return Optional.of(this.ends.apply(this.windowStart));
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
		if (!now.isBefore(this.ends.apply(stored.windowStart()))) {
			return;
		}
		boolean ownOpen = this.windowStart != null && now.isBefore(this.ends.apply(this.windowStart));
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
