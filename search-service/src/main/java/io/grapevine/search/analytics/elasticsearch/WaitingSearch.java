package io.grapevine.search.analytics.elasticsearch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.InnerHitsResult;
import co.elastic.clients.elasticsearch.core.search.TotalHits;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;
import io.grapevine.listening.query.Sentiment;
import io.grapevine.search.analytics.WaitingMentions;
import io.grapevine.search.analytics.WaitingMentions.Waiting;
import io.grapevine.search.handling.HandlingFilter;
import io.grapevine.search.handling.HandlingState;
import io.grapevine.search.index.MonthlyIndices;
import io.grapevine.search.mentions.MentionFilter;
import io.grapevine.search.mentions.elasticsearch.MentionQueries;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Finds the mentions that wait for an answer: questions ({@code question}, set at
 * indexing) or negative ones whose {@code handling.state} is neither answered nor
 * dismissed (a mention nobody has handled has no state), widest reach first, one per
 * cluster of near-duplicates. A department's are those it holds
 * ({@code handling.department}) and, of those nobody has acted on, those of the topics it
 * owns: the mentions its queue shows.
 */
@Component
public class WaitingSearch {

	/** The handling states that end the wait. */
	static final List<String> DONE = List.of("answered", "dismissed");

	private static final String COPIES = "copies";

	private final ElasticsearchAsyncClient client;

	private final Organization organization;

	WaitingSearch(ElasticsearchAsyncClient client, Organization organization) {
		this.client = client;
		this.organization = organization;
	}

	/**
	 * Find the mentions of a range that wait for an answer.
	 * @param filter the mentions to look at; its {@code from} and {@code to} are present
	 * @param size how many at most
	 * @return the widest-reaching of them
	 */
	public Mono<WaitingMentions> find(MentionFilter filter, int size) {
		SearchRequest request = request(filter, size);
		return Mono.fromFuture(() -> this.client.search(request, ObjectNode.class))
			.map((response) -> waiting(filter.from().orElseThrow(), filter.to().orElseThrow(), response));
	}

	SearchRequest request(MentionFilter filter, int size) {
		List<FieldValue> done = DONE.stream().map(FieldValue::of).toList();
		MentionFilter anyDepartment = new MentionFilter(filter.from(), filter.to(), filter.sources(),
				filter.languages(), filter.topics(), List.of());
		Query waiting = Query.of((query) -> query.bool((bool) -> {
			bool.filter(MentionQueries.query(anyDepartment, Optional.empty()))
				.filter((asks) -> asks
					.bool((either) -> either.should((q) -> q.term((t) -> t.field("question").value(true)))
						.should((q) -> q.term((t) -> t.field("sentiment.label").value(Sentiment.NEGATIVE.label())))
						.minimumShouldMatch("1")))
				.mustNot((q) -> q.terms((terms) -> terms.field("handling.state").terms((values) -> values.value(done))))
				// The organization's own posts wait for no answer.
				.mustNot(MentionQueries.OWNED);
			if (!filter.departments().isEmpty()) {
				bool.filter(heldBy(filter.departments()));
			}
			return bool;
		}));
		return SearchRequest.of((search) -> search.index(MonthlyIndices.ALIAS)
			.ignoreUnavailable(true)
			.allowNoIndices(true)
			.trackTotalHits((track) -> track.enabled(true))
			.size(size)
			.query(waiting)
			.sort(ReachOrder.WIDEST_FIRST)
			.collapse((collapse) -> collapse.field("clusterKey").innerHits((inner) -> inner.name(COPIES).size(0))));
	}

	// As mention handling decides whose a mention is, so that a department's digest and
	// its queue count the same mentions: the department that holds it, or, for a mention
	// nobody has acted on, the departments that own its topics (not those that follow
	// them).
	private Query heldBy(List<String> departments) {
		List<String> owned = departments.stream()
			.flatMap((id) -> this.organization.department(id).stream())
			.flatMap((department) -> department.topics().stream())
			.map(Topic::id)
			.toList();
		return MentionQueries.handling(new HandlingFilter(HandlingState.WAITING, departments, owned));
	}

	private static WaitingMentions waiting(Instant from, Instant to, SearchResponse<ObjectNode> response) {
		List<Waiting> mentions = response.hits().hits().stream().map(WaitingSearch::waiting).toList();
		long total = (response.hits().total() != null) ? response.hits().total().value() : mentions.size();
		return new WaitingMentions(from, to, total, mentions);
	}

	private static Waiting waiting(Hit<ObjectNode> hit) {
		Mention mention = MentionQueries.mention(hit.source());
		boolean question = hit.source().path("question").asBoolean(false);
		boolean negative = mention.sentiment().map((score) -> score.label() == Sentiment.NEGATIVE).orElse(false);
		InnerHitsResult copies = hit.innerHits().get(COPIES);
		TotalHits total = (copies != null) ? copies.hits().total() : null;
		return new Waiting(mention, question, negative, (total != null) ? total.value() : 1L);
	}

}
