package io.grapevine.search.mentions;

import java.util.List;
import java.util.Optional;

/**
 * One page of search results.
 *
 * @param total how many mentions match in all
 * @param mentions this page, newest first
 * @param nextCursor the cursor of the next page, absent on the last page
 */
public record MentionPage(long total, List<FoundMention> mentions, Optional<String> nextCursor) {

	public MentionPage {
		mentions = List.copyOf(mentions);
		nextCursor = (nextCursor != null) ? nextCursor : Optional.empty();
	}

}
