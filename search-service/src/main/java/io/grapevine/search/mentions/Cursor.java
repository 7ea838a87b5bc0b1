package io.grapevine.search.mentions;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of results ended, carried by clients as an opaque URL-safe string: the
 * sort values of its last mention, or for folded results (which Elasticsearch cannot page
 * with {@code search_after}) how many clusters came before.
 */
public sealed interface Cursor {

	/**
	 * The opaque form clients pass back.
	 * @return URL-safe base64 without padding
	 */
	default String encode() {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The cursor before encoding.
	 * @return the plain form
	 */
	String plain();

	/**
	 * Read a cursor a client passed back.
	 * @param value the opaque form
	 * @return the cursor
	 * @throws IllegalArgumentException if the value is not a cursor this service issued
	 */
	static Cursor decode(String value) {
		String decoded;
		try {
			decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("not a cursor from nextCursor", ex);
		}
		try {
			if (decoded.startsWith("+")) {
				return new Skip(Integer.parseInt(decoded.substring(1)));
			}
			if (decoded.startsWith("!")) {
				int end = decoded.indexOf('!', 1);
				int at = decoded.indexOf('!', end + 1);
				int colon = decoded.indexOf(':', at + 1);
				if (end < 0 || at < 0 || colon < 0 || colon == decoded.length() - 1) {
					throw new IllegalArgumentException("not a cursor from nextCursor");
				}
				return new Scored(Double.parseDouble(decoded.substring(1, end)),
						Instant.ofEpochMilli(Long.parseLong(decoded.substring(end + 1, at))),
						Long.parseLong(decoded.substring(at + 1, colon)), decoded.substring(colon + 1));
			}
			Optional<Double> reach = Optional.empty();
			if (decoded.startsWith("~")) {
				int end = decoded.indexOf('~', 1);
				if (end < 0) {
					throw new IllegalArgumentException("not a cursor from nextCursor");
				}
				reach = Optional.of(Double.parseDouble(decoded.substring(1, end)));
				decoded = decoded.substring(end + 1);
			}
			int colon = decoded.indexOf(':');
			if (colon <= 0 || colon == decoded.length() - 1) {
				throw new IllegalArgumentException("not a cursor from nextCursor");
			}
			return new After(reach, Long.parseLong(decoded.substring(0, colon)), decoded.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("not a cursor from nextCursor", ex);
		}
	}

	/**
	 * The sort values of the last mention of a page: its reach when sorted by reach, its
	 * publish time and its id.
	 *
	 * @param reach the reach it was sorted by (0 for none), when sorted by reach
	 * @param publishedAtMillis publish time of the last mention, epoch milliseconds
	 * @param id id of the last mention
	 */
	record After(Optional<Double> reach, long publishedAtMillis, String id) implements Cursor {

		public After {
			reach = (reach != null) ? reach : Optional.empty();
			if (id == null || id.isEmpty()) {
				throw new IllegalArgumentException("a cursor needs the id of the last mention");
			}
		}

		/**
		 * The cursor of a newest-first page.
		 * @param publishedAtMillis publish time of the last mention
		 * @param id id of the last mention
		 */
		public After(long publishedAtMillis, String id) {
			this(Optional.empty(), publishedAtMillis, id);
		}

		@Override
		public String plain() {
			return this.reach.map((value) -> "~" + value + "~").orElse("") + this.publishedAtMillis + ":" + this.id;
		}

	}

	/**
	 * The sort values of the last mention of a page in the order of urgency: its score,
	 * its publish time and its id, and the time the first page was read at. Every page
	 * after the first scores urgency at that same time, so a mention that passes four
	 * hours or a day of waiting between two pages neither comes twice nor is skipped.
	 *
	 * @param score its urgency
	 * @param readAt the time the urgency of every page of the list is scored at
	 * @param publishedAtMillis publish time of the last mention, epoch milliseconds
	 * @param id id of the last mention
	 */
	record Scored(double score, Instant readAt, long publishedAtMillis, String id) implements Cursor {

		public Scored {
			if (id == null || id.isEmpty() || !Double.isFinite(score) || readAt == null) {
				throw new IllegalArgumentException("a cursor needs the score and the id of the last mention");
			}
		}

		@Override
		public String plain() {
			return "!" + this.score + "!" + this.readAt.toEpochMilli() + "!" + this.publishedAtMillis + ":" + this.id;
		}

	}

	/**
	 * How many clusters the pages so far showed, for folded results.
	 *
	 * @param count clusters to skip
	 */
	record Skip(int count) implements Cursor {

		/**
		 * The most clusters a page of folded results can skip: Elasticsearch folds only
		 * within its result window of 10,000, and a page asks one more than it shows.
		 */
		public static final int MAX = 10_000 - 101;

		public Skip {
			if (count < 1) {
				throw new IllegalArgumentException("a cursor skips at least one cluster, was " + count);
			}
			if (count > MAX) {
				throw new IllegalArgumentException("folded results page through their first " + MAX
						+ " clusters only; narrow the search or page with collapse=false");
			}
		}

		@Override
		public String plain() {
			return "+" + this.count;
		}

	}

}
