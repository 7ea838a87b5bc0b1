package io.grapevine.listening.query;

/**
 * The tone of a mention, as a {@code sentiment:} field of a query names it.
 */
public enum Sentiment {

	POSITIVE, NEGATIVE, NEUTRAL

}
