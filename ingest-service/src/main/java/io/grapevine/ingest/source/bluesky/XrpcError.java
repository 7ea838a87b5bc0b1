package io.grapevine.ingest.source.bluesky;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grapevine.ingest.source.SourcePayloads;

/**
 * The error body every XRPC endpoint answers with, {@code {"error": "ExpiredToken",
 * "message": "Token has expired"}}.
 *
 * @param error the error name, e.g. {@code AuthenticationRequired}
 * @param message the message, possibly empty
 */
record XrpcError(String error, String message) {

	private static final ObjectMapper JSON = new ObjectMapper();

	/**
	 * Read an error body.
	 * @param body the raw body
	 * @return the error, when the body is a JSON object with an {@code error} name
	 */
	static Optional<XrpcError> parse(String body) {
		try {
			JsonNode root = JSON.readTree((body != null) ? body : "");
			return (root != null && root.isObject()) ? of(root) : Optional.empty();
		}
		catch (Exception ex) {
			return Optional.empty();
		}
	}

	static Optional<XrpcError> of(JsonNode root) {
		return SourcePayloads.text(root, "error")
			.map((error) -> new XrpcError(error, SourcePayloads.text(root, "message").orElse("")));
	}

	boolean is(String name) {
		return this.error.equals(name);
	}

	@Override
	public String toString() {
		return this.message.isEmpty() ? this.error : this.error + ": " + this.message;
	}

}
