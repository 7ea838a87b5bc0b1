package io.grapevine.ingest.source;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads source API payloads defensively and describes bad ones briefly, for the reasons
 * of dead letters and source errors.
 */
public final class SourcePayloads {

	private static final int MAX_BODY_IN_REASON = 120;

	private SourcePayloads() {
	}

	/**
	 * A text field of a JSON object.
	 * @param node the object, or {@code null}
	 * @param field the field name
	 * @return its text, empty when the node or field is missing, not a string, or blank
	 */
	public static Optional<String> text(JsonNode node, String field) {
		JsonNode value = (node != null) ? node.get(field) : null;
		if (value == null || !value.isTextual() || value.asText().isBlank()) {
			return Optional.empty();
		}
		return Optional.of(value.asText());
	}

	/**
	 * A scalar field of a JSON object as text, for APIs that send ids and counts as
	 * either numbers or strings.
	 * @param node the object
	 * @param field the field name
	 * @return its text, empty when the field is missing, null, not a scalar, or blank
	 */
	public static Optional<String> scalar(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
			return Optional.empty();
		}
		return Optional.of(value.asText());
	}

	/**
	 * The JSON of an item, for a dead letter's payload.
	 * @param node the item
	 * @param what what the item is, e.g. {@code status}, for the message when it cannot
	 * be written
	 * @return its JSON, or a message saying why it could not be written
	 */
	public static String raw(JsonNode node, String what) {
		try {
			return node.toString();
		}
		catch (RuntimeException ex) {
			return "(the " + what + " could not be written back as JSON: " + ex.getMessage() + ")";
		}
	}

	/**
	 * The first line of a message, e.g. of a parser's.
	 * @param message the message, or {@code null}
	 * @return its first line, empty for {@code null}
	 */
	public static String firstLine(String message) {
		return (message != null) ? message.lines().findFirst().orElse("") : "";
	}

	/**
	 * The start of an answer body on one line, for a reason.
	 * @param body the body, or {@code null}
	 * @return at most 120 characters of it with white space folded, or
	 * {@code (empty body)}
	 */
	public static String abbreviate(String body) {
		if (body == null || body.isBlank()) {
			return "(empty body)";
		}
		String line = body.strip().replaceAll("\\s+", " ");
		return (line.length() <= MAX_BODY_IN_REASON) ? line : line.substring(0, MAX_BODY_IN_REASON) + "\u2026";
	}

}
