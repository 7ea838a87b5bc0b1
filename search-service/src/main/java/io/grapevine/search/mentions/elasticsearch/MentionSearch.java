package io.grapevine.search.mentions.elasticsearch;

import java.util.List;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.HighlighterEncoder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.search.index.MonthlyIndices;
import io.grapevine.search.mentions.Cursor;
import io.grapevine.search.mentions.FoundMention;
import io.grapevine.search.mentions.MentionPage;
import io.grapevine.search.mentions.MentionQuery;
import io.grapevine.search.query.QueryCompiler;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Runs mention searches against the {@code mentions} alias, newest first, paging with
 * {@code search_after} on publish time and id.
 */
@Component
public class MentionSearch {

	private final ElasticsearchAsyncClient client;

	MentionSearch(ElasticsearchAsyncClient client) {
		this.client = client;
	}

	/**
	 * Find one page of mentions.
	 * @param query the search
	 * @return the page
	 */
	public Mono<MentionPage> search(MentionQuery query) {
		SearchRequest request = request(query);
		return Mono.fromFuture(() -> this.client.search(request, ObjectNode.class))
			.map((response) -> page(query, response));
	}

	static SearchRequest request(MentionQuery query) {
		return SearchRequest.of((search) -> {
			search.index(MonthlyIndices.ALIAS)
				.ignoreUnavailable(true)
				.allowNoIndices(true)
				.trackTotalHits((track) -> track.enabled(true))
				// One more than asked tells whether another page follows.
				.size(query.size() + 1)
				.query(MentionQueries.query(query.filter(), query.text()))
				.sort((sort) -> sort.field((field) -> field.field("publishedAt").order(SortOrder.Desc)))
				.sort((sort) -> sort.field((field) -> field.field("id").order(SortOrder.Desc)));
			query.after()
				.ifPresent((cursor) -> search.searchAfter(FieldValue.of(cursor.publishedAtMillis()),
						FieldValue.of(cursor.id())));
			// Only the words and phrases the query looks for are marked, never those it
			// excludes or the fields it restricts.
			query.text()
				.flatMap(QueryCompiler::highlightQuery)
				.ifPresent((marked) -> search.highlight((highlight) -> highlight.encoder(HighlighterEncoder.Html)
					.preTags("<mark>")
					.postTags("</mark>")
					.fields("text", (field) -> field.numberOfFragments(3).fragmentSize(160).highlightQuery(marked))));
			return search;
		});
	}

	private static MentionPage page(MentionQuery query, SearchResponse<ObjectNode> response) {
		List<Hit<ObjectNode>> hits = response.hits().hits();
		boolean more = hits.size() > query.size();
		List<Hit<ObjectNode>> shown = more ? hits.subList(0, query.size()) : hits;
		List<FoundMention> mentions = shown.stream()
			.map((hit) -> new FoundMention(MentionQueries.mention(hit.source()),
					hit.highlight().getOrDefault("text", List.of())))
			.toList();
		Optional<String> next = Optional.empty();
		if (more) {
			Hit<ObjectNode> last = shown.get(shown.size() - 1);
			next = Optional.of(new Cursor(last.sort().get(0).longValue(), last.sort().get(1).stringValue()).encode());
		}
		long total = (response.hits().total() != null) ? response.hits().total().value() : hits.size();
		return new MentionPage(total, mentions, next);
	}

}
