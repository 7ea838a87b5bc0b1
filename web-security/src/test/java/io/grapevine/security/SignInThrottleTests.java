package io.grapevine.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInThrottleTests {

	private final MovingClock clock = new MovingClock();

	private final SignInThrottle throttle = new SignInThrottle(this.clock);

	private static final Optional<String> HOME = Optional.of("203.0.113.7");

	@Test
	void aFewWrongPasswordsCostNothingAndThenEachTryWaitsTwiceAsLong() {
		for (int i = 0; i < SignInThrottle.USER_FAILURES; i++) {
			assertThat(this.throttle.wait("ada", HOME)).isEmpty();
			this.throttle.failed("ada", HOME);
		}
		assertThat(this.throttle.wait("ada", HOME)).contains(Duration.ofSeconds(1));
		this.clock.pass(Duration.ofSeconds(1));
		assertThat(this.throttle.wait("ADA ", HOME)).isEmpty();
		this.throttle.failed("ada", HOME);
		assertThat(this.throttle.wait("ada", HOME)).contains(Duration.ofSeconds(2));
		this.clock.pass(Duration.ofSeconds(2));
		this.throttle.failed("ada", HOME);
		assertThat(this.throttle.wait("ada", HOME)).contains(Duration.ofSeconds(4));
		// Another person from another address is not held up.
		assertThat(this.throttle.wait("grace", Optional.of("198.51.100.2"))).isEmpty();
	}

	@Test
	void thirtyWrongPasswordsInTwoSecondsLeaveTheRightOneWaitingAtMostFifteenMinutes() {
		for (int i = 0; i < 30; i++) {
			this.throttle.failed("ada", HOME);
		}
		assertThat(this.throttle.wait("ada", Optional.empty())).contains(SignInThrottle.MAX_WAIT);
		this.clock.pass(SignInThrottle.MAX_WAIT);
		assertThat(this.throttle.wait("ada", Optional.empty())).isEmpty();
	}

	@Test
	void manyUserNamesTriedFromOneAddressMakeThatAddressWait() {
		for (int i = 0; i < SignInThrottle.ADDRESS_FAILURES; i++) {
			this.throttle.failed("user" + i, HOME);
		}
		assertThat(this.throttle.wait("someone-new", HOME)).isPresent();
		assertThat(this.throttle.wait("someone-new", Optional.of("198.51.100.2"))).isEmpty();
	}

	@Test
	void aSuccessClearsTheCount() {
		for (int i = 0; i < 10; i++) {
			this.throttle.failed("ada", HOME);
		}
		this.throttle.succeeded("ada", HOME);
		assertThat(this.throttle.wait("ada", HOME)).isEmpty();
	}

	private static final class MovingClock extends Clock {

		private Instant now = Instant.parse("2026-12-07T12:00:00Z");

		void pass(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
