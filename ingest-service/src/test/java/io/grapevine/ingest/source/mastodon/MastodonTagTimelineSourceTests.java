package io.grapevine.ingest.source.mastodon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.OwnedAccounts;
import io.grapevine.ingest.source.Page;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Mention;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class MastodonTagTimelineSourceTests {

	private static final String INSTANCE = "mastodon:127.0.0.1";

	private static final Instant NOW = Instant.parse("2026-11-21T22:30:00Z");

	private final FakeMastodon mastodon = FakeMastodon.start();

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	@AfterEach
	void stopMastodon() {
		this.mastodon.close();
	}

	@Test
	void asksTheTagTimelineForTheNewestPageWithTheLimitAndNoAuthorizationWithoutAToken() {
		fetch(source(40, null, "hctransit"), start());

		FakeMastodon.RecordedRequest request = this.mastodon.requests().get(0);
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo("/api/v1/timelines/tag/hctransit");
		assertThat(request.query()).containsExactly(Map.entry("limit", "40"));
		assertThat(request.authorization()).isEmpty();
	}

	@Test
	void sendsTheAccessTokenAsABearerTokenWhenOneIsSet() {
		fetch(source(40, "s3cret-token", "hctransit"), start());

		assertThat(this.mastodon.requests().get(0).authorization()).contains("Bearer s3cret-token");
	}

	@Test
	void asksForTheStatusesNewerThanTheStoredMinIdOfThatHashtag() {
		Cursor cursor = start().moveTo(Map.of("current", "ÖPNV", "tag:öpnv", "1005", "tag:hctransit", "2000"), NOW);

		fetch(source(10, null, "hctransit", "ÖPNV"), cursor);

		FakeMastodon.RecordedRequest request = this.mastodon.requests().get(0);
		assertThat(request.path()).isEqualTo("/api/v1/timelines/tag/ÖPNV");
		assertThat(request.query()).containsEntry("limit", "10").containsEntry("min_id", "1005");
	}

	@Test
	void mapsTheStatusesOfAPageAsPlainTextMatchedByTheHashtag() {
		this.mastodon.post("hctransit", 1001, 2);

		Page page = fetch(source(40, null, "hctransit"), start());

		assertThat(page.mentions()).extracting(Mention::id)
			.containsExactly("mastodon:127.0.0.1:1002", "mastodon:127.0.0.1:1001");
		Mention mention = page.mentions().get(0);
		assertThat(mention.text()).isEqualTo("Status 1002 about the 14 & the T5 #hctransit");
		assertThat(mention.author().handle()).isEqualTo("rider@127.0.0.1");
		assertThat(mention.matchedBy()).contains("#hctransit");
		assertThat(page.deadLetters()).isEmpty();
		assertThat(page.problem()).isEmpty();
	}

	@Test
	void pagesForwardWithThePrevLinkUntilAnEmptyPageThenReadsTheNextHashtagAndThenWaits() {
		this.mastodon.post("hctransit", 1001, 3);
		this.mastodon.post("OPNV", 5001, 1);
		MastodonTagTimelineSource source = source(2, null, "hctransit", "OPNV");
		Cursor cursor = start().moveTo(Map.of("tag:hctransit", "1000"), NOW);

		Page first = fetch(source, cursor);
		assertThat(first.mentions()).extracting(Mention::nativeId).containsExactly("127.0.0.1:1002", "127.0.0.1:1001");
		assertThat(first.more()).isTrue();
		assertThat(first.next().position()).containsEntry("tag:hctransit", "1002")
			.containsEntry("current", "hctransit");

		Page second = fetch(source, first.next());
		assertThat(second.mentions()).extracting(Mention::nativeId).containsExactly("127.0.0.1:1003");
		assertThat(second.next().position()).containsEntry("tag:hctransit", "1003");

		Page third = fetch(source, second.next());
		assertThat(third.mentions()).isEmpty();
		assertThat(third.more()).as("the next hashtag is read right away").isTrue();
		assertThat(third.next().position()).containsEntry("tag:hctransit", "1003").containsEntry("current", "OPNV");

		Page fourth = fetch(source, third.next());
		assertThat(fourth.mentions()).extracting(Mention::nativeId).containsExactly("127.0.0.1:5001");
		assertThat(fourth.mentions().get(0).matchedBy()).contains("#OPNV");

		Page fifth = fetch(source, fourth.next());
		assertThat(fifth.mentions()).isEmpty();
		assertThat(fifth.more()).as("every hashtag is read: wait for the poll interval").isFalse();
		assertThat(fifth.next().position())
			.isEqualTo(Map.of("tag:hctransit", "1003", "tag:opnv", "5001", "current", "hctransit"));

		assertThat(this.mastodon.requests()).extracting((request) -> request.query().get("min_id"))
			.containsExactly("1000", "1002", "1003", null, "5001");
	}

	@Test
	void movesTheCursorOnlyToWhatThePipelineStoredSoAnUnpublishedPageIsFetchedAgain() {
		this.mastodon.post("hctransit", 1001, 2);
		MastodonTagTimelineSource source = source(40, null, "hctransit");
		Cursor stored = start().moveTo(Map.of("tag:hctransit", "1000"), NOW);

		Page notPublished = fetch(source, stored);
		Page retried = fetch(source, stored);

		assertThat(retried.mentions()).extracting(Mention::id)
			.containsExactlyElementsOf(notPublished.mentions().stream().map(Mention::id).toList());
		assertThat(stored.position()).containsExactly(Map.entry("tag:hctransit", "1000"));
	}

	@Test
	void resumesAfterARestartFromTheStoredCursorWithoutFetchingAStatusTwice() {
		this.mastodon.post("hctransit", 1001, 3);
		Page beforeRestart = fetch(source(2, null, "hctransit"), start().moveTo(Map.of("tag:hctransit", "1000"), NOW));
		this.mastodon.post("hctransit", 1004, 2);

		List<String> afterRestart = new ArrayList<>();
		MastodonTagTimelineSource restarted = source(2, null, "hctransit");
		Cursor cursor = beforeRestart.next();
		for (int i = 0; i < 5; i++) {
			Page page = fetch(restarted, cursor);
			page.mentions().forEach((mention) -> afterRestart.add(mention.nativeId()));
			cursor = page.next();
			if (!page.more()) {
				break;
			}
		}

		assertThat(beforeRestart.mentions()).extracting(Mention::nativeId)
			.containsExactly("127.0.0.1:1002", "127.0.0.1:1001");
		assertThat(afterRestart).containsExactly("127.0.0.1:1004", "127.0.0.1:1003", "127.0.0.1:1005");
		assertThat(cursor.position()).containsEntry("tag:hctransit", "1005");
	}

	@Test
	void pausesUntilTheIsoResetTimeWhenNoRequestsRemain() {
		this.mastodon.post("hctransit", 1001, 1);
		Instant reset = Instant.parse("2026-11-21T22:35:00.123456Z");
		this.mastodon.rateLimit(1, reset);

		Page page = fetch(source(40, null, "hctransit"), start());

		assertThat(page.mentions()).hasSize(1);
		assertThat(page.pauseUntil()).contains(reset);
		assertThat(page.more()).isFalse();
		assertThat(page.next().position()).containsEntry("tag:hctransit", "1001");
	}

	@Test
	void pausesUntilTheIsoResetTimeOnHttp429AndKeepsTheCursor() {
		Instant reset = Instant.parse("2026-11-21T22:35:00.123456Z");
		this.mastodon.rateLimit(0, reset);
		this.mastodon.answerOnce(429, "application/json", "{\"error\":\"Too many requests\"}");
		Cursor cursor = start().moveTo(Map.of("tag:hctransit", "1000"), NOW);

		Page page = fetch(source(40, null, "hctransit"), cursor);

		assertThat(page.pauseUntil()).contains(reset);
		assertThat(page.next()).isEqualTo(cursor);
		assertThat(page.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("HTTP 429")
			.contains("Too many requests")
			.contains("2026-11-21T22:35:00.123456Z"));
	}

	@Test
	void marksTheInstanceUnhealthyNamingTheTokenSettingOnHttp401() {
		this.mastodon.answerOnce(401, "application/json", "{\"error\":\"The access token is invalid\"}");
		Cursor cursor = start();

		Page page = fetch(source(40, "expired", "hctransit"), cursor);

		assertThat(page.next()).isEqualTo(cursor);
		assertThat(page.mentions()).isEmpty();
		assertThat(page.credentialsRefused()).isTrue();
		assertThat(page.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("HTTP 401")
			.contains("The access token is invalid")
			.contains("sources[" + INSTANCE + "].settings.access-token"));
	}

	@Test
	void setsAsideAnHtmlErrorPageWithItsRawBodyAndKeepsTheCursor() {
		String html = MastodonPageMapperTests.fixture("error-page.html");
		this.mastodon.answerOnce(500, "text/html", html);
		this.mastodon.answerOnce(200, "text/html", html);
		Cursor cursor = start().moveTo(Map.of("tag:hctransit", "1000"), NOW);
		MastodonTagTimelineSource source = source(40, null, "hctransit");

		Page serverError = fetch(source, cursor);
		Page notJson = fetch(source, cursor);

		assertThat(serverError.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("HTTP 500"));
		assertThat(notJson.problem())
			.hasValueSatisfying((problem) -> assertThat(problem).contains("not JSON").contains("<!DOCTYPE html>"));
		for (Page page : List.of(serverError, notJson)) {
			assertThat(page.next()).isEqualTo(cursor);
			assertThat(page.more()).isFalse();
			assertThat(page.deadLetters()).singleElement().satisfies((deadLetter) -> {
				assertThat(deadLetter.source()).isEqualTo(INSTANCE);
				assertThat(deadLetter.payload()).isEqualTo(html);
			});
		}
	}

	@Test
	void setsAsideUnmappableStatusesAndStillMovesPastThem() {
		this.mastodon.answerOnce(200, "application/json",
				MastodonPageMapperTests.fixture("page-with-unmappable-statuses.json"));

		Page page = fetch(source(40, null, "hctransit"), start());

		assertThat(page.mentions()).extracting(Mention::nativeId).containsExactly("127.0.0.1:115826500000000003");
		assertThat(page.deadLetters()).hasSize(3).extracting(DeadLetter::source).containsOnly(INSTANCE);
		assertThat(page.next().position()).containsEntry("tag:hctransit", "115826500000000003");
		assertThat(page.problem()).isEmpty();
	}

	@Test
	void searchesStatusesForAQueryWithTheBearerTokenAndTheStoredMinIdOfThatQuery() {
		Cursor cursor = start()
			.moveTo(Map.of("current", "query:delay & #T5", "query:delay & #t5", "1005", "tag:hctransit", "2000"), NOW);

		fetch(searching(List.of("hctransit"), "night bus", "delay & #T5"), cursor);

		FakeMastodon.RecordedRequest request = this.mastodon.requests().get(0);
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo("/api/v2/search");
		assertThat(request.query()).containsExactly(Map.entry("q", "delay & #T5"), Map.entry("type", "statuses"),
				Map.entry("resolve", "false"), Map.entry("limit", "40"), Map.entry("min_id", "1005"));
		assertThat(request.authorization()).contains("Bearer " + FakeMastodon.TOKEN);
	}

	@Test
	void readsHashtagsThenQueriesEachForwardFromItsOwnMinIdAndPublishesWhatTheSearchFound() {
		this.mastodon.post("hctransit", 1001, 1);
		this.mastodon.postText("the Night Bus was late again", 2001, 2);
		this.mastodon.postText("nothing to see", 2003, 1);
		MastodonTagTimelineSource source = searching(List.of("hctransit"), "night bus");

		Page tag = fetch(source, start());
		Page tagDone = fetch(source, tag.next());
		Page found = fetch(source, tagDone.next());

		assertThat(tag.mentions()).extracting(Mention::nativeId).containsExactly("127.0.0.1:1001");
		assertThat(tagDone.more()).as("the query is read right away").isTrue();
		assertThat(tagDone.next().position()).containsEntry("current", "query:night bus");
		assertThat(found.mentions()).extracting(Mention::nativeId).containsExactly("127.0.0.1:2002", "127.0.0.1:2001");
		Mention mention = found.mentions().get(0);
		assertThat(mention.id()).isEqualTo("mastodon:127.0.0.1:2002");
		assertThat(mention.text()).isEqualTo("Status 2002: the Night Bus was late again");
		assertThat(mention.matchedBy()).contains("night bus");
		assertThat(found.more()).as("every hashtag and query is read: wait for the poll interval").isFalse();
		assertThat(found.next().position())
			.isEqualTo(Map.of("tag:hctransit", "1001", "query:night bus", "2002", "current", "hctransit"));
		assertThat(this.mastodon.requests()).extracting(FakeMastodon.RecordedRequest::path)
			.containsExactly("/api/v1/timelines/tag/hctransit", "/api/v1/timelines/tag/hctransit", "/api/v2/search");
		assertThat(this.mastodon.requests()).extracting((request) -> request.query().get("min_id"))
			.containsExactly(null, "1001", null);

		this.mastodon.postText("night bus back on time", 2004, 1);
		Page nextRound = fetch(source, fetch(source, found.next()).next());
		assertThat(nextRound.mentions()).as("Mastodon answers the status of min_id again; it is left out")
			.extracting(Mention::nativeId)
			.containsExactly("127.0.0.1:2004");
		assertThat(nextRound.next().position()).containsEntry("query:night bus", "2004");
		assertThat(this.mastodon.requests().get(4).query()).containsEntry("q", "night bus")
			.containsEntry("min_id", "2002");
	}

	@Test
	void readsAFullSearchPageOnWithOffsetSoThatNoNewStatusIsSkippedThenWaitsAtTheNewest() {
		this.mastodon.postText("night bus", 2001, 5);
		MastodonTagTimelineSource source = searching(2, List.of(), "night bus");
		Cursor cursor = start().moveTo(Map.of("query:night bus", "2000"), NOW);

		List<String> published = new ArrayList<>();
		List<Boolean> more = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Page page = fetch(source, cursor);
			page.mentions().forEach((mention) -> published.add(mention.nativeId()));
			more.add(page.more());
			cursor = page.next();
		}

		assertThat(published).containsExactly("127.0.0.1:2005", "127.0.0.1:2004", "127.0.0.1:2003", "127.0.0.1:2002",
				"127.0.0.1:2001");
		assertThat(more).containsExactly(true, true, false, false);
		assertThat(this.mastodon.requests()).extracting((request) -> request.query().get("min_id"))
			.containsExactly("2000", "2000", "2000", "2005");
		assertThat(this.mastodon.requests()).extracting((request) -> request.query().get("offset"))
			.containsExactly(null, "2", "4", null);
		assertThat(cursor.position()).isEqualTo(Map.of("query:night bus", "2005", "current", "query:night bus"));
	}

	@Test
	void marksTheInstanceUnhealthyNamingTheTokenSettingWhenTheSearchRefusesTheToken() {
		MastodonSettings settings = new MastodonSettings(this.mastodon.baseUrl(), "revoked", List.of(),
				List.of("night bus"), Duration.ofMinutes(2), 40, Duration.ofSeconds(10));
		MastodonTagTimelineSource source = new MastodonTagTimelineSource(INSTANCE, settings, List.of(),
				WebClient.builder(), this.clock);
		this.mastodon.postText("night bus", 2001, 1);
		Cursor cursor = start();

		Page refused = fetch(source, cursor);
		this.mastodon.answerOnce(403, "application/json",
				"{\"error\":\"This action is outside the authorized scopes\"}");
		Page forbidden = fetch(source, cursor);

		assertThat(this.mastodon.requests().get(0).authorization()).contains("Bearer revoked");
		assertThat(refused.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("HTTP 401")
			.contains("The access token is invalid")
			.contains("sources[" + INSTANCE + "].settings.access-token"));
		assertThat(forbidden.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("HTTP 403")
			.contains("outside the authorized scopes")
			.contains("sources[" + INSTANCE + "].settings.access-token"));
		for (Page page : List.of(refused, forbidden)) {
			assertThat(page.credentialsRefused()).isTrue();
			assertThat(page.mentions()).isEmpty();
			assertThat(page.next()).isEqualTo(cursor);
		}
	}

	@Test
	void pausesTheSearchUntilTheIsoResetTimeOnHttp429AndWhenNoRequestsRemain() {
		Instant reset = Instant.parse("2026-11-21T22:35:00.123456Z");
		this.mastodon.postText("night bus", 2001, 1);
		this.mastodon.rateLimit(0, reset);
		this.mastodon.answerOnce(429, "application/json", "{\"error\":\"Too many requests\"}");
		MastodonTagTimelineSource source = searching(List.of(), "night bus");
		Cursor cursor = start().moveTo(Map.of("query:night bus", "2000"), NOW);

		Page limited = fetch(source, cursor);
		this.mastodon.rateLimit(1, reset);
		Page lastRequest = fetch(source, cursor);

		assertThat(limited.pauseUntil()).contains(reset);
		assertThat(limited.next()).isEqualTo(cursor);
		assertThat(limited.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("HTTP 429"));
		assertThat(lastRequest.mentions()).extracting(Mention::nativeId).containsExactly("127.0.0.1:2001");
		assertThat(lastRequest.pauseUntil()).contains(reset);
		assertThat(lastRequest.next().position()).containsEntry("query:night bus", "2001");
	}

	@Test
	void setsAsideATruncatedSearchAnswerAnHtmlPageAndAServerErrorWithTheirRawBodiesAndKeepsTheCursor() {
		String truncated = "{\"accounts\":[],\"statuses\":[{\"id\":\"2001\",\"content\":\"<p>night";
		String html = MastodonPageMapperTests.fixture("error-page.html");
		this.mastodon.answerOnce(200, "application/json", truncated);
		this.mastodon.answerOnce(200, "text/html", html);
		this.mastodon.answerOnce(503, "text/html", html);
		MastodonTagTimelineSource source = searching(List.of(), "night bus");
		Cursor cursor = start().moveTo(Map.of("query:night bus", "2000"), NOW);

		List<Page> pages = List.of(fetch(source, cursor), fetch(source, cursor), fetch(source, cursor));

		assertThat(pages.get(0).problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("not JSON"));
		assertThat(pages.get(2).problem())
			.hasValueSatisfying((problem) -> assertThat(problem).contains("HTTP 503").contains("/api/v2/search"));
		assertThat(pages).extracting((page) -> page.deadLetters().get(0).payload())
			.containsExactly(truncated, html, html);
		for (Page page : pages) {
			assertThat(page.next()).isEqualTo(cursor);
			assertThat(page.mentions()).isEmpty();
			assertThat(page.deadLetters()).singleElement()
				.satisfies((deadLetter) -> assertThat(deadLetter.source()).isEqualTo(INSTANCE));
		}
	}

	@Test
	void theOrganizationsRepliesFromItsOwnServerAreOwnedAndNameTheLocalIdOfTheStatusTheyAnswer() {
		// Shapes of the Status entity (docs.joinmastodon.org/entities/Status): a server
		// answers every status, remote ones too, with its own id, and in_reply_to_id with
		// the id it gives the parent; a remote account's acct is user@domain, and the
		// url and uri of a remote status are on its own server, with that server's id.
		ObjectNode complaint = FakeMastodon.status(113500000000000001L, "hctransit");
		complaint.put("content", "<p>The 14 is late again <a href=\"https://fake.example/tags/hctransit\" "
				+ "class=\"mention hashtag\" rel=\"tag\">#<span>hctransit</span></a></p>");
		this.mastodon.post("hctransit", complaint);
		this.mastodon.post("hctransit", remoteReply(113500000000000007L, "hctransit", "113500000000000001",
				"Sorry, a bus broke down at Pier 4; the next one is in 5 minutes"));
		this.mastodon.post("hctransit",
				remoteReply(113500000000000009L, "help", "113500000000000007", "We have passed it on to the depot"));

		Map<String, Mention> tagged = OwnedAccounts.tagged(fetch(source(40, null, "hctransit"), start()).mentions());

		String host = this.mastodon.baseUrl().getHost();
		Mention publicStatus = tagged.get("mastodon:" + host + ":113500000000000001");
		Mention reply = tagged.get("mastodon:" + host + ":113500000000000007");
		Mention departmentReply = tagged.get("mastodon:" + host + ":113500000000000009");
		assertThat(publicStatus.owned()).isFalse();
		assertThat(reply.owned()).isTrue();
		assertThat(reply.ownedBy()).isEmpty();
		assertThat(reply.author().handle()).isEqualTo("hctransit@harbor.social");
		assertThat(reply.url()).hasToString("https://harbor.social/@hctransit/112900000000000007");
		assertThat(reply.parentId()).contains(publicStatus.id());
		assertThat(departmentReply.owned()).isTrue();
		assertThat(departmentReply.ownedBy()).contains(OwnedAccounts.CUSTOMER_SERVICE);
		assertThat(departmentReply.parentId()).contains(reply.id());
	}

	private static ObjectNode remoteReply(long id, String user, String inReplyToId, String text) {
		ObjectNode reply = FakeMastodon.status(id, "hctransit");
		String originId = "1129" + String.valueOf(id).substring(4);
		reply.put("in_reply_to_id", inReplyToId);
		reply.put("in_reply_to_account_id", "42");
		reply.put("uri", "https://harbor.social/users/" + user + "/statuses/" + originId);
		reply.put("url", "https://harbor.social/@" + user + "/" + originId);
		reply.put("content", "<p><span class=\"h-card\" translate=\"no\"><a href=\"https://fake.example/@rider\" "
				+ "class=\"u-url mention\">@<span>rider</span></a></span> " + text + "</p>");
		ObjectNode account = (ObjectNode) reply.get("account");
		account.put("id", "109876543210");
		account.put("username", user);
		account.put("acct", user + "@harbor.social");
		account.put("display_name", "Harbor City Transit");
		account.put("url", "https://harbor.social/@" + user);
		reply.putArray("mentions")
			.addObject()
			.put("id", "42")
			.put("username", "rider")
			.put("acct", "rider")
			.put("url", "https://fake.example/@rider");
		return reply;
	}

	@Test
	void readsTheMinIdOfThePrevLink() {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.LINK, "<https://mastodon.social/api/v1/timelines/tag/x?max_id=111>; rel=\"next\", "
				+ "<https://mastodon.social/api/v1/timelines/tag/x?min_id=222&limit=40>; rel=\"prev\"");

		assertThat(MastodonTagTimelineSource.prevMinId(headers)).contains("222");
		assertThat(MastodonTagTimelineSource.prevMinId(new HttpHeaders())).isEmpty();
	}

	private MastodonTagTimelineSource source(int limit, String token, String... hashtags) {
		MastodonSettings settings = new MastodonSettings(this.mastodon.baseUrl(), token, List.of(), List.of(),
				Duration.ofMinutes(2), limit, Duration.ofSeconds(10));
		return new MastodonTagTimelineSource(INSTANCE, settings, List.of(hashtags), WebClient.builder(), this.clock);
	}

	private MastodonTagTimelineSource searching(List<String> hashtags, String... queries) {
		return searching(40, hashtags, queries);
	}

	private MastodonTagTimelineSource searching(int limit, List<String> hashtags, String... queries) {
		MastodonSettings settings = new MastodonSettings(this.mastodon.baseUrl(), FakeMastodon.TOKEN, List.of(),
				List.of(queries), Duration.ofMinutes(2), limit, Duration.ofSeconds(10));
		return new MastodonTagTimelineSource(INSTANCE, settings, hashtags, WebClient.builder(), this.clock);
	}

	private static Cursor start() {
		return Cursor.start(INSTANCE, NOW);
	}

	private static Page fetch(MastodonTagTimelineSource source, Cursor cursor) {
		List<Page> pages = new ArrayList<>();
		StepVerifier.create(source.fetch(cursor)).consumeNextWith(pages::add).verifyComplete();
		return pages.get(0);
	}

}
