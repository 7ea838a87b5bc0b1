package io.grapevine.digest.analytics;

/**
 * Thrown when search-service's analytics API cannot be reached or does not answer in
 * time.
 */
public class AnalyticsUnavailableException extends RuntimeException {

	public AnalyticsUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
