package io.grapevine.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.grapevine.listening.Sha256;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;

/**
 * Checks the API tokens scripts and services call with ({@code Authorization: Bearer
 * gv_...}) with one SHA-256 and, for a kept token not seen lately, one get by id; and
 * creates, lists and revokes the kept ones. A token is shown once, when it is made; only
 * its hash is kept. A revoked token stops working at once on the replica that revoked it,
 * and within the cache's lifetime on the others. Bounded: the least recently used tokens
 * are forgotten first.
 */
final class ApiTokens implements ReactiveAuthenticationManager {

	/** How every API token starts. */
	static final String PREFIX = "gv_";

	// gv_, the id (16 hex digits), _, the secret (32 random bytes, base64url).
	private static final Pattern KEPT = Pattern.compile("gv_([0-9a-f]{16})_[A-Za-z0-9_-]{43}");

	private static final int CAPACITY = 10_000;

	private static final SecureRandom random = new SecureRandom();

	private final Map<String, GrapevineSecurityProperties.ConfiguredToken> configured = new HashMap<>();

	private final Optional<ApiTokenStore> store;

	private final Duration cacheTtl;

	private final Clock clock;

	private final Map<String, Checked> checked = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Checked> eldest) {
			return size() > CAPACITY;
		}

	};

	ApiTokens(List<GrapevineSecurityProperties.ConfiguredToken> configured, Optional<ApiTokenStore> store,
			Duration cacheTtl, Clock clock) {
		configured.forEach((token) -> this.configured.put(token.hash().strip().toLowerCase(), token));
		this.store = store;
		this.cacheTtl = cacheTtl;
		this.clock = clock;
	}

	/**
	 * Whether this service keeps tokens administrators create.
	 * @return true when there is a store
	 */
	boolean keepsTokens() {
		return this.store.isPresent();
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		String token = String.valueOf(authentication.getCredentials());
		String hash = Sha256.hex(token);
		GrapevineSecurityProperties.ConfiguredToken given = this.configured.get(hash);
		if (given != null) {
			return Mono.just(CredentialsAuthentication.of(given.name().strip(), given.roles()));
		}
		Matcher kept = KEPT.matcher(token);
		if (!kept.matches() || this.store.isEmpty()) {
			return Mono.error(unknown());
		}
		String id = kept.group(1);
		Optional<Checked> recent = recent(id);
		Mono<ApiToken> found = recent.isPresent() ? Mono.just(recent.get().token()) : this.store.get()
			.find(id)
			.onErrorMap((ex) -> new AuthenticationServiceException(
					"API tokens cannot be checked now: their store did not answer (" + ex.getMessage() + ")", ex))
			.doOnNext(this::remember);
		return found.filter((candidate) -> sameHash(candidate.hash(), hash))
			.<Authentication>map((match) -> CredentialsAuthentication.of(match.name(), match.roles()))
			.switchIfEmpty(Mono.error(ApiTokens::unknown));
	}

	private static BadCredentialsException unknown() {
		return new BadCredentialsException("The API token is unknown or was revoked");
	}

	private static boolean sameHash(String kept, String computed) {
		return kept != null && MessageDigest.isEqual(kept.getBytes(StandardCharsets.US_ASCII),
				computed.getBytes(StandardCharsets.US_ASCII));
	}

	private synchronized Optional<Checked> recent(String id) {
		Checked known = this.checked.get(id);
		if (known == null || !this.clock.instant().isBefore(known.until())) {
			return Optional.empty();
		}
		return Optional.of(known);
	}

	private synchronized void remember(ApiToken token) {
		if (!this.cacheTtl.isZero() && !this.cacheTtl.isNegative()) {
			this.checked.put(token.id(), new Checked(token, this.clock.instant().plus(this.cacheTtl)));
		}
	}

	private synchronized void forget(String id) {
		this.checked.remove(id);
	}

	/**
	 * Make and keep a new token.
	 * @param name what will call with it
	 * @param roles its roles
	 * @param createdBy the administrator who asked for it
	 * @return the kept token and the token itself, to be shown once
	 */
	Mono<CreatedToken> create(String name, List<Role> roles, String createdBy) {
		ApiTokenStore tokens = this.store.orElseThrow();
		byte[] id = new byte[8];
		byte[] secret = new byte[32];
		random.nextBytes(id);
		random.nextBytes(secret);
		String value = PREFIX + HexFormat.of().formatHex(id) + "_"
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		ApiToken token = new ApiToken(HexFormat.of().formatHex(id), name, Sha256.hex(value), roles,
				Instant.now(this.clock), createdBy);
		return tokens.create(token).thenReturn(new CreatedToken(token, value));
	}

	/**
	 * The kept tokens, oldest first.
	 * @return the tokens
	 */
	Flux<ApiToken> list() {
		return this.store.orElseThrow().all().sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
	}

	/**
	 * Revoke a kept token: it stops working here at once.
	 * @param id the token's id
	 * @return whether there was such a token
	 */
	Mono<Boolean> revoke(String id) {
		forget(id);
		return this.store.orElseThrow().delete(id).doOnNext((deleted) -> forget(id));
	}

	/**
	 * Whether an Authorization header carries an API token.
	 * @param authorization the header's value
	 * @return true for {@code Bearer gv_...}
	 */
	static boolean isToken(String authorization) {
		return authorization != null && authorization.regionMatches(true, 0, "Bearer " + PREFIX, 0, 10);
	}

	/**
	 * The token of an Authorization header that carries one.
	 * @param authorization the header's value
	 * @return the token, without {@code Bearer}
	 */
	static String token(String authorization) {
		return authorization.substring("Bearer ".length()).strip();
	}

	/**
	 * A token just made: what is kept, and the token, shown once.
	 *
	 * @param kept the kept token
	 * @param token the token to call with
	 */
	record CreatedToken(ApiToken kept, String token) {

	}

	private record Checked(ApiToken token, Instant until) {

	}

	/**
	 * A call that says it comes with an API token, before the token is checked.
	 */
	static final class Presented extends AbstractAuthenticationToken {

		private final String token;

		Presented(String token) {
			super(List.of());
			this.token = token;
		}

		@Override
		public Object getCredentials() {
			return this.token;
		}

		@Override
		public Object getPrincipal() {
			return "API token";
		}

	}

}
