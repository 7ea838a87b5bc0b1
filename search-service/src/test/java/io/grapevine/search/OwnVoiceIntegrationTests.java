package io.grapevine.search;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.mention.SentimentScore;
import io.grapevine.listening.query.Sentiment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The organization's own voice in the index, with the accounts of
 * {@code config/organization.yml}: what its accounts post is marked owned, waits for no
 * answer, and its replies answer what they reply to on every network that has replies,
 * whichever arrives first.
 */
@TestInstance(Lifecycle.PER_CLASS)
class OwnVoiceIntegrationTests extends LiveStackTestSupport {

	private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

	private final Instant asked = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

	private final Instant replied = this.asked.plus(25, ChronoUnit.MINUTES);

	private final List<Thread> threads = List.of(
			// The reply arrives after the mention it answers.
			new Thread("x", "17" + digits(), "18" + digits(), "hctransit_help", "https://x.com/%s/status/%s", false),
			new Thread("reddit", "t3_" + this.run, "t1_" + this.run, "HarborCityTransit",
					"https://www.reddit.com/r/HarborCity/comments/%2$s/", true),
			new Thread("mastodon", "harbor.social:11" + digits(), "harbor.social:12" + digits(),
					"hctransit@harbor.social", "https://harbor.social/@%s/%s", false),
			// The reply arrives first: the mention it answers is fetched later.
			new Thread("bluesky", "at://did:plc:rider" + this.run + "/app.bsky.feed.post/3k" + this.run,
					"at://did:plc:hct" + this.run + "/app.bsky.feed.post/3l" + this.run, "hctransit.bsky.social",
					"https://bsky.app/profile/%s/post/x", true),
			new Thread("youtube", "Ugz" + this.run, "Ugz" + this.run + ".9R" + this.run, "HarborCityTransit",
					"https://www.youtube.com/watch?v=v&lc=%2$s", true),
			new Thread("hackernews", "41" + digits(), "42" + digits(), "hctransit",
					"https://news.ycombinator.com/item?id=%2$s", false));

	private final Mention announcement = TestMentions.mention("x", "19" + digits(),
			"Service update " + this.run + ": T5 trams run every 10 minutes from Monday", this.asked,
			Author.of("hctransit", "Harbor City Transit", 84300), new Engagement(300, 40, 20), "en", List.of("delays"),
			List.of("operations"));

	@BeforeAll
	void publishThreads() {
		List<Mention> first = new ArrayList<>();
		List<Mention> later = new ArrayList<>();
		for (Thread thread : this.threads) {
			if (thread.replyFirst()) {
				first.add(thread.reply());
				later.add(thread.question());
			}
			else {
				first.add(thread.question());
				later.add(thread.reply());
			}
		}
		first.add(this.announcement);
		publish(first.toArray(Mention[]::new));
		awaitIndexed(first.toArray(Mention[]::new));
		publish(later.toArray(Mention[]::new));
		awaitIndexed(later.toArray(Mention[]::new));
	}

	@Test
	void aReplyByAnOwnedAccountMarksWhatItRepliesToAnsweredOnEveryNetworkWithReplies() {
		for (Thread thread : this.threads) {
			await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
				Map<String, Object> answered = getJson("/api/mentions/{id}/handling", thread.question().id());
				assertThat(map(answered, "handling")).as(thread.network())
					.containsEntry("state", "answered")
					.containsEntry("answerUrl", thread.reply().url().toString())
					.containsEntry("answeredBy", "@" + thread.account().toLowerCase(java.util.Locale.ROOT))
					.containsEntry("answeredAt", this.replied.toString());
				List<Map<String, Object>> history = list(answered, "history");
				assertThat(history).as(thread.network() + " history").hasSize(1);
				assertThat(history.get(0)).containsEntry("action", "answer")
					.containsEntry("actor", "@" + thread.account().toLowerCase(java.util.Locale.ROOT))
					.containsEntry("answerUrl", thread.reply().url().toString());
			});
		}
	}

	@Test
	void theOrganizationsOwnPostsAreMarkedOwnedWithTheDepartmentOfTheirAccountAndWaitForNothing() {
		Map<String, Object> page = getJson("/api/mentions?q={q}", this.run);
		List<Map<String, Object>> found = list(page, "mentions");
		Map<String, Object> help = found.stream()
			.filter((item) -> map(item, "mention").get("id").equals(this.threads.get(0).reply().id()))
			.findFirst()
			.orElseThrow();
		assertThat(map(help, "mention")).containsEntry("owned", true).containsEntry("ownedBy", "customer-service");
		assertThat(help).doesNotContainKey("handling");
		Map<String, Object> own = getJson("/api/mentions/{id}/handling", this.announcement.id());
		assertThat(own).doesNotContainKey("handling");

		assertThat(mentionIds(getJson("/api/handling?department=operations&size=100")))
			.doesNotContain(this.announcement.id());
		String day = "from=" + this.asked.minus(1, ChronoUnit.HOURS) + "&to=" + Instant.now();
		assertThat(mentionIds(getJson("/api/mentions?handling=open&size=100&" + day)))
			.doesNotContain(this.announcement.id())
			.doesNotContainAnyElementsOf(this.threads.stream().map((thread) -> thread.reply().id()).toList());
	}

	@Test
	void anOwnedPostCannotBeActedOn() {
		this.web.post()
			.uri("/api/mentions/{id}/actions", this.announcement.id())
			.bodyValue(Map.of("action", "dismiss", "reason", "ours"))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("organization's own post"));
	}

	@Test
	void aMentionWrittenBeforeMentionsCarriedTheMarkIsMarkedByTheIndexer() {
		String id = "20" + digits();
		Mention older = TestMentions.mention("x", id, "Older writer " + this.run, this.asked, Author.of("HCTransit"),
				Engagement.NONE, "en", List.of(), List.of());
		String json = MentionJson.write(older)
			.replace("\"schemaVersion\":3", "\"schemaVersion\":1")
			.replace(",\"owned\":false", "");
		assertThat(json).doesNotContain("owned");
		publishRaw(older.id(), json);
		awaitIndexed(older);
		Map<String, Object> found = list(getJson("/api/mentions?q={q}&owned=true", "older writer " + this.run),
				"mentions")
			.get(0);
		assertThat(map(found, "mention")).containsEntry("id", older.id()).containsEntry("owned", true);
	}

	@Test
	void theOwnedFilterTellsWhatTheOrganizationSaidFromWhatOthersSaid() {
		assertThat(mentionIds(getJson("/api/mentions?q={q}&owned=true&size=100", this.run)))
			.contains(this.announcement.id())
			.doesNotContain(this.threads.get(0).question().id());
		assertThat(mentionIds(getJson("/api/mentions?q={q}&owned=false&size=100", this.run)))
			.contains(this.threads.get(0).question().id())
			.doesNotContain(this.announcement.id());
	}

	private String digits() {
		return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000_000L);
	}

	/**
	 * A question on one network and the organization's reply to it.
	 */
	private final class Thread {

		private final String network;

		private final String account;

		private final boolean replyFirst;

		private final Mention question;

		private final Mention reply;

		Thread(String network, String questionId, String replyId, String account, String urlPattern,
				boolean replyFirst) {
			this.network = network;
			this.account = account;
			this.replyFirst = replyFirst;
			String run = OwnVoiceIntegrationTests.this.run;
			this.question = new Mention(Mention.SCHEMA_VERSION, null, network, questionId,
					URI.create("https://" + network + ".example/q/" + Math.abs(questionId.hashCode())),
					"When does the " + run + " tram run again? Waiting at Dockside since 8", Author.of("rider_" + run),
					OwnVoiceIntegrationTests.this.asked, OwnVoiceIntegrationTests.this.asked.plusSeconds(40),
					Optional.of("en"), Engagement.NONE, Optional.empty(), Optional.empty(), List.of("delays"),
					List.of("operations", "communications"), Optional.of(new SentimentScore(-0.4, Sentiment.NEGATIVE)),
					Optional.empty(), Optional.of(2.5));
			this.reply = new Mention(Mention.SCHEMA_VERSION, null, network, replyId,
					URI.create(String.format(urlPattern, account, replyId.replace(':', '-').replace('/', '-'))),
					"@rider_" + run + " Sorry for the wait, the " + run + " tram is back from 9:10", Author.of(account),
					OwnVoiceIntegrationTests.this.replied, OwnVoiceIntegrationTests.this.replied.plusSeconds(30),
					Optional.of("en"), Engagement.NONE, Optional.of(questionId), Optional.empty(), List.of("delays"),
					List.of("operations"), Optional.empty(), Optional.empty(), Optional.empty());
		}

		String network() {
			return this.network;
		}

		String account() {
			return this.account;
		}

		boolean replyFirst() {
			return this.replyFirst;
		}

		Mention question() {
			return this.question;
		}

		Mention reply() {
			return this.reply;
		}

	}

}
