package io.grapevine.security;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where a service keeps the API tokens its administrators create.
 */
interface ApiTokenStore {

	/**
	 * The token of an id.
	 * @param id the token's id
	 * @return the token, or empty when there is none (never created, or revoked)
	 */
	Mono<ApiToken> find(String id);

	/**
	 * Keep a new token, visible to {@link #all()} when this completes.
	 * @param token the token
	 * @return completion
	 */
	Mono<Void> create(ApiToken token);

	/**
	 * Every token kept.
	 * @return the tokens
	 */
	Flux<ApiToken> all();

	/**
	 * Forget a token.
	 * @param id the token's id
	 * @return whether there was one
	 */
	Mono<Boolean> delete(String id);

}
