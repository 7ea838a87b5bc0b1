package io.grapevine.search.handling;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What someone does with a mention.
 */
public enum ActionKind {

	/** Give it to a department, a person or both. */
	ASSIGN,

	/** Record the answer and its link. */
	ANSWER,

	/** Hand it on to another department, saying why. */
	ESCALATE,

	/** Set it aside without an answer, saying why. */
	DISMISS,

	/** Make an answered or dismissed mention wait again. */
	REOPEN;

	/**
	 * The name in JSON, the API and the index.
	 * @return the lower-case name
	 */
	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The action in the past tense, for messages.
	 * @return e.g. {@code assigned}, {@code dismissed}
	 */
	public String past() {
		return switch (this) {
			case ASSIGN -> "assigned";
			case ANSWER -> "answered";
			case ESCALATE -> "escalated";
			case DISMISS -> "dismissed";
			case REOPEN -> "reopened";
		};
	}

	/**
	 * The action of a name as {@link #value()} writes it.
	 * @param value the name, in any case
	 * @return the action, if there is one by that name
	 */
	public static Optional<ActionKind> of(String value) {
		if (value == null) {
			return Optional.empty();
		}
		String name = value.strip();
		return Arrays.stream(values()).filter((kind) -> kind.value().equalsIgnoreCase(name)).findFirst();
	}

}
