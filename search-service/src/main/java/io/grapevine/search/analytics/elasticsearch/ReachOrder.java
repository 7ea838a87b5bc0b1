package io.grapevine.search.analytics.elasticsearch;

import java.util.List;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;

/**
 * The order the digests' sections show mentions in: widest reach first (none counts as
 * 0), then the most engagement, then the newest.
 */
final class ReachOrder {

	static final List<SortOptions> WIDEST_FIRST = List.of(
			SortOptions.of((sort) -> sort.field((field) -> field.field("reach")
				.order(SortOrder.Desc)
				.missing(FieldValue.of(0))
				.unmappedType(FieldType.Float))),
			SortOptions.of((sort) -> sort.field((field) -> field.field("engagement.total").order(SortOrder.Desc))),
			SortOptions.of((sort) -> sort.field((field) -> field.field("publishedAt").order(SortOrder.Desc))));

	private ReachOrder() {
	}

}
