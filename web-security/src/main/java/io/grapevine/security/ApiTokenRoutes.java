package io.grapevine.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The administrators' API for API tokens: create one ({@code POST /api/tokens}, the token
 * is in that answer and nowhere else), list them (without secrets) and revoke one
 * ({@code DELETE /api/tokens/{id}}).
 */
final class ApiTokenRoutes {

	static final String PATH = "/api/tokens";

	private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._@:/-]{1,100}");

	private final ApiTokens tokens;

	ApiTokenRoutes(ApiTokens tokens) {
		this.tokens = tokens;
	}

	// Where no tokens are kept (the gateway, ingest-service), the paths are left to
	// whatever else answers them: behind the gateway, search-service.
	RouterFunction<ServerResponse> routes() {
		if (!this.tokens.keepsTokens()) {
			return (request) -> Mono.empty();
		}
		return RouterFunctions.route()
			.GET(PATH, this::list)
			.POST(PATH, this::create)
			.DELETE(PATH + "/{id}", this::revoke)
			.build();
	}

	private Mono<ServerResponse> list(ServerRequest request) {
		return this.tokens.list()
			.map(ApiTokenRoutes::shown)
			.collectList()
			.flatMap((all) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(all));
	}

	private Mono<ServerResponse> create(ServerRequest request) {
		return request.bodyToMono(NewToken.class)
			.onErrorResume((ex) -> Mono.just(new NewToken(null, null)))
			.defaultIfEmpty(new NewToken(null, null))
			.flatMap((asked) -> {
				String name = (asked.name() != null) ? asked.name().strip() : "";
				if (!NAME.matcher(name).matches()) {
					return problem(request, HttpStatus.BAD_REQUEST, "Invalid token name",
							"Send {\"name\": \"...\", \"roles\": [\"MEMBER\"]}: name (1 to 100 letters, digits, "
									+ "spaces or . _ @ : / -) says what will call with the token; roles are MEMBER "
									+ "(the default) or ADMIN");
				}
				List<Role> roles = new ArrayList<>();
				for (String role : Optional.ofNullable(asked.roles()).orElse(List.of(Role.MEMBER.name()))) {
					Optional<Role> known = List.of(Role.values())
						.stream()
						.filter((candidate) -> candidate.name().equalsIgnoreCase(String.valueOf(role).strip()))
						.findFirst();
					if (known.isEmpty()) {
						return problem(request, HttpStatus.BAD_REQUEST, "Invalid token role",
								"Role '" + role + "' is unknown; a token's roles are MEMBER or ADMIN");
					}
					roles.add(known.get());
				}
				if (roles.isEmpty()) {
					roles.add(Role.MEMBER);
				}
				return SignedInUser.current()
					.map(SignedInUser::username)
					.defaultIfEmpty("unknown")
					.flatMap((admin) -> this.tokens.create(name, roles, admin))
					.flatMap((created) -> {
						Map<String, Object> body = shown(created.kept());
						body.put("token", created.token());
						return ServerResponse.created(URI.create(PATH + "/" + created.kept().id()))
							.contentType(MediaType.APPLICATION_JSON)
							.header("Cache-Control", "no-store")
							.bodyValue(body);
					});
			});
	}

	private Mono<ServerResponse> revoke(ServerRequest request) {
		String id = request.pathVariable("id");
		return this.tokens.revoke(id)
			.flatMap((revoked) -> revoked ? ServerResponse.noContent().build() : problem(request, HttpStatus.NOT_FOUND,
					"No such token", "There is no API token '" + id + "'; GET " + PATH + " lists them"));
	}

	private static Map<String, Object> shown(ApiToken token) {
		Map<String, Object> shown = new LinkedHashMap<>();
		shown.put("id", token.id());
		shown.put("name", token.name());
		shown.put("roles", token.roles());
		shown.put("createdAt", token.createdAt().toString());
		shown.put("createdBy", token.createdBy());
		return shown;
	}

	private static Mono<ServerResponse> problem(ServerRequest request, HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setInstance(URI.create(request.path()));
		return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).bodyValue(problem);
	}

	/**
	 * What an administrator asks for.
	 *
	 * @param name what will call with the token
	 * @param roles its roles, MEMBER when not given
	 */
	record NewToken(String name, List<String> roles) {

	}

}
