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

	private static final byte[] BODY = "{\"id\": \"1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

	private final AtomicInteger runs = new AtomicInteger();

	private final IdempotencyStore store = new IdempotencyStore(2, Duration.ofHours(1),
			Clock.fixed(Instant.parse("2026-11-21T22:00:00Z"), ZoneOffset.UTC));

	@Test
	void theSameKeyWithAnotherBodyIsRefusedAndTheFirstAnswerStands() {
		StepVerifier.create(this.store.once("webhook:crm", "k9", BODY, () -> work("first")))
			.expectNext(List.of("first"))
			.verifyComplete();
		byte[] other = "{\"id\": \"2\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		StepVerifier.create(this.store.once("webhook:crm", "k9", other, () -> work("second")))
			.verifyErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IdempotencyStore.KeyReusedException.class)
				.hasMessageContaining("'k9'"));
		StepVerifier.create(this.store.once("webhook:crm", "k9", BODY, () -> work("third")))
			.expectNext(List.of("first"))
			.verifyComplete();
	}

	@Test
	void runsTheWorkOfAKeyOnceAndAnswersLaterRequestsWithTheFirstAnswer() {
		StepVerifier.create(this.store.once("webhook:crm", "k1", BODY, () -> work("first")))
			.expectNext(List.of("first"))
			.verifyComplete();
		StepVerifier.create(this.store.once("webhook:crm", "k1", BODY, () -> work("second")))
			.expectNext(List.of("first"))
			.verifyComplete();

		assertThat(this.runs).hasValue(1);
	}

	@Test
	void keysOfDifferentWebhooksDoNotMeet() {
		StepVerifier.create(this.store.once("webhook:crm", "k1", BODY, () -> work("crm")))
			.expectNext(List.of("crm"))
			.verifyComplete();
		StepVerifier.create(this.store.once("webhook:forms", "k1", BODY, () -> work("forms")))
			.expectNext(List.of("forms"))
			.verifyComplete();
	}

	@Test
	void forgetsWorkThatFailedSoTheSameKeyCanBeSentAgain() {
		StepVerifier
			.create(this.store.once("webhook:crm", "k1", BODY, () -> Mono.error(new IllegalStateException("down"))))
			.verifyError(IllegalStateException.class);
		StepVerifier.create(this.store.once("webhook:crm", "k1", BODY, () -> work("retry")))
			.expectNext(List.of("retry"))
			.verifyComplete();
	}

	@Test
	void forgetsTheOldestKeysBeyondItsCapacity() {
		for (String key : List.of("k1", "k2", "k3")) {
			StepVerifier.create(this.store.once("webhook:crm", key, BODY, () -> work(key)))
				.expectNextCount(1)
				.verifyComplete();
		}

		assertThat(this.store.size()).isEqualTo(2);
		StepVerifier.create(this.store.once("webhook:crm", "k1", BODY, () -> work("again")))
			.expectNext(List.of("again"))
			.verifyComplete();
		StepVerifier.create(this.store.once("webhook:crm", "k3", BODY, () -> work("not again")))
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
