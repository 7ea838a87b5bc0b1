package io.grapevine.ingest.source;

import java.time.Duration;
import java.util.Optional;

import reactor.core.publisher.Mono;

/**
 * A configured instance of a social source that pulls one page of mentions since a
 * cursor; the pipeline calls it in a loop and stores the cursor once the page is
 * published.
 */
public interface Source {

	/**
	 * The id of this source instance, the key of its cursor (e.g.
	 * {@code x:recent-search}, {@code demo}).
	 * @return the instance id
	 */
	String instanceId();

	/**
	 * How long to wait after a page that said no more pages follow right away.
	 * @return the poll interval
	 */
	Duration pollInterval();

	/**
	 * Fetch the page that follows the cursor and map it. A page the source cannot use is
	 * answered as a {@link Page#failed failed page} with its raw body as a dead letter;
	 * the returned {@code Mono} only errors when the source could not be reached at all.
	 * @param cursor where the previous page ended
	 * @return the page
	 */
	Mono<Page> fetch(Cursor cursor);

	/**
	 * The budget of requests the instance counts itself, when it has one: the pipeline
	 * stores what is spent of it with the cursor and resumes it wherever the instance
	 * runs next.
	 * @return the budget, or empty when the API announces its own limits
	 */
	default Optional<RequestBudget> budget() {
		return Optional.empty();
	}

}
