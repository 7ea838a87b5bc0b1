package io.grapevine.search.mentions;

import java.util.List;

import io.grapevine.listening.mention.Mention;

/**
 * A mention that matched a search, with the matching parts of its text.
 *
 * @param mention the mention
 * @param highlights fragments of the text, HTML-escaped, with matches in {@code <mark>}
 */
public record FoundMention(Mention mention, List<String> highlights) {

	public FoundMention {
		highlights = (highlights != null) ? List.copyOf(highlights) : List.of();
	}

}
