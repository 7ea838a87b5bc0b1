package io.grapevine.listening.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A field a query can restrict a mention by, written {@code name:value}.
 */
public enum QueryField {

	/** The mention's language code; {@code lang:en} also matches {@code en-GB}. */
	LANG("lang"),

	/** The kind of source, such as {@code reddit}. */
	SOURCE("source"),

	/** The author's handle, with or without a leading {@code @}. */
	AUTHOR("author"),

	/** The domain of the mention's url, subdomains included. */
	SITE("site"),

	/** The mention's sentiment: positive, negative or neutral. */
	SENTIMENT("sentiment"),

	/** One of the topic ids the mention is tagged with. */
	TOPIC("topic"),

	/**
	 * How the mention passes another post on: {@code repost}, {@code quote} or
	 * {@code crosspost}.
	 */
	IS("is"),

	/**
	 * The mention id ({@code source:nativeId}) of the post the mention reposts, quotes or
	 * cross-posts, as written, case kept.
	 */
	REPOST_OF("repost-of");

	private final String key;

	QueryField(String key) {
		this.key = key;
	}

	/**
	 * The name written before the colon.
	 * @return the field's name in queries
	 */
	public String key() {
		return this.key;
	}

	/**
	 * The field written with this name, ignoring case.
	 * @param name the name before the colon
	 * @return the field, or empty when no field has that name
	 */
	public static Optional<QueryField> byKey(String name) {
		String wanted = name.toLowerCase(Locale.ROOT);
		return Arrays.stream(values()).filter((field) -> field.key.equals(wanted)).findFirst();
	}

	static String knownKeys() {
		return Arrays.stream(values()).map(QueryField::key).collect(Collectors.joining(", "));
	}

}
