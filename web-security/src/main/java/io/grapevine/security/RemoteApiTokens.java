package io.grapevine.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Asks the service that keeps the API tokens administrators create who calls with one,
 * for a service that keeps none (the gateway): the token itself signs in to that
 * service's {@code /api/me}, so no other credentials are needed and the answer is the
 * token's name and roles as the keeping service knows them.
 */
final class RemoteApiTokens {

	private final WebClient client;

	private final URI keeper;

	private final Duration timeout;

	RemoteApiTokens(WebClient.Builder builder, URI keeper, Duration timeout) {
		this.keeper = keeper;
		this.timeout = timeout;
		this.client = builder.baseUrl(keeper.toString()).build();
	}

	/**
	 * Who calls with a token.
	 * @param token the whole token
	 * @return its caller, or empty when the keeping service does not know it (never
	 * created, or revoked); an {@link AuthenticationServiceException} when that service
	 * did not answer
	 */
	Mono<Caller> caller(String token) {
		return this.client.get()
			.uri("/api/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.bodyToMono(Caller.class)
			.timeout(this.timeout)
			.filter(Caller::named)
			.onErrorResume(WebClientResponseException.class,
					(ex) -> ex.getStatusCode().is4xxClientError() ? Mono.empty() : Mono.error(unavailable(ex)))
			.onErrorMap((ex) -> !(ex instanceof AuthenticationServiceException), this::unavailable);
	}

	private AuthenticationServiceException unavailable(Throwable ex) {
		String reason = (ex instanceof TimeoutException) ? "no answer within " + this.timeout : ex.getMessage();
		return new AuthenticationServiceException(
				"API tokens cannot be checked now: " + this.keeper + " did not answer (" + reason + ")", ex);
	}

	/**
	 * The caller of a token, as the keeping service's {@code /api/me} says.
	 *
	 * @param username the token's name
	 * @param roles its roles
	 */
	record Caller(String username, List<Role> roles) {

		Caller {
			roles = (roles != null) ? List.copyOf(roles) : List.of();
		}

		boolean named() {
			return this.username != null && !this.username.isBlank();
		}

	}

}
