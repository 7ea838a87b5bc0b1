package io.grapevine.search.mentions;

import java.util.List;
import java.util.Optional;

import io.grapevine.listening.mention.Mention;
import io.grapevine.search.handling.Handling;
import io.grapevine.search.handling.Urgency;

/**
 * A mention that matched a search, with the matching parts of its text.
 *
 * @param mention the mention
 * @param highlights fragments of the text, HTML-escaped, with matches in {@code <mark>}
 * @param copies when results are folded, how many matching mentions its cluster holds,
 * itself included
 * @param handling where it stands in being answered
 * @param urgency how urgently it wants an answer and why, in a page ordered by urgency
 */
public record FoundMention(Mention mention, List<String> highlights, Optional<Long> copies, Optional<Handling> handling,
		Optional<Urgency> urgency) {

	public FoundMention {
		highlights = (highlights != null) ? List.copyOf(highlights) : List.of();
		copies = (copies != null) ? copies : Optional.empty();
		handling = (handling != null) ? handling : Optional.empty();
		urgency = (urgency != null) ? urgency : Optional.empty();
	}

	/**
	 * A mention found with its handling.
	 * @param mention the mention
	 * @param highlights fragments of the text with matches marked
	 * @param copies when results are folded, how many matching mentions its cluster holds
	 * @param handling where it stands in being answered
	 */
	public FoundMention(Mention mention, List<String> highlights, Optional<Long> copies, Optional<Handling> handling) {
		this(mention, highlights, copies, handling, Optional.empty());
	}

	/**
	 * A mention found without its handling.
	 * @param mention the mention
	 * @param highlights fragments of the text with matches marked
	 * @param copies when results are folded, how many matching mentions its cluster holds
	 */
	public FoundMention(Mention mention, List<String> highlights, Optional<Long> copies) {
		this(mention, highlights, copies, Optional.empty());
	}

	/**
	 * A mention of results that are not folded.
	 * @param mention the mention
	 * @param highlights fragments of the text with matches marked
	 */
	public FoundMention(Mention mention, List<String> highlights) {
		this(mention, highlights, Optional.empty(), Optional.empty());
	}

}
