package io.grapevine.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;

/**
 * Remembers, for a short time, the user names and passwords bcrypt found right, so that
 * HTTP Basic, which sends them with every call, costs one bcrypt per client and not one
 * per call. What is remembered is an HMAC (with a key made at start and kept in memory)
 * of the name, the password and the user's stored hash: never the password, and a changed
 * password's hash no longer matches. Bounded: the least recently used entries are
 * forgotten first.
 */
final class VerifiedPasswords implements ReactiveAuthenticationManager {

	private static final int CAPACITY = 10_000;

	private final ReactiveAuthenticationManager checker;

	private final ReactiveUserDetailsService users;

	private final Duration ttl;

	private final Clock clock;

	private final SecretKeySpec key;

	private final Map<String, Instant> verified = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
			return size() > CAPACITY;
		}

	};

	VerifiedPasswords(ReactiveAuthenticationManager checker, ReactiveUserDetailsService users, Duration ttl,
			Clock clock) {
		this.checker = checker;
		this.users = users;
		this.ttl = ttl;
		this.clock = clock;
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		this.key = new SecretKeySpec(secret, "HmacSHA256");
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		if (this.ttl.isZero() || this.ttl.isNegative() || authentication.getCredentials() == null) {
			return this.checker.authenticate(authentication);
		}
		String username = authentication.getName();
		String password = authentication.getCredentials().toString();
		return this.users.findByUsername(username).flatMap((user) -> {
			String fingerprint = fingerprint(username, password, user.getPassword());
			if (isRemembered(fingerprint)) {
				return Mono.<Authentication>just(
						UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
			}
			return this.checker.authenticate(authentication).doOnNext((done) -> remember(fingerprint));
		}).switchIfEmpty(Mono.defer(() -> this.checker.authenticate(authentication)));
	}

	private synchronized boolean isRemembered(String fingerprint) {
		Instant until = this.verified.get(fingerprint);
		if (until == null) {
			return false;
		}
		if (!this.clock.instant().isBefore(until)) {
			this.verified.remove(fingerprint);
			return false;
		}
		return true;
	}

	private synchronized void remember(String fingerprint) {
		this.verified.put(fingerprint, this.clock.instant().plus(this.ttl));
	}

	private String fingerprint(String username, String password, String storedHash) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			for (String part : new String[] { username, password, String.valueOf(storedHash) }) {
				byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
				mac.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
				mac.update((byte) ':');
				mac.update(bytes);
			}
			return HexFormat.of().formatHex(mac.doFinal());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", ex);
		}
	}

}
