package io.grapevine.localstack;

/**
 * Thrown when the local Kafka broker or Elasticsearch node cannot be started or stopped.
 */
public class LocalStackException extends RuntimeException {

	LocalStackException(String message) {
		super(message);
	}

	LocalStackException(String message, Throwable cause) {
		super(message, cause);
	}

}
