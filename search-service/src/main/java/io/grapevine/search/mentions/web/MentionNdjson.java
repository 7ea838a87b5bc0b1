package io.grapevine.search.mentions.web;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.search.handling.Handling;
import io.grapevine.search.mentions.FoundMention;

/**
 * Writes mentions as newline-delimited JSON: one line each, the Mention JSON of the Kafka
 * contract with the mention's {@code handling} beside its fields, as
 * {@code /api/mentions} gives it (the organization's own posts have none).
 */
final class MentionNdjson {

	private static final ObjectWriter WRITER = MentionJson.mapper().writerFor(Line.class);

	private MentionNdjson() {
	}

	/**
	 * The line of a mention.
	 * @param found the mention with its handling
	 * @return its JSON and a line feed, in UTF-8
	 */
	static byte[] line(FoundMention found) {
		byte[] json;
		try {
			json = WRITER.writeValueAsBytes(new Line(found.mention(), found.handling()));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Could not write mention " + found.mention().id() + " as JSON", ex);
		}
		byte[] line = new byte[json.length + 1];
		System.arraycopy(json, 0, line, 0, json.length);
		line[json.length] = '\n';
		return line;
	}

	/**
	 * A mention's fields with its handling.
	 *
	 * @param mention the mention
	 * @param handling its handling
	 */
	record Line(@JsonUnwrapped Mention mention, Optional<Handling> handling) {

	}

}
