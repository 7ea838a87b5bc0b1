package io.grapevine.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.grapevine.listening.Sha256;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

import static org.assertj.core.api.Assertions.assertThat;

class ApiTokensTests {

	private final SharedStore store = new SharedStore();

	private final MovableClock clock = new MovableClock();

	private final ApiTokens replica = new ApiTokens(List.of(), Optional.of(this.store), Duration.ofSeconds(30),
			this.clock);

	private final ApiTokens otherReplica = new ApiTokens(List.of(), Optional.of(this.store), Duration.ofSeconds(30),
			this.clock);

	@Test
	void aCreatedTokenIsShownOnceAndOnlyItsHashIsKept() {
		ApiTokens.CreatedToken created = this.replica.create("nightly report", List.of(Role.MEMBER), "ada").block();
		assertThat(created.token()).matches("gv_[0-9a-f]{16}_[A-Za-z0-9_-]{43}").contains(created.kept().id());
		ApiToken kept = this.store.tokens.get(created.kept().id());
		assertThat(kept.hash()).isEqualTo(Sha256.hex(created.token())).doesNotContain(created.token());
		assertThat(kept.createdBy()).isEqualTo("ada");
		assertThat(this.replica.list().collectList().block()).extracting(ApiToken::name)
			.containsExactly("nightly report");
	}

	@Test
	void aTokenSignsInWithItsNameAndRolesAndIsLookedUpOnceWithinTheCacheTime() {
		String token = this.replica.create("nightly report", List.of(Role.ADMIN), "ada").block().token();
		for (int i = 0; i < 100; i++) {
			Authentication signedIn = this.replica.authenticate(new ApiTokens.Presented(token)).block();
			assertThat(SignedInUser.of(signedIn).username()).isEqualTo("nightly report");
			assertThat(SignedInUser.of(signedIn).roles()).containsExactlyInAnyOrder(Role.MEMBER, Role.ADMIN);
		}
		assertThat(this.store.finds).hasValue(1);
	}

	@Test
	void aWrongOrForgedTokenIsRefused() {
		String token = this.replica.create("nightly report", List.of(Role.MEMBER), "ada").block().token();
		String sameIdOtherSecret = token.substring(0, token.length() - 4) + "AAAA";
		for (String wrong : List.of(sameIdOtherSecret, "gv_", "gv_0123456789abcdef_short", token + "x")) {
			StepVerifier.create(this.replica.authenticate(new ApiTokens.Presented(wrong)))
				.expectError(BadCredentialsException.class)
				.verify();
		}
		// The right one still works after a wrong one with its id was tried.
		assertThat(this.replica.authenticate(new ApiTokens.Presented(token)).block().isAuthenticated()).isTrue();
	}

	@Test
	void aRevokedTokenStopsAtOnceOnItsReplicaAndWithinTheCacheTimeOnOthers() {
		ApiTokens.CreatedToken created = this.replica.create("nightly report", List.of(Role.MEMBER), "ada").block();
		ApiTokens.Presented presented = new ApiTokens.Presented(created.token());
		this.replica.authenticate(presented).block();
		this.otherReplica.authenticate(presented).block();

		assertThat(this.replica.revoke(created.kept().id()).block()).isTrue();
		StepVerifier.create(this.replica.authenticate(presented)).expectError(BadCredentialsException.class).verify();
		// The other replica trusts what it checked for at most the cache time.
		this.clock.advance(Duration.ofSeconds(29));
		assertThat(this.otherReplica.authenticate(presented).block().isAuthenticated()).isTrue();
		this.clock.advance(Duration.ofSeconds(2));
		StepVerifier.create(this.otherReplica.authenticate(presented))
			.expectError(BadCredentialsException.class)
			.verify();
		assertThat(this.replica.revoke(created.kept().id()).block()).isFalse();
	}

	@Test
	void aTokenGivenInTheSettingsIsKnownByItsHashAlone() {
		String token = "gv_service_token_made_by_the_operator";
		ApiTokens configured = new ApiTokens(List.of(new GrapevineSecurityProperties.ConfiguredToken("digest-service",
				Sha256.hex(token), List.of(Role.MEMBER))), Optional.empty(), Duration.ofSeconds(30), this.clock);
		Authentication signedIn = configured.authenticate(new ApiTokens.Presented(token)).block();
		assertThat(SignedInUser.of(signedIn).username()).isEqualTo("digest-service");
		assertThat(SignedInUser.of(signedIn).roles()).containsExactly(Role.MEMBER);
		assertThat(configured.keepsTokens()).isFalse();
		StepVerifier.create(configured.authenticate(new ApiTokens.Presented(token + "x")))
			.expectError(BadCredentialsException.class)
			.verify();
	}

	@Test
	void onlyBearerHeadersThatStartWithThePrefixCarryATokenForThisFilter() {
		assertThat(ApiTokens.isToken("Bearer gv_abc")).isTrue();
		assertThat(ApiTokens.isToken("bearer gv_abc")).isTrue();
		assertThat(ApiTokens.isToken("Bearer eyJhbGciOi")).isFalse();
		assertThat(ApiTokens.isToken("Basic gv_abc")).isFalse();
		assertThat(ApiTokens.isToken(null)).isFalse();
	}

	/** One index the replicas share, counting the look-ups by id. */
	static final class SharedStore implements ApiTokenStore {

		final Map<String, ApiToken> tokens = new ConcurrentHashMap<>();

		final AtomicInteger finds = new AtomicInteger();

		@Override
		public Mono<ApiToken> find(String id) {
			this.finds.incrementAndGet();
			return Mono.justOrEmpty(this.tokens.get(id));
		}

		@Override
		public Mono<Void> create(ApiToken token) {
			return Mono.fromRunnable(() -> this.tokens.put(token.id(), token));
		}

		@Override
		public Flux<ApiToken> all() {
			return Flux.fromIterable(this.tokens.values());
		}

		@Override
		public Mono<Boolean> delete(String id) {
			return Mono.fromCallable(() -> this.tokens.remove(id) != null);
		}

	}

	static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2026-12-07T09:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
