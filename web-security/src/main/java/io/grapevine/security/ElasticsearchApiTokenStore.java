package io.grapevine.security;

import java.time.Instant;
import java.util.List;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.OpType;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.Result;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps API tokens in an Elasticsearch index, one document per token with the token's id
 * as {@code _id}, so that checking a token is a real-time get by id.
 */
final class ElasticsearchApiTokenStore implements ApiTokenStore {

	// Far more tokens than an organization's scripts and services need.
	private static final int MAX_TOKENS = 1_000;

	private final ElasticsearchAsyncClient client;

	private final String index;

	ElasticsearchApiTokenStore(ElasticsearchAsyncClient client, String index) {
		this.client = client;
		this.index = index;
	}

	@Override
	public Mono<ApiToken> find(String id) {
		return Mono.fromFuture(() -> this.client.get((get) -> get.index(this.index).id(id), TokenDocument.class))
			.flatMap((found) -> (found.found() && found.source() != null) ? Mono.just(found.source().token(found.id()))
					: Mono.<ApiToken>empty())
			.onErrorResume(ElasticsearchApiTokenStore::noIndex, (ex) -> Mono.empty());
	}

	@Override
	public Mono<Void> create(ApiToken token) {
		return Mono.fromFuture(() -> this.client.index((request) -> request.index(this.index)
			.id(token.id())
			.opType(OpType.Create)
			.refresh(Refresh.WaitFor)
			.document(TokenDocument.of(token)))).then();
	}

	@Override
	public Flux<ApiToken> all() {
		return Mono
			.fromFuture(() -> this.client.search((search) -> search.index(this.index)
				.ignoreUnavailable(true)
				.allowNoIndices(true)
				.size(MAX_TOKENS)
				.query((query) -> query.matchAll((all) -> all)), TokenDocument.class))
			.flatMapIterable((answer) -> answer.hits().hits())
			.filter((hit) -> hit.source() != null)
			.map((hit) -> hit.source().token(hit.id()));
	}

	@Override
	public Mono<Boolean> delete(String id) {
		return Mono
			.fromFuture(() -> this.client.delete((delete) -> delete.index(this.index).id(id).refresh(Refresh.WaitFor)))
			.map((deleted) -> deleted.result() == Result.Deleted)
			.onErrorResume(ElasticsearchApiTokenStore::noIndex, (ex) -> Mono.just(false));
	}

	private static boolean noIndex(Throwable ex) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		return cause instanceof ElasticsearchException elasticsearch && elasticsearch.status() == 404;
	}

	/**
	 * A token as the index holds it.
	 *
	 * @param name what calls with it
	 * @param hash the SHA-256 of the token
	 * @param roles its roles
	 * @param createdAt when it was created (ISO-8601)
	 * @param createdBy who created it
	 */
	record TokenDocument(String name, String hash, List<String> roles, String createdAt, String createdBy) {

		static TokenDocument of(ApiToken token) {
			return new TokenDocument(token.name(), token.hash(), token.roles().stream().map(Role::name).toList(),
					token.createdAt().toString(), token.createdBy());
		}

		ApiToken token(String id) {
			List<Role> granted = (this.roles != null) ? this.roles.stream()
				.filter((role) -> List.of(Role.values()).stream().anyMatch((known) -> known.name().equals(role)))
				.map(Role::valueOf)
				.toList() : List.of();
			return new ApiToken(id, this.name, this.hash, granted, Instant.parse(this.createdAt), this.createdBy);
		}

	}

}
