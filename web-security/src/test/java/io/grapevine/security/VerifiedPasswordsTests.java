package io.grapevine.security;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedPasswordsTests {

	private final ApiTokensTests.MovableClock clock = new ApiTokensTests.MovableClock();

	private final AtomicInteger bcrypts = new AtomicInteger();

	private LocalUsers users = users(GrapevineSecurityTests.MEMBER_HASH);

	private final VerifiedPasswords verified = new VerifiedPasswords(counted(),
			(name) -> this.users.findByUsername(name), Duration.ofMinutes(2), this.clock);

	@Test
	void aRightPasswordIsCheckedWithBcryptOnceAndThenRemembered() {
		for (int i = 0; i < 50; i++) {
			Authentication signedIn = this.verified.authenticate(basic("mia", "member-password")).block();
			assertThat(signedIn.isAuthenticated()).isTrue();
			assertThat(SignedInUser.of(signedIn).department()).contains("operations");
		}
		assertThat(this.bcrypts).hasValue(1);
	}

	@Test
	void aWrongPasswordIsCheckedEveryTimeAndNeverRemembered() {
		this.verified.authenticate(basic("mia", "member-password")).block();
		for (int i = 0; i < 3; i++) {
			StepVerifier.create(this.verified.authenticate(basic("mia", "member-passwort")))
				.expectError(BadCredentialsException.class)
				.verify();
		}
		assertThat(this.bcrypts).hasValue(4);
	}

	@Test
	void aRememberedPasswordIsCheckedAgainAfterTheTimeToLive() {
		this.verified.authenticate(basic("mia", "member-password")).block();
		this.clock.advance(Duration.ofSeconds(119));
		this.verified.authenticate(basic("mia", "member-password")).block();
		assertThat(this.bcrypts).hasValue(1);
		this.clock.advance(Duration.ofSeconds(2));
		this.verified.authenticate(basic("mia", "member-password")).block();
		assertThat(this.bcrypts).hasValue(2);
	}

	@Test
	void aChangedPasswordEndsWhatWasRememberedOfTheOldOne() {
		this.verified.authenticate(basic("mia", "member-password")).block();
		// The settings now hold the hash of another password.
		this.users = users(GrapevineSecurityTests.ADMIN_HASH);
		StepVerifier.create(this.verified.authenticate(basic("mia", "member-password")))
			.expectError(BadCredentialsException.class)
			.verify();
		assertThat(this.verified.authenticate(basic("mia", "admin-password")).block().isAuthenticated()).isTrue();
	}

	private ReactiveAuthenticationManager counted() {
		return (authentication) -> {
			UserDetailsRepositoryReactiveAuthenticationManager checker = new UserDetailsRepositoryReactiveAuthenticationManager(
					(name) -> this.users.findByUsername(name));
			checker.setPasswordEncoder(new BCryptPasswordEncoder());
			return Mono.fromRunnable(this.bcrypts::incrementAndGet).then(checker.authenticate(authentication));
		};
	}

	private static LocalUsers users(String hash) {
		return new LocalUsers(
				List.of(new GrapevineSecurityProperties.User("mia", hash, List.of(Role.MEMBER), "operations", null)));
	}

	private static UsernamePasswordAuthenticationToken basic(String username, String password) {
		return UsernamePasswordAuthenticationToken.unauthenticated(username, password);
	}

}
