package io.grapevine.search.indexing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.InvalidMentionException;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.search.index.MonthlyIndices;

/**
 * Turns the Mention JSON of a Kafka record into the document the indexer writes, parsing
 * it once: the fields of the contract are validated, the ones Elasticsearch maps with a
 * type are written in their canonical form, fields from newer writers are kept, and
 * {@code engagement.total} is added for ranking.
 */
final class MentionDocuments {

	private static final ObjectMapper MAPPER = MentionJson.mapper();

	private MentionDocuments() {
	}

	/**
	 * Build the document for a record value.
	 * @param json the record value
	 * @return the document
	 * @throws InvalidMentionException if the value is not valid Mention JSON
	 */
	static MentionDocument from(String json) {
		if (json == null || json.isBlank()) {
			throw new InvalidMentionException("empty payload is not a Mention");
		}
		ObjectNode tree = readObject(json);
		Mention mention = toMention(tree);
		tree.put("id", mention.id());
		tree.put("publishedAt", mention.publishedAt().toString());
		tree.put("ingestedAt", mention.ingestedAt().toString());
		Engagement engagement = mention.engagement();
		tree.putObject("engagement")
			.put("likes", engagement.likes())
			.put("shares", engagement.shares())
			.put("replies", engagement.replies())
			.put("total", engagement.total());
		try {
			return new MentionDocument(mention.id(), MonthlyIndices.indexFor(mention.publishedAt()),
					MAPPER.writeValueAsBytes(tree));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Could not write the document of mention " + mention.id(), ex);
		}
	}

	private static ObjectNode readObject(String json) {
		JsonNode tree;
		try {
			tree = MAPPER.readTree(json);
		}
		catch (JsonProcessingException ex) {
			throw new InvalidMentionException(
					"not valid JSON: " + ex.getOriginalMessage().lines().findFirst().orElse(""), ex);
		}
		if (!(tree instanceof ObjectNode object)) {
			throw new InvalidMentionException("not a valid Mention: the JSON is not an object");
		}
		return object;
	}

	private static Mention toMention(ObjectNode tree) {
		try {
			return MAPPER.treeToValue(tree, Mention.class);
		}
		catch (JsonProcessingException | IllegalArgumentException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof InvalidMentionException invalid) {
				throw invalid;
			}
			String message = (ex instanceof JsonProcessingException processing) ? processing.getOriginalMessage()
					: ex.getMessage();
			throw new InvalidMentionException(
					"not a valid Mention: " + String.valueOf(message).lines().findFirst().orElse(""), ex);
		}
	}

}
