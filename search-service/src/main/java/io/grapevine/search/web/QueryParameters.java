package io.grapevine.search.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.listening.query.QueryParseException;
import io.grapevine.search.mentions.Cursor;

/**
 * Reads query parameters, turning every unusable value into an
 * {@link InvalidParameterException} that says which parameter is wrong and how to fix it.
 */
public final class QueryParameters {

	private QueryParameters() {
	}

	/** The earliest instant a parameter may name: no mention is older. */
	static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

	/** The latest instant a parameter may name, so every figure of a range fits. */
	static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	/**
	 * An optional ISO-8601 instant.
	 * @param name the parameter name
	 * @param value the raw value
	 * @return the instant, or empty when the parameter is absent
	 */
	public static Optional<Instant> instant(String name, String value) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		Instant instant;
		try {
			instant = Instant.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidParameterException(name, "'" + name + "' must be an ISO-8601 instant such as "
					+ "2026-11-20T00:00:00Z, was '" + value + "'");
		}
		if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
			throw new InvalidParameterException(name,
					"'" + name + "' must fall between " + EARLIEST + " and " + LATEST + ", was '" + value + "'");
		}
		return Optional.of(instant);
	}

	/**
	 * An optional integer within a range.
	 * @param name the parameter name
	 * @param value the raw value
	 * @param min the smallest allowed value
	 * @param max the largest allowed value
	 * @param fallback the value when the parameter is absent
	 * @return the number
	 */
	public static int integer(String name, String value, int min, int max, int fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			int number = Integer.parseInt(value.strip());
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new InvalidParameterException(name,
				"'" + name + "' must be a whole number from " + min + " to " + max + ", was '" + value + "'");
	}

	/**
	 * A time zone, UTC when absent.
	 * @param name the parameter name
	 * @param value the raw value
	 * @return the zone
	 */
	public static ZoneId zone(String name, String value) {
		if (value == null || value.isBlank()) {
			return ZoneId.of("UTC");
		}
		try {
			return ZoneId.of(value.strip());
		}
		catch (DateTimeException ex) {
			throw new InvalidParameterException(name, "'" + name + "' must be a time zone such as Europe/London or "
					+ "America/New_York, was '" + value + "'");
		}
	}

	/**
	 * The non-blank values of a repeatable parameter.
	 * @param values the raw values, possibly null
	 * @return the values, stripped
	 */
	public static List<String> values(List<String> values) {
		if (values == null) {
			return List.of();
		}
		return values.stream().filter((value) -> value != null && !value.isBlank()).map(String::strip).toList();
	}

	/**
	 * Check that a time range runs forward.
	 * @param from the start, if given
	 * @param to the end, if given
	 */
	public static void requireOrdered(Optional<Instant> from, Optional<Instant> to) {
		if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
			throw new InvalidParameterException("from",
					"'from' (" + from.get() + ") must not be after 'to' (" + to.get() + ")");
		}
	}

	/**
	 * An optional query in the listening query language.
	 * @param name the parameter name
	 * @param value the raw value
	 * @return the parsed query, or empty when the parameter is absent or blank
	 * @throws InvalidQueryException when the query cannot be parsed
	 */
	public static Optional<ListeningQuery> listeningQuery(String name, String value) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(ListeningQuery.parse(value));
		}
		catch (QueryParseException ex) {
			throw new InvalidQueryException(name, ex);
		}
	}

	/**
	 * Read the {@code cursor} parameter of a paged search.
	 * @param value the raw value, possibly null or blank
	 * @return the cursor, or empty for the first page
	 * @throws InvalidParameterException when it is not the {@code nextCursor} of a
	 * previous page
	 */
	public static Optional<Cursor> cursor(String value) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(Cursor.decode(value.strip()));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidParameterException("cursor",
					"'cursor' must be the nextCursor of a previous page, unchanged; was '" + value + "'");
		}
	}

}
