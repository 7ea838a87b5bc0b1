package io.grapevine.ingest.source.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyStoreTests {

	private final AtomicInteger runs = new AtomicInteger();

	private final IdempotencyStore store = new IdempotencyStore(2, Duration.ofHours(1),
			Clock.fixed(Instant.parse("2026-11-21T22:00:00Z"), ZoneOffset.UTC));

	@Test
	void runsTheWorkOfAKeyOnceAndAnswersLaterRequestsWithTheFirstAnswer() {
		StepVerifier.create(this.store.once("webhook:crm", "k1", () -> work("first")))
			.expectNext(List.of("first"))
			.verifyComplete();
		StepVerifier.create(this.store.once("webhook:crm", "k1", () -> work("second")))
			.expectNext(List.of("first"))
			.verifyComplete();

		assertThat(this.runs).hasValue(1);
	}

	@Test
	void keysOfDifferentWebhooksDoNotMeet() {
		StepVerifier.create(this.store.once("webhook:crm", "k1", () -> work("crm")))
			.expectNext(List.of("crm"))
			.verifyComplete();
		StepVerifier.create(this.store.once("webhook:forms", "k1", () -> work("forms")))
			.expectNext(List.of("forms"))
			.verifyComplete();
	}

	@Test
	void forgetsWorkThatFailedSoTheSameKeyCanBeSentAgain() {
		StepVerifier.create(this.store.once("webhook:crm", "k1", () -> Mono.error(new IllegalStateException("down"))))
			.verifyError(IllegalStateException.class);
		StepVerifier.create(this.store.once("webhook:crm", "k1", () -> work("retry")))
			.expectNext(List.of("retry"))
			.verifyComplete();
	}

	@Test
	void forgetsTheOldestKeysBeyondItsCapacity() {
		for (String key : List.of("k1", "k2", "k3")) {
			StepVerifier.create(this.store.once("webhook:crm", key, () -> work(key)))
				.expectNextCount(1)
				.verifyComplete();
		}

		assertThat(this.store.size()).isEqualTo(2);
		StepVerifier.create(this.store.once("webhook:crm", "k1", () -> work("again")))
			.expectNext(List.of("again"))
			.verifyComplete();
		StepVerifier.create(this.store.once("webhook:crm", "k3", () -> work("not again")))
			.expectNext(List.of("k3"))
			.verifyComplete();
	}

	private Mono<List<String>> work(String answer) {
		return Mono.fromSupplier(() -> {
			this.runs.incrementAndGet();
			return List.of(answer);
		});
	}

}
