package io.grapevine.digest.analytics;

/**
 * Thrown when search-service answers the analytics request with an error or with a body
 * that is not the contract's summary.
 */
public class AnalyticsFailedException extends RuntimeException {

	public AnalyticsFailedException(String message) {
		super(message);
	}

	public AnalyticsFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
