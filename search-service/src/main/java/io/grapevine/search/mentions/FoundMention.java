package io.grapevine.search.mentions;

import java.util.List;
import java.util.Optional;

import io.grapevine.listening.mention.Mention;

/**
 * A mention that matched a search, with the matching parts of its text.
 *
 * @param mention the mention
 * @param highlights fragments of the text, HTML-escaped, with matches in {@code <mark>}
 * @param copies when results are folded, how many matching mentions its cluster holds,
 * itself included
 */
public record FoundMention(Mention mention, List<String> highlights, Optional<Long> copies) {

	public FoundMention {
		highlights = (highlights != null) ? List.copyOf(highlights) : List.of();
		copies = (copies != null) ? copies : Optional.empty();
	}

	/**
	 * A mention of results that are not folded.
	 * @param mention the mention
	 * @param highlights fragments of the text with matches marked
	 */
	public FoundMention(Mention mention, List<String> highlights) {
		this(mention, highlights, Optional.empty());
	}

}
