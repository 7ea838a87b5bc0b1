package io.grapevine.digest.delivery;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookPosterTests {

	private final FakeChatWebhook webhook = FakeChatWebhook.slack();

	private final WebhookPoster poster = new WebhookPoster(WebClient.builder(), 4, Duration.ofMillis(50),
			Duration.ofMillis(200), Duration.ofSeconds(5));

	private final ObjectNode message = new ObjectMapper().createObjectNode().put("text", "Operations digest");

	@AfterEach
	void stop() {
		this.webhook.close();
	}

	@Test
	void aMessageIsPostedAsJsonOnce() {
		StepVerifier.create(this.poster.post(this.webhook.url(), this.message, "the Slack webhook of operations"))
			.verifyComplete();
		assertThat(this.webhook.requests()).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.contentType()).isEqualTo("application/json");
			assertThat(request.body()).isEqualTo("{\"text\":\"Operations digest\"}");
		});
	}

	@Test
	void aWebhookThatIsDownIsTriedAgainUntilItTakesTheMessage() {
		this.webhook.thenAnswer(503, "", null).thenAnswer(500, "internal error", null);
		StepVerifier.create(this.poster.post(this.webhook.url(), this.message, "the Slack webhook of operations"))
			.verifyComplete();
		assertThat(this.webhook.requests()).hasSize(3);
	}

	@Test
	void aRateLimitedWebhookIsTriedAgainAfterTheTimeItGives() {
		this.webhook.thenAnswer(429, "rate_limited", "1");
		long started = System.nanoTime();
		StepVerifier.create(this.poster.post(this.webhook.url(), this.message, "the Slack webhook of operations"))
			.verifyComplete();
		assertThat(this.webhook.requests()).hasSize(2);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
	}

	@Test
	void aRefusalFailsAtOnceNamingTheChannelAndWhatTheWebhookSaidButNotItsUrl() {
		this.webhook.thenAnswer(404, "no_service", null);
		StepVerifier.create(this.poster.post(this.webhook.url(), this.message, "the Slack webhook of operations"))
			.verifyErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(DeliveryFailedException.class)
				.hasMessageContaining("the Slack webhook of operations refused the message with 404: no_service")
				.hasMessageNotContaining(this.webhook.url().getPath()));
		assertThat(this.webhook.requests()).hasSize(1);
	}

	@Test
	void aWebhookThatStaysDownFailsAfterTheLastTry() {
		for (int i = 0; i < 4; i++) {
			this.webhook.thenAnswer(503, "", null);
		}
		StepVerifier.create(this.poster.post(this.webhook.url(), this.message, "the Teams webhook of operations"))
			.verifyErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(DeliveryFailedException.class)
				.hasMessageContaining("the Teams webhook of operations answered 503")
				.hasMessageContaining("gave up after 4 tries"));
		assertThat(this.webhook.requests()).hasSize(4);
	}

	@Test
	void anUnreachableWebhookIsReportedAsSuch() {
		this.webhook.close();
		StepVerifier.create(this.poster.post(this.webhook.url(), this.message, "the Slack webhook of operations"))
			.verifyErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(DeliveryFailedException.class)
				.hasMessageContaining("the Slack webhook of operations could not be reached"));
	}

}
