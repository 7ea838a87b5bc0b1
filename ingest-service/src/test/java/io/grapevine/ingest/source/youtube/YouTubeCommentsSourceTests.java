package io.grapevine.ingest.source.youtube;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.OwnedAccounts;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.TopicQueries;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.enrich.language.LanguageDetector;
import io.grapevine.listening.enrich.language.LanguageEnricher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class YouTubeCommentsSourceTests {

	private static final String INSTANCE = "youtube:comments";

	private static final String CHANNEL = "channel:" + FakeYouTube.CHANNEL;

	private static final String VIDEO = "video:" + FakeYouTube.VIDEO;

	// 14:30 in Los Angeles (PST, UTC-8).
	private static final Instant NOW = Instant.parse("2026-11-21T22:30:00Z");

	private final FakeYouTube youtube = FakeYouTube.start();

	@AfterEach
	void stopYouTube() {
		this.youtube.close();
	}

	@Test
	void asksForTheNewestThreadsOfAChannelWithSnippetRepliesPlainTextAndTheKey() {
		this.youtube.publish(CHANNEL, 1, 1);

		fetch(source(List.of(FakeYouTube.CHANNEL), List.of(), 100), start());

		FakeYouTube.RecordedRequest request = this.youtube.threadRequests().get(0);
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo("/youtube/v3/commentThreads");
		assertThat(request.query()).containsExactly(Map.entry("part", "snippet,replies"),
				Map.entry("allThreadsRelatedToChannelId", FakeYouTube.CHANNEL), Map.entry("order", "time"),
				Map.entry("maxResults", "100"), Map.entry("textFormat", "plainText"),
				Map.entry("key", FakeYouTube.API_KEY));
	}

	@Test
	void sendsTheTopicsQueriesAsSearchTermsAndGetsOnlyTheThreadsHoldingThem() {
		this.youtube.publish(CHANNEL, 1, "The tram was late again");
		this.youtube.publish(CHANNEL, 2, "Lovely video");
		this.youtube.publish(CHANNEL, 3, "Bus 42 never came");
		YouTubeCommentsSource source = source(YouTubeSearchTerms.of(TopicQueries.organization("query: 'bus OR tram'",
				"query: 'train -\"on time\"'", "query: 'bus source:reddit'")));

		Page page = fetch(source, start());

		assertThat(this.youtube.threadRequests().get(0).query()).containsExactly(Map.entry("part", "snippet,replies"),
				Map.entry("allThreadsRelatedToChannelId", FakeYouTube.CHANNEL), Map.entry("order", "time"),
				Map.entry("maxResults", "100"), Map.entry("textFormat", "plainText"),
				Map.entry("searchTerms", "bus|tram|train"), Map.entry("key", FakeYouTube.API_KEY));
		assertThat(page.mentions()).extracting(Mention::id)
			.containsExactly("youtube:" + FakeYouTube.threadId(3), "youtube:" + FakeYouTube.replyId(3),
					"youtube:" + FakeYouTube.threadId(1), "youtube:" + FakeYouTube.replyId(1));
	}

	@Test
	void readsEveryThreadWithoutSearchTermsWhenATopicCannotBeSaidInThem() {
		this.youtube.publish(CHANNEL, 1, "The tram was late again");
		this.youtube.publish(CHANNEL, 2, "Lovely video");
		YouTubeCommentsSource source = source(
				YouTubeSearchTerms.of(TopicQueries.organization("query: 'bus OR tram'", "keywords: [harbor city]")));

		Page page = fetch(source, start());

		assertThat(this.youtube.threadRequests().get(0).query()).doesNotContainKey("searchTerms");
		assertThat(page.mentions()).extracting(Mention::id)
			.contains("youtube:" + FakeYouTube.threadId(1), "youtube:" + FakeYouTube.threadId(2));
	}

	@Test
	void asksForTheThreadsOfAVideoWithTheVideoIdParameter() {
		this.youtube.publish(VIDEO, 1, 1);

		fetch(source(List.of(), List.of(FakeYouTube.VIDEO), 20), start());

		assertThat(this.youtube.threadRequests().get(0).query()).containsEntry("videoId", FakeYouTube.VIDEO)
			.containsEntry("maxResults", "20")
			.doesNotContainKeys("allThreadsRelatedToChannelId", "pageToken");
	}

	@Test
	void mapsTopLevelCommentsAndTheirRepliesAsMentions() {
		this.youtube.publish(VIDEO, 1, 2);

		Page page = fetch(source(List.of(), List.of(FakeYouTube.VIDEO), 100), start());

		assertThat(page.deadLetters()).isEmpty();
		assertThat(page.problem()).isEmpty();
		assertThat(page.mentions()).extracting(Mention::id)
			.containsExactly("youtube:" + FakeYouTube.threadId(2), "youtube:" + FakeYouTube.replyId(2),
					"youtube:" + FakeYouTube.threadId(1), "youtube:" + FakeYouTube.replyId(1));
		Mention top = page.mentions().get(0);
		assertThat(top.url()).isEqualTo(
				URI.create("https://www.youtube.com/watch?v=" + FakeYouTube.VIDEO + "&lc=" + FakeYouTube.threadId(2)));
		assertThat(top.text()).isEqualTo("Comment 2 about the 42 bus");
		assertThat(top.author().handle()).isEqualTo("rider2");
		assertThat(top.author().followers()).isEmpty();
		assertThat(top.author().profileUrl())
			.contains(URI.create("https://www.youtube.com/channel/" + FakeYouTube.channelId(2)));
		assertThat(top.publishedAt()).isEqualTo(FakeYouTube.publishedAt(2));
		assertThat(top.ingestedAt()).isEqualTo(NOW);
		assertThat(top.engagement().likes()).isEqualTo(2);
		assertThat(top.engagement().replies()).isEqualTo(1);
		assertThat(top.inReplyTo()).isEmpty();
		assertThat(top.matchedBy()).contains(VIDEO);
		Mention reply = page.mentions().get(1);
		assertThat(reply.inReplyTo()).contains(FakeYouTube.threadId(2));
		assertThat(reply.author().handle()).isEqualTo("driver2");
		assertThat(reply.engagement().replies()).isZero();
		assertThat(reply.url().toString()).endsWith("&lc=" + FakeYouTube.replyId(2));
	}

	@Test
	void tagsEachCommentWithTheLanguageSpokenInItsVideoAskingAboutEachVideoOnce() {
		this.youtube.video(FakeYouTube.VIDEO, "es-MX", "es-419");
		this.youtube.publish(VIDEO, 1, 1);
		YouTubeCommentsSource source = source(List.of(), List.of(FakeYouTube.VIDEO), 100);

		Page first = fetch(source, start());
		this.youtube.publish(VIDEO, 2, 1);
		Page second = fetch(source, first.next());

		assertThat(first.mentions()).hasSize(2)
			.allSatisfy((mention) -> assertThat(mention.language()).contains("es-MX"));
		assertThat(second.mentions()).hasSize(2)
			.allSatisfy((mention) -> assertThat(mention.language()).contains("es-MX"));
		assertThat(this.youtube.videoRequests()).hasSize(1);
		assertThat(this.youtube.videoRequests().get(0).query()).containsExactly(Map.entry("part", "snippet"),
				Map.entry("id", FakeYouTube.VIDEO), Map.entry("maxResults", "50"),
				Map.entry("key", FakeYouTube.API_KEY));
	}

	@Test
	void aShortCommentOnASpanishVideoIsReadAsSpanishWhereItsTextAloneLeavesItOpen() {
		this.youtube.video(FakeYouTube.VIDEO, "es", null);
		this.youtube.publish(VIDEO, 1, "Eres tan");
		LanguageEnricher enricher = new LanguageEnricher(LanguageDetector.SUPPORTED);

		Page page = fetch(source(List.of(), List.of(FakeYouTube.VIDEO), 100), start());

		Mention comment = page.mentions().get(0);
		assertThat(comment.text()).isEqualTo("Eres tan");
		assertThat(enricher.enrich(comment).language()).contains("es");
		assertThat(enricher
			.enrich(comment.withEnrichment(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
			.language()).isEmpty();
	}

	@Test
	void takesTheTitleLanguageWhenNoSpokenOneIsSetAndNothingForAVideoYouTubeDoesNotAnswerFor() {
		this.youtube.video(FakeYouTube.OTHER_VIDEO, null, "fr");
		this.youtube.publish(CHANNEL, 1, 1);
		ObjectNode onOtherVideo = FakeYouTube.thread(2);
		((ObjectNode) onOtherVideo.get("snippet")).put("videoId", FakeYouTube.OTHER_VIDEO);
		this.youtube.publish(CHANNEL, onOtherVideo);
		YouTubeCommentsSource source = source(List.of(FakeYouTube.CHANNEL), List.of(), 100);

		Page first = fetch(source, start());
		this.youtube.publish(CHANNEL, 3, 1);
		Page second = fetch(source, first.next());

		assertThat(first.mentions()).extracting(Mention::language)
			.containsExactly(Optional.of("fr"), Optional.of("fr"), Optional.empty(), Optional.empty());
		assertThat(second.mentions()).hasSize(2).allSatisfy((mention) -> assertThat(mention.language()).isEmpty());
		// Asked once about both; the one YouTube left out is remembered as having none.
		assertThat(this.youtube.videoRequests()).hasSize(1);
		assertThat(this.youtube.videoRequests().get(0).query()).containsEntry("id",
				FakeYouTube.OTHER_VIDEO + "," + FakeYouTube.VIDEO);
	}

	@Test
	void aRefusedVideosRequestLeavesTheCommentsUntaggedAndAsksAgainWithTheNextPage() {
		this.youtube.video(FakeYouTube.VIDEO, "en", "en");
		this.youtube.publish(VIDEO, 1, 1);
		this.youtube.answerVideosOnce(500, FakeYouTube.error(500, "Backend Error", "global", "backendError"));
		YouTubeCommentsSource source = source(List.of(), List.of(FakeYouTube.VIDEO), 100);

		Page first = fetch(source, start());
		this.youtube.publish(VIDEO, 2, 1);
		Page second = fetch(source, first.next());

		assertThat(first.problem()).isEmpty();
		assertThat(first.deadLetters()).isEmpty();
		assertThat(first.mentions()).hasSize(2).allSatisfy((mention) -> assertThat(mention.language()).isEmpty());
		assertThat(first.next().samePositionAs(start())).isFalse();
		assertThat(second.mentions()).hasSize(2).allSatisfy((mention) -> assertThat(mention.language()).contains("en"));
		assertThat(this.youtube.videoRequests()).hasSize(2);
	}

	@Test
	void theVideosRequestSpendsAUnitOfTheDailyQuotaAndIsSkippedWhenNoneIsLeft() {
		this.youtube.video(FakeYouTube.VIDEO, "en", null);
		this.youtube.publish(VIDEO, 1, 1);
		YouTubeSettings settings = new YouTubeSettings(this.youtube.baseUrl(), FakeYouTube.API_KEY, List.of(),
				List.of(FakeYouTube.VIDEO), Duration.ofMinutes(10), 100, "America/Los_Angeles", Duration.ofSeconds(5),
				null, true, 1, true);
		YouTubeCommentsSource source = new YouTubeCommentsSource(INSTANCE, settings, Optional.empty(),
				WebClient.builder(), clock());

		Page page = fetch(source, start());
		Page paused = fetch(source, page.next());

		assertThat(page.mentions()).hasSize(2).allSatisfy((mention) -> assertThat(mention.language()).isEmpty());
		assertThat(this.youtube.videoRequests()).isEmpty();
		assertThat(paused.pauseUntil()).isPresent();
	}

	@Test
	void asksNothingOfVideosListWhenVideoLanguagesIsOff() {
		this.youtube.video(FakeYouTube.VIDEO, "en", null);
		this.youtube.publish(VIDEO, 1, 1);
		YouTubeSettings settings = new YouTubeSettings(this.youtube.baseUrl(), FakeYouTube.API_KEY, List.of(),
				List.of(FakeYouTube.VIDEO), Duration.ofMinutes(10), 100, "America/Los_Angeles", Duration.ofSeconds(5),
				null, true, 10000, false);

		Page page = fetch(new YouTubeCommentsSource(INSTANCE, settings, Optional.empty(), WebClient.builder(), clock()),
				start());

		assertThat(page.mentions()).allSatisfy((mention) -> assertThat(mention.language()).isEmpty());
		assertThat(this.youtube.videoRequests()).isEmpty();
	}

	@Test
	void readsAListingNeverReadBeforeOnlyOnePageDeep() {
		this.youtube.publish(VIDEO, 1, 5);

		Page page = fetch(source(List.of(), List.of(FakeYouTube.VIDEO), 2), start());

		assertThat(this.youtube.threadRequests()).hasSize(1);
		assertThat(page.more()).isFalse();
		assertThat(page.next().get(VIDEO)).contains(FakeYouTube.threadId(5));
		assertThat(page.next().get(VIDEO + "@published")).contains(FakeYouTube.publishedAt(5).toString());
		assertThat(page.next().position()).doesNotContainKeys("page_token", "pending_newest");
	}

	@Test
	void pagesDownToTheFirstThreadAlreadySeenAndMovesTheCursorOnlyWhenTheRoundEnds() {
		this.youtube.publish(VIDEO, 1, 5);
		YouTubeCommentsSource source = source(List.of(), List.of(FakeYouTube.VIDEO), 2);
		Cursor afterFirstRound = fetch(source, start()).next();
		this.youtube.publish(VIDEO, 6, 5);

		Page first = fetch(source, afterFirstRound);
		Page second = fetch(source, first.next());
		Page third = fetch(source, second.next());

		assertThat(first.more()).isTrue();
		assertThat(first.next().get(VIDEO)).contains(FakeYouTube.threadId(5));
		assertThat(first.next().get("pending_newest")).contains(FakeYouTube.threadId(10));
		assertThat(second.next().get(VIDEO)).contains(FakeYouTube.threadId(5));
		assertThat(this.youtube.threadRequests().get(2).query()).containsEntry("pageToken",
				first.next().get("page_token").orElseThrow());
		assertThat(third.mentions()).extracting(Mention::nativeId)
			.containsExactly(FakeYouTube.threadId(6), FakeYouTube.replyId(6));
		assertThat(third.more()).isFalse();
		assertThat(third.next().get(VIDEO)).contains(FakeYouTube.threadId(10));
		assertThat(third.next().get(VIDEO + "@published")).contains(FakeYouTube.publishedAt(10).toString());
		assertThat(third.next().position()).doesNotContainKeys("page_token", "pending_newest", "pending_published",
				"pages");
		assertThat(List.of(first, second, third)).flatExtracting(Page::mentions).hasSize(10);
	}

	@Test
	void resumesARoundMidwayAfterARestartWithTheSamePageToken() {
		this.youtube.publish(VIDEO, 1, 5);
		Cursor afterFirstRound = fetch(source(List.of(), List.of(FakeYouTube.VIDEO), 2), start()).next();
		this.youtube.publish(VIDEO, 6, 5);
		Cursor midRound = fetch(source(List.of(), List.of(FakeYouTube.VIDEO), 2), afterFirstRound).next();

		YouTubeCommentsSource restarted = source(List.of(), List.of(FakeYouTube.VIDEO), 2);
		Page resumed = fetch(restarted, midRound);

		assertThat(this.youtube.threadRequests().get(2).query()).containsEntry("pageToken",
				midRound.get("page_token").orElseThrow());
		assertThat(resumed.mentions()).extracting(Mention::nativeId)
			.containsExactly(FakeYouTube.threadId(8), FakeYouTube.replyId(8), FakeYouTube.threadId(7),
					FakeYouTube.replyId(7));
		assertThat(resumed.next().get("pending_newest")).contains(FakeYouTube.threadId(10));
	}

	@Test
	void readsEveryChannelAndVideoInTurnWithACursorEach() {
		this.youtube.publish(CHANNEL, 1, 1);
		this.youtube.publish(VIDEO, 2, 1);
		YouTubeCommentsSource source = source(List.of(FakeYouTube.CHANNEL), List.of(FakeYouTube.VIDEO), 100);

		Page channel = fetch(source, start());
		Page video = fetch(source, channel.next());

		assertThat(channel.more()).isTrue();
		assertThat(channel.mentions()).allSatisfy((mention) -> assertThat(mention.matchedBy()).contains(CHANNEL));
		assertThat(video.more()).isFalse();
		assertThat(video.mentions()).allSatisfy((mention) -> assertThat(mention.matchedBy()).contains(VIDEO));
		assertThat(video.next().get(CHANNEL)).contains(FakeYouTube.threadId(1));
		assertThat(video.next().get(VIDEO)).contains(FakeYouTube.threadId(2));
		assertThat(video.next().get("current")).contains(CHANNEL);
	}

	@Test
	void pausesUntilTheNextMidnightInLosAngelesWhenTheQuotaIsExceeded() {
		assertThat(quotaPause(NOW)).isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
		assertThat(quotaPause(Instant.parse("2026-11-22T07:59:00Z"))).isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
		assertThat(quotaPause(Instant.parse("2026-11-22T08:00:00Z"))).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
		// Daylight saving time: midnight is 07:00 UTC.
		assertThat(quotaPause(Instant.parse("2026-07-01T12:00:00Z"))).isEqualTo(Instant.parse("2026-07-02T07:00:00Z"));
	}

	@Test
	void spendsItsDailyQuotaUnitsAndPausesUntilTheQuotaResetsBeforeYouTubeHasToRefuse() {
		this.youtube.publish(VIDEO, 1, 3);
		// 23:00 in Los Angeles on the 21st: the quota day ends at 08:00 UTC.
		Instant evening = Instant.parse("2026-11-22T07:00:00Z");
		AtomicReference<Instant> now = new AtomicReference<>(evening);
		Clock clock = new Clock() {
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
				return now.get();
			}
		};
		YouTubeSettings settings = new YouTubeSettings(this.youtube.baseUrl(), FakeYouTube.API_KEY, List.of(),
				List.of(FakeYouTube.VIDEO), Duration.ofMinutes(10), 100, "America/Los_Angeles", Duration.ofSeconds(5),
				null, true, 2, false);
		YouTubeCommentsSource source = new YouTubeCommentsSource(INSTANCE, settings, Optional.empty(),
				WebClient.builder(), clock);

		Page first = fetch(source, Cursor.start(INSTANCE, evening));
		Page second = fetch(source, first.next());
		Page third = fetch(source, second.next());

		assertThat(this.youtube.threadRequests()).hasSize(2);
		assertThat(first.pauseUntil()).isEmpty();
		assertThat(second.pauseUntil()).isEmpty();
		assertThat(third.pauseUntil()).contains(Instant.parse("2026-11-22T08:00:00Z"));
		assertThat(third.mentions()).isEmpty();
		assertThat(third.problem()).isEmpty();
		assertThat(third.next()).isEqualTo(second.next());

		now.set(Instant.parse("2026-11-22T08:00:01Z"));
		Page nextDay = fetch(source, third.next());

		assertThat(this.youtube.threadRequests()).hasSize(3);
		assertThat(nextDay.pauseUntil()).isEmpty();
	}

	private Instant quotaPause(Instant now) {
		this.youtube.publish(VIDEO, 1, 1);
		this.youtube.answerOnce(403, "application/json; charset=UTF-8", FakeYouTube.quotaExceeded());
		Cursor cursor = Cursor.start(INSTANCE, now);

		Page page = fetch(source(List.of(), List.of(FakeYouTube.VIDEO), 100, Clock.fixed(now, ZoneOffset.UTC)), cursor);

		assertThat(page.mentions()).isEmpty();
		assertThat(page.deadLetters()).isEmpty();
		assertThat(page.more()).isFalse();
		assertThat(page.next().samePositionAs(cursor)).isTrue();
		return page.pauseUntil().orElseThrow();
	}

	@Test
	void marksTheInstanceUnhealthyNamingTheApiKeySettingWhenTheKeyIsInvalid() {
		this.youtube.publish(VIDEO, 1, 1);
		YouTubeSettings settings = settings(List.of(), List.of(FakeYouTube.VIDEO), 100, "AIzaWrongKey");

		Page page = fetch(new YouTubeCommentsSource(INSTANCE, settings, Optional.empty(), WebClient.builder(), clock()),
				start());

		assertThat(this.youtube.threadRequests().get(0).query()).containsEntry("key", "AIzaWrongKey");
		assertThat(page.credentialsRefused()).isTrue();
		assertThat(page.problem()).hasValueSatisfying(
				(problem) -> assertThat(problem).contains("sources[" + INSTANCE + "].settings.api-key", "keyInvalid")
					.doesNotContain("AIzaWrongKey"));
		assertThat(page.deadLetters()).isEmpty();
		assertThat(page.next().samePositionAs(start())).isTrue();
		assertThat(page.pauseUntil()).contains(NOW.plus(Duration.ofMinutes(10)));
	}

	@Test
	void namesTheVideoIdsSettingAndGoesOnWithTheNextListingWhenAVideoIsNotFound() {
		this.youtube.publish(CHANNEL, 1, 1);
		YouTubeCommentsSource source = source(List.of(FakeYouTube.CHANNEL), List.of(FakeYouTube.OTHER_VIDEO), 100);
		Cursor atVideo = start().moveTo(Map.of("current", "video:" + FakeYouTube.OTHER_VIDEO), NOW);

		Page page = fetch(source, atVideo);

		assertThat(page.problem()).hasValueSatisfying((problem) -> assertThat(problem)
			.contains("sources[" + INSTANCE + "].settings.video-ids", "videoNotFound", FakeYouTube.OTHER_VIDEO));
		assertThat(page.next().get("current")).contains(CHANNEL);
	}

	@Test
	void setsAServerErrorAsideAsADeadLetterWithoutTheKey() {
		this.youtube.publish(VIDEO, 1, 1);
		this.youtube.answerOnce(500, "application/json; charset=UTF-8",
				FakeYouTube.error(500, "Backend Error for key=" + FakeYouTube.API_KEY, "global", "backendError"));

		Page page = fetch(source(List.of(), List.of(FakeYouTube.VIDEO), 100), start());

		assertThat(page.problem())
			.hasValueSatisfying((problem) -> assertThat(problem).contains("HTTP 500", "backendError")
				.doesNotContain(FakeYouTube.API_KEY));
		assertThat(page.deadLetters()).singleElement().satisfies((deadLetter) -> {
			assertThat(deadLetter.source()).isEqualTo(INSTANCE);
			assertThat(deadLetter.payload()).contains("Backend Error").doesNotContain(FakeYouTube.API_KEY);
			assertThat(deadLetter.reason()).doesNotContain(FakeYouTube.API_KEY);
		});
		assertThat(page.next().samePositionAs(start())).isTrue();
	}

	@Test
	void setsAnHtmlPageAsideAsADeadLetterWithItsRawBody() {
		this.youtube.publish(VIDEO, 1, 1);
		String html = "<!DOCTYPE html><html><head><title>Error 502 (Server Error)!!1</title></head>"
				+ "<body><p><b>502.</b> That's an error.</p></body></html>";
		this.youtube.answerOnce(200, "text/html; charset=UTF-8", html);

		Page page = fetch(source(List.of(), List.of(FakeYouTube.VIDEO), 100), start());

		assertThat(page.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("not JSON"));
		assertThat(page.deadLetters()).singleElement()
			.satisfies((deadLetter) -> assertThat(deadLetter.payload()).isEqualTo(html));
		assertThat(page.mentions()).isEmpty();
		assertThat(page.next().samePositionAs(start())).isTrue();
	}

	@Test
	void hidesTheKeyInToString() {
		assertThat(settings(List.of(), List.of(FakeYouTube.VIDEO), 100, FakeYouTube.API_KEY).toString())
			.doesNotContain(FakeYouTube.API_KEY)
			.contains("apiKey=******");
	}

	@ParameterizedTest(name = "declared as {0}")
	@ValueSource(strings = { OwnedAccounts.YOUTUBE_CHANNEL, "@HarborCityTransit",
			"https://www.youtube.com/@HarborCityTransit",
			"https://www.youtube.com/channel/" + OwnedAccounts.YOUTUBE_CHANNEL })
	void theChannelsReplyIsOwnedWhetherItIsDeclaredByIdHandleOrUrlAndAnswersTheTopLevelComment(String declared) {
		// A reply in commentThreads.list as YouTube answers it since channels have
		// handles
		// (developers.google.com/youtube/v3/docs/comments): its id is
		// <top-level comment id>.<reply id>, snippet.parentId names the top-level
		// comment,
		// authorDisplayName and authorChannelUrl give the @handle, authorChannelId.value
		// the
		// channel id.
		ObjectNode thread = FakeYouTube.thread(1, "The 42 was late again this morning");
		ObjectNode reply = FakeYouTube.comment(FakeYouTube.threadId(1) + ".A1b2C3d4e5F",
				"Sorry about that, " + "a bus broke down at Pier 4. The next ones run every 10 minutes.",
				"@HarborCityTransit", 2, FakeYouTube.threadId(1));
		((ObjectNode) reply.get("snippet")).put("authorChannelUrl", "http://www.youtube.com/@HarborCityTransit")
			.putObject("authorChannelId")
			.put("value", OwnedAccounts.YOUTUBE_CHANNEL);
		((ArrayNode) thread.get("replies").get("comments")).removeAll().add(reply);
		this.youtube.publish(VIDEO, thread);

		Map<String, Mention> tagged = OwnedAccounts.tagged(OwnedAccounts.organization("youtube", declared),
				fetch(source(List.of(), List.of(FakeYouTube.VIDEO), 100), start()).mentions());

		Mention comment = tagged.get("youtube:" + FakeYouTube.threadId(1));
		Mention channelReply = tagged.get("youtube:" + FakeYouTube.threadId(1) + ".A1b2C3d4e5F");
		assertThat(comment.owned()).isFalse();
		assertThat(channelReply.owned()).isTrue();
		assertThat(channelReply.parentId()).contains(comment.id());
		assertThat(channelReply.author().handle()).isEqualTo("HarborCityTransit");
		assertThat(channelReply.author().profileUrl())
			.contains(URI.create("https://www.youtube.com/channel/" + OwnedAccounts.YOUTUBE_CHANNEL));
	}

	private YouTubeCommentsSource source(List<String> channels, List<String> videos, int maxResults) {
		return source(channels, videos, maxResults, clock());
	}

	private YouTubeCommentsSource source(List<String> channels, List<String> videos, int maxResults, Clock clock) {
		return new YouTubeCommentsSource(INSTANCE, settings(channels, videos, maxResults, FakeYouTube.API_KEY),
				Optional.empty(), WebClient.builder(), clock);
	}

	private YouTubeCommentsSource source(Optional<String> searchTerms) {
		return new YouTubeCommentsSource(INSTANCE,
				settings(List.of(FakeYouTube.CHANNEL), List.of(), 100, FakeYouTube.API_KEY), searchTerms,
				WebClient.builder(), clock());
	}

	private YouTubeSettings settings(List<String> channels, List<String> videos, int maxResults, String key) {
		return new YouTubeSettings(this.youtube.baseUrl(), key, channels, videos, Duration.ofMinutes(10), maxResults,
				"America/Los_Angeles", Duration.ofSeconds(5), null, true, 10000, true);
	}

	private static Clock clock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

	private static Cursor start() {
		return Cursor.start(INSTANCE, NOW);
	}

	private static Page fetch(YouTubeCommentsSource source, Cursor cursor) {
		Page[] page = new Page[1];
		StepVerifier.create(source.fetch(cursor)).consumeNextWith((next) -> page[0] = next).verifyComplete();
		return page[0];
	}

}
