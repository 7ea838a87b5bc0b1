package io.grapevine.ingest.source;

/**
 * A source instance's settings in the organization file are missing or wrong; the message
 * names the instance, the setting and how to fix it, and start-up stops.
 */
public class InvalidSourceSettingsException extends RuntimeException {

	public InvalidSourceSettingsException(String message) {
		super(message);
	}

	public InvalidSourceSettingsException(String message, Throwable cause) {
		super(message, cause);
	}

}
