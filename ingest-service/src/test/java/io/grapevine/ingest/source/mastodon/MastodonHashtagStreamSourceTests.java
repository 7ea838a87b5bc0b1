package io.grapevine.ingest.source.mastodon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.InvalidSourceSettingsException;
import io.grapevine.ingest.source.OwnedAccounts;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceSettings;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.SourceDeclaration;
import io.grapevine.listening.organization.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MastodonHashtagStreamSourceTests {

	private static final Instant NOW = Instant.parse("2026-11-21T22:00:00Z");

	private final FakeMastodonStreaming server = FakeMastodonStreaming.start();

	private final MockEnvironment environment = new MockEnvironment().withProperty("STREAM_TOKEN", "stream-token");

	private final Cursor start = Cursor.start("mastodon-stream:social", NOW);

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void collectsTheUpdatesOfEveryHashtagStreamAndMapsThemAsThePollingSourceDoes() {
		this.server.requireToken("stream-token");
		this.server.update("hctransit", 115826492454868451L, "Bus delayed & crowded");
		this.server.delete("hctransit", 115826492454868400L);
		this.server.update("HarborCity", 115826492454868452L, "Lovely driver on line 4");
		Source source = create(settings(Map.of("base-url", "https://mastodon.social", "streaming-url",
				this.server.baseUrl().toString(), "access-token", "${STREAM_TOKEN}", "hashtags",
				List.of("#hctransit", "HarborCity"), "max-events", "2", "max-wait", "10s")));

		Page page = fetch(source);

		assertThat(page.problem()).isEmpty();
		assertThat(page.more()).isTrue();
		assertThat(page.next()).isEqualTo(this.start);
		assertThat(page.deadLetters()).isEmpty();
		assertThat(page.mentions()).extracting(Mention::id)
			.containsExactlyInAnyOrder("mastodon:mastodon.social:115826492454868451",
					"mastodon:mastodon.social:115826492454868452");
		Mention delayed = page.mentions()
			.stream()
			.filter((mention) -> mention.id().endsWith("451"))
			.findFirst()
			.orElseThrow();
		assertThat(delayed.text()).isEqualTo("Bus delayed & crowded #hctransit");
		assertThat(delayed.author().handle()).isEqualTo("rider_amy@mastodon.social");
		assertThat(delayed.author().followers()).contains(321L);
		assertThat(delayed.engagement()).isEqualTo(new Engagement(3, 2, 1));
		assertThat(delayed.matchedBy()).contains("#hctransit");
		assertThat(delayed.url()).hasToString("https://mastodon.social/@rider_amy/115826492454868451");
		assertThat(this.server.requests()).hasSize(2).allSatisfy((request) -> {
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.path()).isEqualTo("/api/v1/streaming/hashtag");
			assertThat(request.authorization()).contains("Bearer stream-token");
			assertThat(request.accept())
				.hasValueSatisfying((accept) -> assertThat(accept).contains("text/event-stream"));
		});
		assertThat(this.server.requests()).extracting((request) -> request.query().get("tag"))
			.containsExactlyInAnyOrder("hctransit", "HarborCity");
	}

	@Test
	void theOrganizationsStreamedReplyIsOwnedAndNamesTheStatusItAnswers() {
		// An update event's data is a Status entity as the REST API answers it
		// (docs.joinmastodon.org/methods/streaming): a remote reply carries the id this
		// server gives it and, as in_reply_to_id, the id this server gives its parent.
		this.server.update("hctransit", 115826492454868451L, "The 14 is late again");
		ObjectNode reply = FakeMastodonStreaming.status(115826492454868460L, "hctransit",
				"@rider_amy Sorry, a bus broke down at Pier 4");
		reply.put("in_reply_to_id", "115826492454868451");
		reply.put("in_reply_to_account_id", "109302");
		reply.put("uri", "https://harbor.social/users/hctransit/statuses/113500000000000002");
		reply.put("url", "https://harbor.social/@hctransit/113500000000000002");
		ObjectNode account = (ObjectNode) reply.get("account");
		account.put("id", "110000000000000001");
		account.put("username", "hctransit");
		account.put("acct", "hctransit@harbor.social");
		account.put("url", "https://harbor.social/@hctransit");
		this.server.updateRaw("hctransit", reply.toString());
		Source source = create(settings(
				Map.of("base-url", "https://mastodon.social", "streaming-url", this.server.baseUrl().toString(),
						"hashtags", List.of("hctransit"), "max-events", "2", "max-wait", "10s")));

		Map<String, Mention> tagged = OwnedAccounts.tagged(fetch(source).mentions());

		Mention publicStatus = tagged.get("mastodon:mastodon.social:115826492454868451");
		Mention ownReply = tagged.get("mastodon:mastodon.social:115826492454868460");
		assertThat(publicStatus.owned()).isFalse();
		assertThat(ownReply.owned()).isTrue();
		assertThat(ownReply.parentId()).contains(publicStatus.id());
	}

	@Test
	void answersWhatArrivedWhenTheWaitIsOverAndStopsAtTheMostEventsAsked() {
		for (long id = 1; id <= 5; id++) {
			this.server.update("hctransit", 900 + id, "Bus delayed (" + id + ")");
		}
		Source few = create(settings(Map.of("base-url", this.server.baseUrl().toString(), "hashtags",
				List.of("hctransit"), "max-events", "3", "max-wait", "10s")));
		Source waits = create(settings(Map.of("base-url", this.server.baseUrl().toString(), "hashtags",
				List.of("hctransit"), "max-events", "100", "max-wait", "1s")));

		assertThat(fetch(few).mentions()).extracting(Mention::id)
			.containsExactly("mastodon:127.0.0.1:901", "mastodon:127.0.0.1:902", "mastodon:127.0.0.1:903");
		assertThat(fetch(waits).mentions()).hasSize(5);
		assertThat(this.server.requests()).allSatisfy((request) -> assertThat(request.authorization()).isEmpty());
	}

	@Test
	void answersWhatArrivedWhenTheServerClosesTheStream() {
		this.server.holdStreamsFor(0);
		this.server.update("hctransit", 42, "Bus delayed");
		Source source = create(settings(Map.of("base-url", this.server.baseUrl().toString(), "hashtags",
				List.of("hctransit"), "max-wait", "10m")));

		assertThat(fetch(source).mentions()).extracting(Mention::id).containsExactly("mastodon:127.0.0.1:42");
	}

	@Test
	void setsAsideUpdatesThatAreNotStatusesAndKeepsTheOthers() {
		this.server.updateRaw("hctransit", "{\"id\":\"77\",\"content\":\"<p>trunc");
		this.server.updateRaw("hctransit", "{\"id\":\"78\",\"created_at\":\"2026-11-21T21:00:00Z\","
				+ "\"url\":\"https://mastodon.social/@x/78\",\"content\":\"<p>no account</p>\"}");
		this.server.update("hctransit", 79, "Bus delayed");
		this.server.holdStreamsFor(0);
		Source source = create(
				settings(Map.of("base-url", this.server.baseUrl().toString(), "hashtags", List.of("hctransit"))));

		Page page = fetch(source);

		assertThat(page.problem()).isEmpty();
		assertThat(page.mentions()).extracting(Mention::id).containsExactly("mastodon:127.0.0.1:79");
		assertThat(page.deadLetters()).hasSize(2);
		assertThat(page.deadLetters().get(0).payload()).isEqualTo("{\"id\":\"77\",\"content\":\"<p>trunc");
		assertThat(page.deadLetters().get(0).reason()).contains("not a status").contains("not JSON");
		assertThat(page.deadLetters().get(0).source()).isEqualTo("mastodon-stream:social");
		assertThat(page.deadLetters().get(1).reason()).contains("78").contains("account");
	}

	@Test
	void aRefusedTokenFailsThePageNamingTheSettingWithoutDeadLetters() {
		this.server.requireToken("other");
		Source source = create(settings(Map.of("base-url", this.server.baseUrl().toString(), "access-token",
				"${STREAM_TOKEN}", "hashtags", List.of("hctransit"))));

		Page page = fetch(source);

		assertThat(page.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("HTTP 401")
			.contains("sources[mastodon-stream:social].settings.access-token")
			.contains("The access token is invalid")
			.doesNotContain("stream-token"));
		assertThat(page.deadLetters()).isEmpty();
		assertThat(page.mentions()).isEmpty();
		assertThat(page.more()).isFalse();
	}

	@Test
	void anErrorPageOrAnAnswerThatIsNotAnEventStreamFailsThePageAndIsSetAside() {
		String html = "<!DOCTYPE html><html><body><h1>We're sorry, but something went wrong</h1></body></html>";
		Source source = create(
				settings(Map.of("base-url", this.server.baseUrl().toString(), "hashtags", List.of("hctransit"))));

		this.server.answerOnce(502, "text/html", html);
		Page failed = fetch(source);
		this.server.answerOnce(200, "text/html; charset=utf-8", html);
		Page notAStream = fetch(source);

		assertThat(failed.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("HTTP 502"));
		assertThat(failed.deadLetters()).singleElement().satisfies((letter) -> {
			assertThat(letter.payload()).isEqualTo(html);
			assertThat(letter.reason()).contains("/api/v1/streaming/hashtag?tag=hctransit");
		});
		assertThat(notAStream.problem()).hasValueSatisfying(
				(problem) -> assertThat(problem).contains("HTTP 200").contains("text/html").contains("event stream"));
		assertThat(notAStream.deadLetters()).singleElement()
			.satisfies((letter) -> assertThat(letter.payload()).isEqualTo(html));
	}

	@Test
	void aServerThatCannotBeReachedErrorsSoTheRunnerRetriesAfterTheRetryInterval() {
		Source source = create(settings(
				Map.of("base-url", "http://127.0.0.1:1", "hashtags", List.of("hctransit"), "retry-interval", "45s")));

		StepVerifier.create(source.fetch(this.start)).expectError().verify(Duration.ofSeconds(20));
		assertThat(source.pollInterval()).isEqualTo(Duration.ofSeconds(45));
	}

	@Test
	void followsTheTopicsHashtagsWhenNoneAreNamed() {
		Source source = create(settings(Map.of("base-url", this.server.baseUrl().toString())));

		assertThat(((MastodonHashtagStreamSource) source).hashtags()).containsExactly("hctransit", "BusLife");
	}

	@Test
	void wrongSettingsAreNamed() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(settings(Map.of("hashtags", List.of("x")))))
			.withMessageContaining("sources[mastodon-stream:social].settings.base-url");
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(settings(Map.of("base-url", "https://m.example", "access-token", "literal"))))
			.withMessageContaining("sources[mastodon-stream:social].settings.access-token")
			.withMessageNotContaining("literal-");
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(settings(Map.of("base-url", "mastodon.social"))))
			.withMessageContaining("base-url");
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(settings(Map.of("base-url", "https://m.example", "max-events", "0"))))
			.withMessageContaining("sources[mastodon-stream:social].settings.max-events");
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(settings(Map.of("base-url", "https://m.example", "hashtags", List.of("no way")))))
			.withMessageContaining("hashtags");
	}

	private SourceSettings settings(Map<String, Object> values) {
		return new SourceSettings(
				new SourceDeclaration("social", MastodonStreamSourceFactory.TYPE, true, new LinkedHashMap<>(values)),
				this.environment);
	}

	private static Source create(SourceSettings settings) {
		Organization organization = new Organization("Test Transit",
				List.of(new Department("operations", "Operations", ZoneOffset.UTC, LocalTime.of(8, 0), List.of(),
						Optional.empty(), Optional.empty(), List.of(new Topic("delays", "Delays", "operations",
								List.of("delay", "#hctransit", "#BusLife", "#hctransit"))))));
		return new MastodonStreamSourceFactory().create(settings,
				new SourceContext(organization, WebClient.builder(), Clock.fixed(NOW, ZoneOffset.UTC)));
	}

	private Page fetch(Source source) {
		Page[] page = new Page[1];
		StepVerifier.create(source.fetch(this.start))
			.consumeNextWith((fetched) -> page[0] = fetched)
			.expectComplete()
			.verify(Duration.ofSeconds(30));
		return page[0];
	}

}
