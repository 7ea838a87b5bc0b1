package io.grapevine.ingest.source.rss;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.grapevine.ingest.pipeline.RestartHarness;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceSettings;
import io.grapevine.listening.organization.SourceDeclaration;
import io.grapevine.localstack.LocalStackExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LocalStackExtension.class)
class RssRestartTests {

	private final FakeFeedServer server = FakeFeedServer.start();

	private final long base = Instant.now().getEpochSecond();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void aRestartAfterAPollRemembersWhatWasPublishedAndReadsOnlyWhatCameSince() {
		this.server.publish("/news.xml", "application/rss+xml", feed(3), Instant.parse("2026-11-21T18:00:00Z"));
		Set<String> expected = IntStream.rangeClosed(1, 6)
			.mapToObj((n) -> "rss:" + RssFeedMapper.nativeId(this.server.url("/news.xml"), guid(n)))
			.collect(Collectors.toSet());

		RestartHarness.Outcome outcome = RestartHarness.killAndRestart("rss:restart-" + this.base, this::source,
				expected, 1, () -> this.server.publish("/news.xml", "application/rss+xml", feed(6),
						Instant.parse("2026-11-21T19:00:00Z")));

		assertThat(outcome.killedAt().position()).containsKeys(this.server.url("/news.xml") + RssSource.ETAG,
				this.server.url("/news.xml") + RssSource.SEEN);
		assertThat(outcome.beforeRestart()).hasSize(3);
		assertThat(this.server.requests("/news.xml").get(1).ifNoneMatch()).isPresent();
	}

	private byte[] feed(int entries) {
		StringBuilder feed = new StringBuilder("<rss version=\"2.0\"><channel><title>Restart news</title>"
				+ "<link>https://restart.example/</link><description>d</description>");
		for (int n = entries; n >= 1; n--) {
			feed.append("<item><title>Story ")
				.append(n)
				.append("</title><link>https://restart.example/")
				.append(this.base)
				.append('/')
				.append(n)
				.append("</link><guid isPermaLink=\"false\">")
				.append(guid(n))
				.append("</guid></item>");
		}
		return feed.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
	}

	private String guid(int n) {
		return "restart-" + this.base + "-" + n;
	}

	private Source source() {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("feeds", List.of(this.server.url("/news.xml").toString()));
		settings.put("poll-interval", "200ms");
		return new RssSourceFactory()
			.create(new SourceSettings(new SourceDeclaration("restart-" + this.base, "rss", true, settings),
					new MockEnvironment()), new SourceContext(null, WebClient.builder(), Clock.systemUTC()));
	}

}
