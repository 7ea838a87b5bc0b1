package io.grapevine.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.server.WebFilter;

/**
 * Slows down guessing passwords: after a few failed sign-ins in a row for one user name,
 * or more from one address, each further try must wait a delay that doubles with every
 * failure (up to fifteen minutes); a try within the wait is refused without its password
 * being checked. A success clears the user's and the address's count. Bounded: the least
 * recently failed keys are forgotten first.
 */
final class SignInThrottle {

	/** Failures of one user name before tries must wait. */
	static final int USER_FAILURES = 5;

	/** Failures from one address before tries must wait (an office shares one). */
	static final int ADDRESS_FAILURES = 20;

	/** The longest wait. */
	static final Duration MAX_WAIT = Duration.ofMinutes(15);

	private static final int CAPACITY = 10_000;

	private static final String ADDRESS = SignInThrottle.class.getName() + ".address";

	private final Clock clock;

	private final Map<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
			return size() > CAPACITY;
		}

	};

	SignInThrottle(Clock clock) {
		this.clock = clock;
	}

	/**
	 * How long a try must still wait.
	 * @param username the user name tried
	 * @param address the address it came from, when known
	 * @return the wait, or empty when it may be tried now
	 */
	synchronized Optional<Duration> wait(String username, Optional<String> address) {
		Instant now = this.clock.instant();
		Duration wait = waitFor(userKey(username), USER_FAILURES, now);
		if (address.isPresent()) {
			Duration byAddress = waitFor(addressKey(address.get()), ADDRESS_FAILURES, now);
			wait = (byAddress.compareTo(wait) > 0) ? byAddress : wait;
		}
		return wait.isZero() ? Optional.empty() : Optional.of(wait);
	}

	synchronized void failed(String username, Optional<String> address) {
		Instant now = this.clock.instant();
		this.failures.merge(userKey(username), new Failures(1, now),
				(old, added) -> new Failures(old.count() + 1, now));
		address.ifPresent((value) -> this.failures.merge(addressKey(value), new Failures(1, now),
				(old, added) -> new Failures(old.count() + 1, now)));
	}

	synchronized void succeeded(String username, Optional<String> address) {
		this.failures.remove(userKey(username));
		address.ifPresent((value) -> this.failures.remove(addressKey(value)));
	}

	private Duration waitFor(String key, int allowed, Instant now) {
		Failures known = this.failures.get(key);
		if (known == null || known.count() < allowed) {
			return Duration.ZERO;
		}
		int over = Math.min(known.count() - allowed, 20);
		Duration delay = Duration.ofSeconds(1L << over);
		delay = (delay.compareTo(MAX_WAIT) > 0) ? MAX_WAIT : delay;
		Duration left = Duration.between(now, known.last().plus(delay));
		return left.isNegative() ? Duration.ZERO : left;
	}

	private static String userKey(String username) {
		return "user " + username.strip().toLowerCase(Locale.ROOT);
	}

	private static String addressKey(String address) {
		return "address " + address;
	}

	/**
	 * The authentication manager that asks this throttle before it checks a password.
	 * @param delegate the manager that checks passwords
	 * @return the throttled manager
	 */
	ReactiveAuthenticationManager guard(ReactiveAuthenticationManager delegate) {
		return (authentication) -> Mono.deferContextual((context) -> {
			String username = authentication.getName();
			Optional<String> address = context.<String>getOrEmpty(ADDRESS);
			Optional<Duration> wait = wait(username, address);
			if (wait.isPresent()) {
				return Mono.error(new ThrottledException(wait.get()));
			}
			return delegate.authenticate(authentication)
				.doOnNext((done) -> succeeded(username, address))
				.doOnError(AuthenticationException.class, (ex) -> failed(username, address));
		});
	}

	/**
	 * The filter that tells the throttled manager where a request came from.
	 * @return the filter
	 */
	static WebFilter addresses() {
		return (exchange, chain) -> {
			var remote = exchange.getRequest().getRemoteAddress();
			if (remote == null || remote.getAddress() == null) {
				return chain.filter(exchange);
			}
			String address = remote.getAddress().getHostAddress();
			return chain.filter(exchange).contextWrite((context) -> context.put(ADDRESS, address));
		};
	}

	private record Failures(int count, Instant last) {
	}

	/**
	 * Thrown when a sign-in is tried within the wait that failed ones imposed.
	 */
	static final class ThrottledException extends AuthenticationException {

		private final long seconds;

		ThrottledException(Duration wait) {
			super("Too many failed sign-ins: try again in " + Math.max(1, wait.toSeconds()) + " s");
			this.seconds = Math.max(1, wait.toSeconds());
		}

		long seconds() {
			return this.seconds;
		}

	}

}
