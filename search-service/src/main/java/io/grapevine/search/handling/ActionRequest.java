package io.grapevine.search.handling;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An action someone asks to take on a mention, checked for what each action needs.
 *
 * @param action what to do
 * @param department the department to assign or escalate to
 * @param assignee the person to assign to
 * @param answerUrl the link to the answer, for {@code answer}
 * @param reason why, for {@code escalate}, {@code dismiss} and optionally the others
 */
public record ActionRequest(ActionKind action, Optional<String> department, Optional<String> assignee,
		Optional<URI> answerUrl, Optional<String> reason) {

	/** The longest reason kept. */
	public static final int MAX_REASON = 2000;

	/** The longest department id, assignee or link accepted. */
	public static final int MAX_NAME = 200;

	public ActionRequest {
		Objects.requireNonNull(action, "action");
		department = (department != null) ? department : Optional.empty();
		assignee = (assignee != null) ? assignee : Optional.empty();
		answerUrl = (answerUrl != null) ? answerUrl : Optional.empty();
		reason = (reason != null) ? reason : Optional.empty();
	}

	/**
	 * Read an action from the fields of a request body, blank fields counting as absent.
	 * @param action the action's name
	 * @param department the department id
	 * @param assignee the person
	 * @param answerUrl the link to the answer
	 * @param reason why
	 * @return the action
	 * @throws InvalidActionException naming the field that is missing or unusable
	 */
	public static ActionRequest parse(String action, String department, String assignee, String answerUrl,
			String reason) {
		ActionKind kind = ActionKind.of(action)
			.orElseThrow(() -> new InvalidActionException("action",
					"'action' must be assign, answer, escalate, dismiss or reopen, was "
							+ ((action == null) ? "missing" : "'" + action + "'")));
		Optional<String> departmentId = text("department", department, MAX_NAME);
		Optional<String> person = text("assignee", assignee, MAX_NAME);
		Optional<String> why = text("reason", reason, MAX_REASON);
		Optional<URI> link = text("answerUrl", answerUrl, 2048).map(ActionRequest::link);
		switch (kind) {
			case ASSIGN -> {
				if (departmentId.isEmpty() && person.isEmpty()) {
					throw new InvalidActionException("department",
							"'assign' needs a 'department', an 'assignee' or both");
				}
			}
			case ANSWER -> {
				if (link.isEmpty()) {
					throw new InvalidActionException("answerUrl",
							"'answer' needs 'answerUrl', the http(s) link to the answer");
				}
			}
			case ESCALATE -> {
				if (departmentId.isEmpty()) {
					throw new InvalidActionException("department",
							"'escalate' needs the 'department' to hand the mention on to");
				}
				if (why.isEmpty()) {
					throw new InvalidActionException("reason", "'escalate' needs a 'reason'");
				}
			}
			case DISMISS -> {
				if (why.isEmpty()) {
					throw new InvalidActionException("reason", "'dismiss' needs a 'reason'");
				}
			}
			case REOPEN -> {
				// a reason is welcome but not needed
			}
		}
		return new ActionRequest(kind, departmentId, person, link, why);
	}

	private static Optional<String> text(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		String stripped = value.strip();
		if (stripped.length() > max) {
			throw new InvalidActionException(field,
					"'" + field + "' must be at most " + max + " characters, was " + stripped.length());
		}
		return Optional.of(stripped);
	}

	private static URI link(String value) {
		try {
			URI uri = new URI(value);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
				return uri;
			}
		}
		catch (URISyntaxException ex) {
			// answered below
		}
		throw new InvalidActionException("answerUrl",
				"'answerUrl' must be an absolute http or https link such as https://x.com/hct/status/1, was '" + value
						+ "'");
	}

}
