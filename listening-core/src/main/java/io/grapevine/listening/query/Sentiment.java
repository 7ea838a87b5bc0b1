package io.grapevine.listening.query;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The tone of a mention, as a {@code sentiment:} field of a query names it and as the
 * mention JSON writes it (lower case).
 */
public enum Sentiment {

	POSITIVE, NEGATIVE, NEUTRAL;

	/**
	 * The name as queries and JSON write it.
	 * @return {@code positive}, {@code negative} or {@code neutral}
	 */
	@JsonValue
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Read a label, in any case.
	 * @param label the label
	 * @return the sentiment
	 * @throws IllegalArgumentException if it names no sentiment
	 */
	@JsonCreator
	public static Sentiment of(String label) {
		return valueOf(label.strip().toUpperCase(Locale.ROOT));
	}

}
