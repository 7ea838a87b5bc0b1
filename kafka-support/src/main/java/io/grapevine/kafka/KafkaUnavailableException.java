package io.grapevine.kafka;

/**
 * Thrown when Kafka cannot be reached; the message names the setting to check.
 */
public class KafkaUnavailableException extends RuntimeException {

	public KafkaUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
