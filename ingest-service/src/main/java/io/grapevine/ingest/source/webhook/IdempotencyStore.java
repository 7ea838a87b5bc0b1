package io.grapevine.ingest.source.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.grapevine.listening.Sha256;
import reactor.core.publisher.Mono;

/**
 * Remembers the answer given to each {@code Idempotency-Key} of each webhook instance, so
 * a request sent again is answered the same and publishes nothing new. Bounded: the
 * oldest keys are forgotten first, and every key after a while; a request retried after
 * that is published again, which overwrites the same mentions downstream.
 */
public final class IdempotencyStore {

	private final int capacity;

	private final Duration retention;

	private final Clock clock;

	private final Map<String, Entry> entries;

	/**
	 * A store.
	 * @param capacity how many keys to remember at most
	 * @param retention how long to remember a key
	 * @param clock the clock
	 */
	public IdempotencyStore(int capacity, Duration retention, Clock clock) {
		this.capacity = capacity;
		this.retention = retention;
		this.clock = clock;
		this.entries = new LinkedHashMap<>(16, 0.75f, false) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
				return size() > IdempotencyStore.this.capacity;
			}

		};
	}

	/**
	 * Run the work of a request once per key: the first request with a key runs it, later
	 * ones with the same body (even while it is still running) get its answer, and one
	 * with another body is refused, since the key was given to other content. Work that
	 * fails is forgotten, so the sender may try again with the same key.
	 * @param instanceId the webhook instance
	 * @param key the request's idempotency key
	 * @param body the request's body
	 * @param work the request's work, answering the accepted mention ids
	 * @return the answer of the first request with that key, or
	 * {@link KeyReusedException} when the key came with another body
	 */
	public Mono<List<String>> once(String instanceId, String key, byte[] body, Supplier<Mono<List<String>>> work) {
		return Mono.defer(() -> {
			String scoped = instanceId + "\n" + key;
			String fingerprint = Sha256.hex(body);
			Instant now = this.clock.instant();
			Mono<List<String>> answer;
			synchronized (this.entries) {
				Entry existing = this.entries.get(scoped);
				if (existing != null && existing.expires().isAfter(now)) {
					if (!existing.fingerprint().equals(fingerprint)) {
						return Mono.error(new KeyReusedException(key));
					}
					return existing.answer();
				}
				Entry[] self = new Entry[1];
				answer = Mono.defer(work).doOnError((ex) -> forget(scoped, self[0])).cache();
				self[0] = new Entry(answer, fingerprint, now.plus(this.retention));
				this.entries.remove(scoped);
				this.entries.put(scoped, self[0]);
			}
			return answer;
		});
	}

	/**
	 * How many keys are remembered.
	 * @return the count
	 */
	public int size() {
		synchronized (this.entries) {
			return this.entries.size();
		}
	}

	private void forget(String scoped, Entry entry) {
		synchronized (this.entries) {
			this.entries.remove(scoped, entry);
		}
	}

	private record Entry(Mono<List<String>> answer, String fingerprint, Instant expires) {
	}

	/**
	 * Thrown when an idempotency key comes again with another body than the first time.
	 */
	public static final class KeyReusedException extends RuntimeException {

		KeyReusedException(String key) {
			super("Idempotency-Key '" + key + "' was sent before with another body; use a new key for new content, "
					+ "or send the same body again to get the first answer");
		}

	}

}
