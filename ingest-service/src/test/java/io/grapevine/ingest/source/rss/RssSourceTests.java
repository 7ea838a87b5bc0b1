package io.grapevine.ingest.source.rss;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.OwnedAccounts;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceSettings;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.SourceDeclaration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RssSourceTests {

	private static final String INSTANCE = "rss:local-news";

	private static final Instant NOW = Instant.parse("2026-11-21T22:30:00Z");

	private static final Instant MODIFIED = Instant.parse("2026-11-21T18:05:00Z");

	private final FakeFeedServer server = FakeFeedServer.start();

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void readsRss2AtomAndRdfFeedsOfOneInstanceIntoOnePageMatchedByTheirUrls() {
		serveTheThreeFeeds();
		Source source = source("/gazette.xml", "/stadtwerke.atom", "/council.rdf");

		Page page = fetch(source, start());

		assertThat(source.instanceId()).isEqualTo(INSTANCE);
		assertThat(page.mentions()).hasSize(6);
		assertThat(page.mentions()).extracting((mention) -> mention.matchedBy().orElseThrow())
			.containsExactly(url("/gazette.xml"), url("/gazette.xml"), url("/gazette.xml"), url("/stadtwerke.atom"),
					url("/stadtwerke.atom"), url("/council.rdf"));
		assertThat(page.mentions().get(0).text()).startsWith("Night buses return to the T5 corridor & the harbour");
		assertThat(page.mentions()).extracting((mention) -> mention.language().orElseThrow())
			.containsExactly("en", "en", "en", "de", "de", "fr");
		assertThat(page.deadLetters()).isEmpty();
		assertThat(page.problem()).isEmpty();
		assertThat(page.more()).isFalse();
		assertThat(source.pollInterval()).isEqualTo(Duration.ofMinutes(15));
	}

	@Test
	void sendsItsUserAgentAndAcceptAndNoConditionalHeadersTheFirstTime() {
		serveTheThreeFeeds();

		fetch(source("/gazette.xml"), start());

		FakeFeedServer.RecordedRequest request = this.server.requests("/gazette.xml").get(0);
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.userAgent()).contains(RssSettings.DEFAULT_USER_AGENT);
		assertThat(request.accept().orElseThrow()).startsWith("application/rss+xml, application/atom+xml");
		assertThat(request.ifNoneMatch()).isEmpty();
		assertThat(request.ifModifiedSince()).isEmpty();
	}

	@Test
	void sendsTheStoredEtagAndLastModifiedAndTakesNotModifiedAsNothingNew() {
		serveTheThreeFeeds();
		Source source = source("/gazette.xml", "/stadtwerke.atom");
		Page first = fetch(source, start());

		Page second = fetch(source, first.next());

		FakeFeedServer.RecordedRequest request = this.server.requests("/gazette.xml").get(1);
		assertThat(request.ifNoneMatch())
			.contains(first.next().get(url("/gazette.xml") + RssSource.ETAG).orElseThrow());
		assertThat(request.ifModifiedSince()).contains("Sat, 21 Nov 2026 18:05:00 GMT");
		assertThat(second.mentions()).isEmpty();
		assertThat(second.deadLetters()).isEmpty();
		assertThat(second.problem()).isEmpty();
		assertThat(second.next().samePositionAs(first.next())).isTrue();
	}

	@Test
	void publishesOnlyTheNewEntryWhenAFeedChangedAndStoresItsNewEtag() {
		serveTheThreeFeeds();
		Source source = source("/gazette.xml");
		Page first = fetch(source, start());
		String changed = new String(RssFeedMapperTests.bytes("rss2.xml"), StandardCharsets.UTF_8).replace("<item>",
				"<item><title>Tram strike called off</title><link>https://gazette.example.org/strike-off</link>"
						+ "<pubDate>Sat, 21 Nov 2026 21:00:00 GMT</pubDate></item><item>");
		this.server.publish("/gazette.xml", "application/rss+xml; charset=utf-8",
				changed.getBytes(StandardCharsets.UTF_8), MODIFIED.plusSeconds(3600));

		Page second = fetch(source, first.next());

		assertThat(second.mentions()).extracting(Mention::url)
			.containsExactly(URI.create("https://gazette.example.org/strike-off"));
		assertThat(second.next().get(url("/gazette.xml") + RssSource.ETAG))
			.isNotEqualTo(first.next().get(url("/gazette.xml") + RssSource.ETAG));
		assertThat(second.next().get(url("/gazette.xml") + RssSource.LAST_MODIFIED))
			.contains("Sat, 21 Nov 2026 19:05:00 GMT");
	}

	@Test
	void aFeedServedWithoutValidatorsIsReadAgainButPublishesNothingTwice() {
		this.server.publishWithoutValidators("/plain.xml", "text/xml", RssFeedMapperTests.bytes("rdf.xml"));
		Source source = source("/plain.xml");
		Page first = fetch(source, start());

		Page second = fetch(source, first.next());

		assertThat(first.mentions()).hasSize(1);
		assertThat(this.server.requests("/plain.xml")).hasSize(2);
		assertThat(this.server.requests("/plain.xml").get(1).ifNoneMatch()).isEmpty();
		assertThat(second.mentions()).isEmpty();
	}

	@Test
	void setsAsideEachBadFeedWithItsReasonAndBodyWhileTheGoodOnesArePublished() {
		serveTheThreeFeeds();
		String whole = new String(RssFeedMapperTests.bytes("rss2.xml"), StandardCharsets.UTF_8);
		this.server.answerOnce("/broken.xml", 500, "text/plain", "upstream exploded");
		this.server.answerOnce("/challenge.xml", 200, "text/html; charset=utf-8",
				new String(RssFeedMapperTests.bytes("error-page.html"), StandardCharsets.UTF_8));
		this.server.answerOnce("/truncated.xml", 200, "application/rss+xml", whole.substring(0, whole.length() / 2));

		Page page = fetch(source("/gone.xml", "/broken.xml", "/gazette.xml", "/challenge.xml", "/truncated.xml"),
				start());

		assertThat(page.mentions()).hasSize(3)
			.allSatisfy((mention) -> assertThat(mention.matchedBy()).contains(url("/gazette.xml")));
		assertThat(page.problem()).isEmpty();
		assertThat(page.deadLetters()).extracting(DeadLetter::reason)
			.containsExactly(
					"the feed " + url("/gone.xml") + " answered HTTP 404: "
							+ "<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>",
					"the feed " + url("/broken.xml") + " answered HTTP 500: upstream exploded",
					page.deadLetters().get(2).reason(), page.deadLetters().get(3).reason());
		assertThat(page.deadLetters().get(2).reason()).startsWith("the feed " + url("/challenge.xml") + " is")
			.contains("Just a moment");
		assertThat(page.deadLetters().get(2).payload()).contains("Checking your browser");
		assertThat(page.deadLetters().get(3).reason())
			.startsWith("the feed " + url("/truncated.xml") + " is not well-formed XML");
		assertThat(page.deadLetters().get(3).payload()).isEqualTo(whole.substring(0, whole.length() / 2));
		assertThat(page.deadLetters()).allSatisfy((deadLetter) -> assertThat(deadLetter.source()).isEqualTo(INSTANCE));
		assertThat(page.next().position().keySet()).allMatch((key) -> key.startsWith(url("/gazette.xml")));
	}

	@Test
	void readsAnUndeclaredWindows1252FeedAsFeedReadersDoAndKeepsTheBytesOfABrokenOne() {
		// A feed served as text/xml without a charset and without an XML declaration,
		// written by a Windows tool in its code page (curly quotes and accents in
		// Windows-1252), and the same bytes cut off halfway.
		String feed = "<rss version=\"2.0\"><channel><title>Caf\u00e9 du Port</title><link>https://cafe.example/</link>"
				+ "<description>d</description><item><title>\u201cCaf\u00e9 cr\u00e8me\u201d \u2013 the T5 stop</title>"
				+ "<link>https://cafe.example/1</link><pubDate>Sat, 21 Nov 2026 11:00:00 +0000</pubDate></item>"
				+ "</channel></rss>";
		byte[] bytes = feed.getBytes(java.nio.charset.Charset.forName("windows-1252"));
		this.server.publish("/cafe.xml", "text/xml", bytes, MODIFIED);
		byte[] half = java.util.Arrays.copyOf(bytes, bytes.length / 2 + 40);
		this.server.publish("/cafe-broken.xml", "application/rss+xml", half, MODIFIED);

		Page page = fetch(source("/cafe.xml", "/cafe-broken.xml"), start());

		assertThat(page.mentions()).extracting(Mention::text)
			.containsExactly("\u201cCaf\u00e9 cr\u00e8me\u201d \u2013 the T5 stop");
		DeadLetter broken = page.deadLetters().get(0);
		assertThat(broken.reason()).startsWith("the feed " + url("/cafe-broken.xml") + " is not well-formed XML");
		assertThat(broken.payloadEncoding()).isEqualTo(DeadLetter.BASE64);
		assertThat(broken.payloadBytes()).isEqualTo(half);
	}

	@Test
	void keepsTheValidatorsOfAFeedThatFailsSoThatItIsAskedTheSameWayAgain() {
		serveTheThreeFeeds();
		Source source = source("/gazette.xml");
		Page first = fetch(source, start());
		this.server.answerOnce("/gazette.xml", 503, "text/html", "<html>maintenance</html>");

		Page failed = fetch(source, first.next());
		Page after = fetch(source, failed.next());

		assertThat(failed.problem())
			.contains("the feed " + url("/gazette.xml") + " answered HTTP 503: <html>maintenance</html>");
		assertThat(failed.next().samePositionAs(first.next())).isTrue();
		assertThat(this.server.requests("/gazette.xml").get(2).ifNoneMatch())
			.isEqualTo(this.server.requests("/gazette.xml").get(1).ifNoneMatch());
		assertThat(after.mentions()).isEmpty();
		assertThat(after.problem()).isEmpty();
	}

	@Test
	void leavesAFeedThatAnswered429AloneUntilItsRetryAfterWhileTheOtherFeedsAreRead() {
		serveTheThreeFeeds();
		this.server.answerOnce("/gazette.xml", 429, "text/html", "<html>Too Many Requests</html>",
				Map.of("Retry-After", "120"));
		AtomicReference<Instant> now = new AtomicReference<>(NOW);
		Source source = source(List.of(url("/gazette.xml"), url("/stadtwerke.atom")), new SettableClock(now));
		String retryAfter = url("/gazette.xml") + " retry-after";

		Page limited = fetch(source, start());

		assertThat(limited.problem()).isEmpty();
		assertThat(limited.deadLetters()).isEmpty();
		assertThat(limited.mentions()).isNotEmpty()
			.allSatisfy((mention) -> assertThat(mention.matchedBy()).contains(url("/stadtwerke.atom")));
		assertThat(limited.next().get(retryAfter)).contains(NOW.plusSeconds(120).toString());

		now.set(NOW.plusSeconds(60));
		Page waiting = fetch(source, limited.next());

		assertThat(this.server.requests("/gazette.xml")).hasSize(1);
		assertThat(this.server.requests("/stadtwerke.atom")).hasSize(2);
		assertThat(waiting.mentions()).isEmpty();
		assertThat(waiting.next().get(retryAfter)).contains(NOW.plusSeconds(120).toString());

		now.set(NOW.plusSeconds(121));
		Page after = fetch(source, waiting.next());

		assertThat(this.server.requests("/gazette.xml")).hasSize(2);
		assertThat(after.mentions()).hasSize(3)
			.allSatisfy((mention) -> assertThat(mention.matchedBy()).contains(url("/gazette.xml")));
		assertThat(after.next().get(retryAfter)).isEmpty();
	}

	@Test
	void reportsAProblemWhenNoFeedCouldBeRead() throws Exception {
		URI closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/feed.xml");
		}
		Source source = source(List.of(closed.toString(), url("/missing.xml")));

		Page page = fetch(source, start());

		assertThat(page.mentions()).isEmpty();
		assertThat(page.problem().orElseThrow())
			.startsWith("none of the 2 feeds could be read; first: the feed " + closed + " could not be read (");
		assertThat(page.deadLetters()).hasSize(2);
		assertThat(page.next().samePositionAs(start())).isTrue();
	}

	@Test
	void publishesAStorySyndicatedInTwoFeedsOnce() {
		byte[] story = ("<rss version=\"2.0\"><channel><title>Wire</title><link>https://wire.example/</link>"
				+ "<description>d</description><item><title>Harbor City budget passed</title>"
				+ "<link>https://wire.example/budget</link></item></channel></rss>")
			.getBytes(StandardCharsets.UTF_8);
		this.server.publish("/wire.xml", "application/rss+xml", story, MODIFIED);
		this.server.publish("/partner.xml", "application/rss+xml", story, MODIFIED);

		Page page = fetch(source("/wire.xml", "/partner.xml"), start());

		assertThat(page.mentions()).hasSize(1);
		assertThat(page.mentions().get(0).matchedBy()).contains(url("/wire.xml"));
	}

	@Test
	void readsFortyFeedsInOnePoll() {
		List<String> feeds = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			String path = "/feeds/" + i + ".xml";
			byte[] body = ("<rss version=\"2.0\"><channel><title>Feed " + i + "</title><link>https://site" + i
					+ ".example/</link><description>d</description><item><title>Story " + i
					+ "</title><link>https://site" + i + ".example/story</link></item></channel></rss>")
				.getBytes(StandardCharsets.UTF_8);
			this.server.publish(path, "application/rss+xml", body, MODIFIED);
			feeds.add(url(path));
		}
		Source source = source(feeds);

		Page page = fetch(source, start());
		Page again = fetch(source, page.next());

		assertThat(page.mentions()).extracting(Mention::text)
			.containsExactlyElementsOf(java.util.stream.IntStream.range(0, 40).mapToObj((i) -> "Story " + i).toList());
		assertThat(page.deadLetters()).isEmpty();
		assertThat(again.mentions()).isEmpty();
		assertThat(this.server.requests()).hasSize(80)
			.filteredOn((request) -> request.ifNoneMatch().isPresent())
			.hasSize(40);
	}

	@Test
	void anItemOfTheOrganizationsOwnSiteIsOwnedBesideAPressItemEvenThroughGoogleAlertsRedirects() {
		// A Google Alerts feed as Google serves it: Atom, each entry's link a redirect
		// https://www.google.com/url?rct=j&sa=t&url=<the article>&ct=ga&cd=...&usg=...;
		// and
		// the organization's newsroom as RSS 2.0.
		this.server.publish("/alerts.atom", "application/atom+xml; charset=utf-8",
				RssFeedMapperTests.bytes("google-alerts.xml"), MODIFIED);
		this.server.publish("/newsroom.xml", "application/rss+xml; charset=utf-8", """
				<?xml version="1.0" encoding="UTF-8"?>
				<rss version="2.0"><channel>
				<title>Harbor City Transit newsroom</title>
				<link>https://www.harborcity-transit.example/news</link>
				<description>News from Harbor City Transit</description>
				<item>
				<title>Step-free access at Pier 4 from December</title>
				<link>https://www.harborcity-transit.example/news/step-free-pier-4</link>
				<guid isPermaLink="true">https://www.harborcity-transit.example/news/step-free-pier-4</guid>
				<pubDate>Sat, 21 Nov 2026 11:00:00 +0000</pubDate>
				<description>New lifts open at Pier 4 on 1 December.</description>
				</item>
				</channel></rss>
				""".getBytes(StandardCharsets.UTF_8), MODIFIED);

		Page page = fetch(source("/alerts.atom", "/newsroom.xml"), start());
		Map<String, Mention> tagged = OwnedAccounts.tagged(page.mentions());

		assertThat(page.deadLetters()).isEmpty();
		assertThat(tagged.values()).extracting((mention) -> mention.url().toString(), Mention::owned)
			.containsExactlyInAnyOrder(
					tuple("https://www.harborcity-gazette.example/news/2026/11/21/hct-fares-january", false),
					tuple("https://news.harborcity-transit.example/2026/11/night-buses-return-t5", true),
					tuple("https://www.harborcity-transit.example/news/step-free-pier-4", true));
		assertThat(tagged.values()).allSatisfy((mention) -> assertThat(mention.parentId()).isEmpty());
	}

	private void serveTheThreeFeeds() {
		this.server.publish("/gazette.xml", "application/rss+xml; charset=utf-8", RssFeedMapperTests.bytes("rss2.xml"),
				MODIFIED);
		this.server.publish("/stadtwerke.atom", "application/atom+xml", RssFeedMapperTests.bytes("atom.xml"), MODIFIED);
		this.server.publish("/council.rdf", "application/rdf+xml", RssFeedMapperTests.bytes("rdf.xml"), MODIFIED);
	}

	private Source source(String... paths) {
		return source(java.util.Arrays.stream(paths).map(this::url).toList());
	}

	private Source source(List<String> feeds) {
		return source(feeds, this.clock);
	}

	private Source source(List<String> feeds, Clock clock) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("feeds", feeds);
		settings.put("request-timeout", "5s");
		SourceSettings declared = new SourceSettings(new SourceDeclaration("local-news", "rss", true, settings),
				new MockEnvironment());
		return new RssSourceFactory().create(declared, new SourceContext(null, WebClient.builder(), clock));
	}

	private String url(String path) {
		return this.server.url(path).toString();
	}

	private Cursor start() {
		return Cursor.start(INSTANCE, NOW);
	}

	private static Page fetch(Source source, Cursor cursor) {
		List<Page> pages = new ArrayList<>();
		StepVerifier.create(source.fetch(cursor)).recordWith(() -> pages).expectNextCount(1).verifyComplete();
		return pages.get(0);
	}

	/**
	 * A clock the test moves.
	 */
	private static final class SettableClock extends Clock {

		private final AtomicReference<Instant> now;

		SettableClock(AtomicReference<Instant> now) {
			this.now = now;
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
			return this.now.get();
		}

	}

}
