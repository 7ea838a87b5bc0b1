package io.grapevine.search.mentions;

import java.util.Objects;
import java.util.Optional;

import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.search.mentions.MentionQuery.Order;

/**
 * An export of every mention a search matches, in one order, up to a number of rows.
 *
 * @param text a parsed listening query; empty for every mention
 * @param filter which mentions to export
 * @param order the order of the rows: newest or widest reach first
 * @param maxRows the most mentions the export holds
 */
public record ExportQuery(Optional<ListeningQuery> text, MentionFilter filter, Order order, int maxRows) {

	public ExportQuery {
		text = (text != null) ? text : Optional.empty();
		Objects.requireNonNull(filter, "filter");
		Objects.requireNonNull(order, "order");
		if (order == Order.URGENCY) {
			throw new IllegalArgumentException("an export is in the order of newest or widest reach first");
		}
		if (maxRows < 1) {
			throw new IllegalArgumentException("an export holds at least one row, was " + maxRows);
		}
	}

}
