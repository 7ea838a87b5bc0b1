package io.grapevine.search.handling.elasticsearch;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Organization;
import io.grapevine.search.handling.ActionKind;
import io.grapevine.search.handling.Handling;
import io.grapevine.search.handling.HandlingState;
import io.grapevine.search.handling.MentionAction;

/**
 * Reads and writes the {@code handling} object of a mention document and the documents of
 * the {@code mention-actions} history.
 */
public final class HandlingDocuments {

	/** The object of the mention document that holds its handling. */
	public static final String FIELD = "handling";

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private HandlingDocuments() {
	}

	/**
	 * The handling of a stored mention: the stored one, or the initial one when nobody
	 * has acted on it.
	 * @param source the mention document
	 * @param mention the mention read from it
	 * @param organization the organization, for who owns its topics
	 * @return the handling
	 */
	public static Handling read(ObjectNode source, Mention mention, Organization organization) {
		JsonNode stored = source.path(FIELD);
		Optional<HandlingState> state = HandlingState.of(text(stored, "state").orElse(null));
		if (state.isEmpty()) {
			return Handling.initial(mention, organization);
		}
		return new Handling(state.get(), texts(stored.path("department")), text(stored, "assignee"),
				instant(stored, "since").orElse(mention.publishedAt()), text(stored, "answeredBy"),
				instant(stored, "answeredAt"), text(stored, "answerUrl").map(URI::create), instant(stored, "updatedAt"),
				Optional.empty());
	}

	/**
	 * The partial document that sets a mention's handling, with explicit nulls for the
	 * fields it clears.
	 * @param handling the handling
	 * @param publishedAt when the mention was published, from which the time it took to
	 * answer it counts ({@code answerSeconds}, for the medians of dashboards)
	 * @return the partial document
	 */
	public static ObjectNode update(Handling handling, Instant publishedAt) {
		ObjectNode stored = NODES.objectNode();
		stored.put("state", handling.state().value());
		handling.departments().forEach(stored.putArray("department")::add);
		stored.put("assignee", handling.assignee().orElse(null));
		stored.put("since", handling.since().toString());
		stored.put("answeredBy", handling.answeredBy().orElse(null));
		stored.put("answeredAt", handling.answeredAt().map(Instant::toString).orElse(null));
		stored.put("answerSeconds",
				handling.answeredAt()
					.map((at) -> Math.max(0, java.time.Duration.between(publishedAt, at).toSeconds()))
					.orElse(null));
		stored.put("answerUrl", handling.answerUrl().map(URI::toString).orElse(null));
		stored.put("updatedAt", handling.updatedAt().map(Instant::toString).orElse(null));
		ObjectNode document = NODES.objectNode();
		document.set(FIELD, stored);
		return document;
	}

	/**
	 * The history document of an action.
	 * @param action the action
	 * @return the document
	 */
	public static ObjectNode document(MentionAction action) {
		ObjectNode document = NODES.objectNode();
		document.put("mentionId", action.mentionId());
		document.put("action", action.action().value());
		document.put("actor", action.actor());
		document.put("at", action.at().toString());
		document.put("state", action.state().value());
		action.department().ifPresent((department) -> document.put("department", department));
		action.departments().forEach(document.putArray("departments")::add);
		action.assignee().ifPresent((assignee) -> document.put("assignee", assignee));
		action.answerUrl().ifPresent((url) -> document.put("answerUrl", url.toString()));
		action.reason().ifPresent((reason) -> document.put("reason", reason));
		document.put("sequence", action.sequence());
		return document;
	}

	/**
	 * Read a history document back.
	 * @param document the document
	 * @return the action
	 */
	public static MentionAction action(ObjectNode document) {
		return new MentionAction(document.path("mentionId").asText(),
				ActionKind.of(document.path("action").asText()).orElseThrow(), document.path("actor").asText(),
				Instant.parse(document.path("at").asText()),
				HandlingState.of(document.path("state").asText()).orElseThrow(), text(document, "department"),
				texts(document.path("departments")), text(document, "assignee"),
				text(document, "answerUrl").map(URI::create), text(document, "reason"),
				document.path("sequence").asLong());
	}

	private static Optional<String> text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isTextual() && !value.asText().isEmpty()) ? Optional.of(value.asText()) : Optional.empty();
	}

	private static Optional<Instant> instant(JsonNode node, String field) {
		return text(node, field).map(Instant::parse);
	}

	private static List<String> texts(JsonNode node) {
		List<String> values = new ArrayList<>();
		if (node.isArray()) {
			node.forEach((value) -> {
				if (value.isTextual()) {
					values.add(value.asText());
				}
			});
		}
		else if (node.isTextual()) {
			values.add(node.asText());
		}
		return values;
	}

}
