package io.grapevine.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.SentimentScore;
import io.grapevine.listening.query.Sentiment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard as a person sees it: Debian's Chromium signs in through the form and
 * renders the page served by the running service over mentions indexed in the real
 * Elasticsearch.
 */
@TestInstance(Lifecycle.PER_CLASS)
class DashboardPageTests extends PageTestSupport {

	private final String word = "dash" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private final Mention latest = judged(
			TestMentions.mention("bluesky", "dash-1", "The new " + this.word + " timetable on line 7 works great",
					this.now.minus(10, ChronoUnit.MINUTES), Author.of("rider_amy", "Amy", 1234),
					new Engagement(3, 1, 0), "en", List.of("delays"), List.of("operations")),
			Sentiment.POSITIVE, 0.75);

	private final Mention hostile = judged(TestMentions.mention("x", "dash-2",
			"<img src=x onerror=alert(1)> " + this.word + " ticket machine broken", this.now.minus(2, ChronoUnit.DAYS),
			Author.of("mallory"), Engagement.NONE, "en", List.of("fares"), List.of("communications")),
			Sentiment.NEGATIVE, -0.5);

	private final Mention older = TestMentions.mention("reddit", "dash-3", "Quiet ride home on the ferry",
			this.now.minus(4, ChronoUnit.DAYS), Author.of("bob", "Bob", 10), Engagement.NONE, "en", List.of(),
			List.of());

	// Waiting for operations, with a reach no other mention of the tests comes near.
	private final Mention waiting = TestMentions
		.mention("x", "dash-4-" + this.word, "<b>Lift</b> out of order at Pier Street station",
				this.now.minus(5, ChronoUnit.MINUTES), Author.of("rider_kim"), new Engagement(2, 0, 0), "en",
				List.of("safety"), List.of("operations"))
		.withEnrichment(Optional.of("en"), Optional.empty(), Optional.empty(), Optional.of(1.0e9));

	private static Mention judged(Mention mention, Sentiment label, double score) {
		return mention.withEnrichment(mention.language(), Optional.of(new SentimentScore(score, label)),
				Optional.empty(), Optional.empty());
	}

	private BrowserSession browser;

	@BeforeAll
	void indexRecentMentionsAndSignIn() throws Exception {
		publish(this.latest, this.hostile, this.older, this.waiting);
		awaitIndexed(this.latest, this.hostile, this.older, this.waiting);
		assumeTrue(Files.isExecutable(CHROMIUM),
				"Debian's chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)");
		this.browser = signIn(TestUsers.MEMBER, TestUsers.MEMBER_PASSWORD);
	}

	@AfterAll
	void closeBrowser() throws Exception {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void theDashboardDrawsTheVolumeChartTheSourcesAndTheNewestMentions() throws Exception {
		String dom = render("/");
		Matcher bars = Pattern.compile("<rect class=\"bar\"[^>]*data-count=\"(\\d+)\"").matcher(dom);
		List<Integer> counts = new ArrayList<>();
		while (bars.find()) {
			counts.add(Integer.parseInt(bars.group(1)));
		}
		assertThat(counts).hasSizeBetween(7, 8);
		assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(3);
		assertThat(dom).contains("id=\"volume-chart\"")
			.contains("Harbor City Transit")
			.contains(this.latest.text())
			.contains("bluesky")
			.contains("%</span>");
		assertThat(dom).contains("&lt;img src=x onerror=alert(1)&gt; " + this.word).doesNotContain("<img src=\"x\"");
	}

	@Test
	void theSearchBoxShowsMatchesWithTheirHighlightsAndKeepsMentionTextAsText() throws Exception {
		String dom = render("/?q=" + this.word);
		assertThat(dom).contains("2 mentions match")
			.contains("<mark>" + this.word + "</mark> timetable")
			.contains("&lt;img src=x onerror=alert(1)&gt; <mark>" + this.word + "</mark>")
			.doesNotContain("<img src=\"x\"");
	}

	@Test
	void aQueryInTheLanguageFiltersTheSearchAndTheAnalytics() throws Exception {
		String dom = render("/?q=" + this.word + "%20-broken");
		assertThat(dom).contains("1 mention matches")
			.contains("1 mentions matching the query")
			.contains("<mark>" + this.word + "</mark> timetable");
	}

	@Test
	void aLinkSetsTheDepartmentAndThePeriodOfTheSearch() throws Exception {
		String day = "&from=" + this.now.minus(1, ChronoUnit.DAYS) + "&to=" + this.now.plus(1, ChronoUnit.MINUTES);
		assertThat(render("/?q=" + this.word + "&department=communications" + day)).contains("0 mentions match");
		assertThat(render("/?q=" + this.word + "&department=operations" + day)).contains("1 mention matches")
			.contains("<mark>" + this.word + "</mark> timetable");
		String threeDays = "&from=" + this.now.minus(3, ChronoUnit.DAYS) + "&to="
				+ this.now.plus(1, ChronoUnit.MINUTES);
		assertThat(render("/?q=" + this.word + "&department=communications" + threeDays)).contains("1 mention matches")
			.contains("ticket machine broken");
	}

	@Test
	void theSentimentCardSplitsTheJudgedMentionsAndShowsTheirAverageScore() throws Exception {
		String dom = render("/?q=" + this.word);
		assertThat(dom).containsPattern("Positive</span>.*50%</span>")
			.containsPattern("Negative</span>.*50%</span>")
			.contains("Average score +0.13 over 2 judged mentions");
		assertThat(render("/?q=" + this.word + "%20-broken")).contains("Average score +0.75 over 1 judged mentions")
			.doesNotContain("Negative</span>");
	}

	@Test
	void aQueryThatCannotBeParsedShowsWhatIsWrongAndWhere() throws Exception {
		String dom = render("/?q=" + this.word + "%20AND");
		int position = this.word.length() + 4;
		assertThat(dom).contains("This query cannot be run: expected a term or '(' after AND at position " + position)
			.contains("(position " + position + ")")
			.contains(this.word + " AND\n" + " ".repeat(position) + "^")
			.contains("All words must appear");
	}

	@Test
	void anOpenMentionAnsweredFromTheQueueLeavesItAndShowsUnderAnsweredWithWhoAnswered() throws Exception {
		assumeTrue(Files.isExecutable(CHROMIUM),
				"Debian's chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)");
		String open = "#queue-open li[data-id=" + BrowserSession.literal(this.waiting.id()) + "]";
		String answered = "#queue-answered li[data-id=" + BrowserSession.literal(this.waiting.id()) + "]";
		try (BrowserSession browser = signIn("amy", TestUsers.MEMBER_PASSWORD)) {
			browser.await(query(open), "the waiting mention in the open queue");
			assertThat(browser.evaluate("document.querySelector('#queue-open li').dataset.id").asText())
				.as("the widest reach first")
				.isEqualTo(this.waiting.id());
			assertThat(browser.evaluate(query(open) + ".querySelector('.text').innerHTML").asText())
				.isEqualTo("&lt;b&gt;Lift&lt;/b&gt; out of order at Pier Street station");
			assertThat(browser.evaluate(query(open) + ".querySelector('.handling').textContent").asText())
				.contains("Open")
				.contains("Operations")
				.contains("waiting");

			browser.evaluate(query(open) + ".querySelector('button[data-action=answer]').click()");
			browser.await(query(open + " form.action-form[data-action=answer]"), "the answer form");
			browser.evaluate("(() => { const form = " + query(open + " form.action-form")
					+ "; form.elements.answerUrl.value = 'https://x.com/hct/status/1001'; form.requestSubmit(); })()");

			browser.await(query(answered), "the mention under answered");
			assertThat(browser.evaluate(query(open) + " === null").asBoolean()).as("gone from the open queue").isTrue();
			String handling = browser.evaluate(query(answered) + ".querySelector('.handling').textContent").asText();
			assertThat(handling).contains("Answered").contains("answered by amy");
			assertThat(browser.evaluate(query(answered) + ".querySelector('.handling a').href").asText())
				.isEqualTo("https://x.com/hct/status/1001");
			browser.await(query("#answered-by li[data-actor=amy]"), "amy among who answered");

			browser.evaluate(query(answered) + ".querySelector('button[data-action=history]').click()");
			browser.await(query(answered + " .history li[data-action=answer]"), "the answer in the history");
			assertThat(browser.evaluate(query(answered + " .history li[data-action=answer]") + ".textContent").asText())
				.contains("amy")
				.contains("answer");
		}
	}

	@Test
	void aScreenshotOfTheDashboardIsTaken() throws Exception {
		Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
		Files.deleteIfExists(screenshot);
		render("/?q=" + this.word);
		this.browser.screenshot(screenshot);
		assertThat(screenshot).exists();
		assertThat(Files.size(screenshot)).isGreaterThan(10_000);
	}

	@Test
	void aListTheServiceNeverAnswersIsAskedForAgainAndTheDashboardStillDrawsIt() throws Exception {
		try (BrowserSession session = signIn(TestUsers.MEMBER, TestUsers.MEMBER_PASSWORD)) {
			AtomicLong asked = session.holdFirstRequest("*/api/mentions?*size=20*");
			session.navigate(url("/"));
			session.await("document.body.getAttribute('aria-busy') === 'false'", "the dashboard drawn");
			assertThat(asked).as("the list of mentions, held once then asked again").hasValue(2);
			// At least the four mentions indexed here, a page at most.
			assertThat(session.evaluate("document.querySelectorAll('#results li .text').length").asInt()).isBetween(4,
					20);
			assertThat(session.evaluate("document.getElementById('error').hidden").asBoolean()).isTrue();
		}
	}

	@Test
	void theHeaderNamesWhoIsSignedInAndSigningOutEndsTheSession() throws Exception {
		try (BrowserSession session = signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)) {
			session.await("!document.getElementById('account').hidden", "who is signed in");
			assertThat(session.evaluate("document.getElementById('account').innerText").asText())
				.contains("Signed in as " + TestUsers.ADMIN + " (administrator)");
			session.evaluate("window.grapevineLeaving = true; document.querySelector('#sign-out button').click()");
			session.await(
					"!window.grapevineLeaving && location.pathname === '/login' && document.readyState === 'complete'",
					"the sign-in form, signed out");
			assertThat(session.evaluate("document.body.innerText").asText()).contains("You are signed out");
			// The session is over: its cookie no longer reads mentions, and the dashboard
			// asks to sign in again.
			assertThat(session
				.evaluate("fetch('/api/me', { headers: { Accept: 'application/json', "
						+ "'X-Requested-With': 'XMLHttpRequest' } }).then((response) => response.status)")
				.asInt()).isEqualTo(401);
			session.navigate(url("/"));
			session.await("location.pathname === '/login' && document.readyState === 'complete'",
					"the sign-in form again");
		}
	}

	@Test
	void aDashboardWhoseSessionHasEndedSendsThePersonToSignInAgainWithoutAPasswordPrompt() throws Exception {
		try (BrowserSession session = signIn(TestUsers.MEMBER, TestUsers.MEMBER_PASSWORD)) {
			session.forgetCookies();
			// Another period: the dashboard asks the service again, and is refused.
			session.evaluate("window.grapevineLeaving = true; const days = document.getElementById('days');"
					+ "days.value = '14'; days.dispatchEvent(new Event('change', { bubbles: true }))");
			session.await(
					"!window.grapevineLeaving && location.pathname === '/login' && document.readyState === 'complete'",
					"the sign-in form");
		}
	}

	@Test
	void aMemberIsNamedWithoutTheAdministratorMark() throws Exception {
		render("/");
		this.browser.await("!document.getElementById('account').hidden", "who is signed in");
		assertThat(this.browser.evaluate("document.getElementById('account').innerText").asText())
			.contains("Signed in as " + TestUsers.MEMBER)
			.doesNotContain("administrator");
	}

	@Test
	void aPersonWhoIsNotSignedInIsSentToTheSignInForm() throws Exception {
		try (BrowserSession stranger = BrowserSession.open(CHROMIUM, url("/?q=" + this.word))) {
			stranger.await("location.pathname === '/login' && document.readyState === 'complete'", "the sign-in form");
			assertThat(stranger.evaluate("document.documentElement.outerHTML").asText()).contains("name=\"username\"")
				.contains("name=\"password\"")
				.doesNotContain(this.latest.text());
		}
	}

	private String render(String path) throws Exception {
		return render(this.browser, path);
	}

}
