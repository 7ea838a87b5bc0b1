package io.grapevine.search;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.SentimentScore;
import io.grapevine.listening.query.Sentiment;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The comms workbench in Chromium: a search pages through every match, narrows by its
 * facets with the URL saying so, keeps the period of the charts, and every result carries
 * its actions; the queue acts on several mentions at once; the organization's own posts
 * are told apart.
 */
@TestInstance(Lifecycle.PER_CLASS)
class WorkbenchPageTests extends PageTestSupport {

	private static final int MATCHES = 45;

	private final String word = "wb" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private final List<Mention> matches = new ArrayList<>();

	private final Mention ours = TestMentions.mention("x", "own-" + this.word,
			"Service update " + this.word.toUpperCase() + "X: the lift at Pier Street works again",
			this.now.minus(30, ChronoUnit.SECONDS), Author.of("hctransit", "Harbor City Transit", 84300),
			new Engagement(40, 5, 2), "en", List.of("accessibility"), List.of("customer-service"));

	private final Mention first = bulk("1", 5.0e8);

	private final Mention second = bulk("2", 4.0e8);

	private BrowserSession browser;

	@BeforeAll
	void indexASearchOfThreePagesAndSignIn() throws Exception {
		for (int i = 0; i < MATCHES; i++) {
			Sentiment label = (i % 3 == 0) ? Sentiment.NEGATIVE : Sentiment.POSITIVE;
			Mention mention = TestMentions
				.mention(i % 2 == 0 ? "x" : "reddit", this.word + "-" + i,
						"Match " + i + " of " + this.word + ": the tram was "
								+ (label == Sentiment.NEGATIVE ? "late" : "fine"),
						this.now.minus(i + 1, ChronoUnit.MINUTES), Author.of("rider_" + i), Engagement.NONE, "en",
						List.of("delays"), List.of("operations"))
				.withEnrichment(Optional.of("en"),
						Optional.of(new SentimentScore(label == Sentiment.NEGATIVE ? -0.5 : 0.5, label)),
						Optional.empty(), Optional.of((double) i % 7));
			this.matches.add(mention);
		}
		// One published ten days ago: outside the page's last 7 days, inside a custom
		// range.
		this.matches.add(TestMentions.mention("x", this.word + "-old", "An old match of " + this.word,
				this.now.minus(10, ChronoUnit.DAYS), Author.of("rider_old"), Engagement.NONE, "en", List.of("delays"),
				List.of("operations")));
		List<Mention> all = new ArrayList<>(this.matches);
		all.add(this.ours);
		all.add(this.first);
		all.add(this.second);
		publish(all.toArray(Mention[]::new));
		awaitIndexed(all.toArray(Mention[]::new));
		this.browser = signIn(TestUsers.MEMBER, TestUsers.MEMBER_PASSWORD);
	}

	@AfterAll
	void closeBrowser() throws Exception {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void aSearchPagesThroughEveryMatchWithShowMore() throws Exception {
		render(this.browser, "/?q=" + this.word + "%20-old");
		assertThat(status()).isEqualTo(MATCHES + " mentions match “" + this.word + " -old” · showing 1–20");
		assertThat(resultIds()).hasSize(20);
		showMore(40);
		showMore(MATCHES);
		assertThat(status()).endsWith("showing 1–" + MATCHES);
		assertThat(this.browser.evaluate("document.getElementById('more').hidden").asBoolean())
			.as("no more to show after the last page")
			.isTrue();
		List<String> ids = resultIds();
		assertThat(new HashSet<>(ids)).as("each once").hasSize(MATCHES);
		assertThat(ids).as("newest first")
			.containsExactlyElementsOf(this.matches.subList(0, MATCHES).stream().map(Mention::id).toList());
	}

	@Test
	void aFacetNarrowsTheListAndTheChartsAndTheUrlSaysSo() throws Exception {
		render(this.browser, "/?q=" + this.word);
		String negative = query("#facets button[data-facet=sentiment][data-key=negative]");
		assertThat(this.browser.evaluate(negative + ".querySelector('.facet-count').textContent").asText())
			.isEqualTo("15");
		this.browser.evaluate(negative + ".click()");
		awaitStatus("15 mentions match");
		assertThat(this.browser.evaluate("location.search").asText()).contains("sentiment=negative");
		assertThat(this.browser.evaluate("document.getElementById('total').textContent").asText())
			.as("the chart counts what the list shows")
			.contains("15 mentions");
		assertThat(this.browser.evaluate(query("#chips .chip") + ".textContent").asText())
			.isEqualTo("Sentiment: Negative ×");
		assertThat(this.browser.evaluate(negative + ".getAttribute('aria-pressed')").asText()).isEqualTo("true");
		assertThat(this.browser
			.evaluate(
					query("#facets button[data-facet=sentiment][data-key=positive]") + ".getAttribute('aria-pressed')")
			.asText()).as("the other sentiments stay in sight to be chosen too").isEqualTo("false");

		// The address opens the page as it was.
		String address = this.browser.evaluate("location.pathname + location.search").asText();
		render(this.browser, address);
		assertThat(status()).startsWith("15 mentions match");

		this.browser.evaluate(query("#chips .chip") + ".click()");
		awaitStatus(MATCHES + " mentions match");
		assertThat(this.browser.evaluate("location.search").asText()).doesNotContain("sentiment");
	}

	@Test
	void theListKeepsThePeriodOfTheChartsAndACustomRangeGoesInTheUrl() throws Exception {
		render(this.browser, "/?q=" + this.word);
		assertThat(status()).as("the last 7 days leave the old match out").startsWith(MATCHES + " mentions match");
		this.browser.evaluate("(() => { const days = document.getElementById('days'); days.value = 'custom';"
				+ "days.dispatchEvent(new Event('change', { bubbles: true })); })()");
		awaitDrawn(this.browser);
		String from = this.now.minus(14, ChronoUnit.DAYS).toString().substring(0, 10);
		this.browser.evaluate("(() => { const from = document.getElementById('from-date'); from.value = '" + from
				+ "'; from.dispatchEvent(new Event('change', { bubbles: true })); })()");
		awaitStatus((MATCHES + 1) + " mentions match");
		String search = this.browser.evaluate("decodeURIComponent(location.search)").asText();
		assertThat(search).contains("from=").contains("to=").contains("q=" + this.word);
		assertThat(this.browser.evaluate("document.getElementById('total').textContent").asText())
			.contains((MATCHES + 1) + " mentions");
	}

	@Test
	void aResultIsAnsweredFromTheListAndTheOrganizationsOwnPostHasNoActions() throws Exception {
		render(this.browser, "/?q=" + this.word + "%20OR%20" + this.word + "x");
		Mention target = this.matches.get(4);
		String item = "#results li[data-id=" + BrowserSession.literal(target.id()) + "]";
		this.browser.await(query(item), "the result");
		assertThat(this.browser.evaluate(query(item + " .handling") + ".textContent").asText()).contains("Open");
		this.browser.evaluate(query(item + " button[data-action=answer]") + ".click()");
		this.browser.await(query(item + " form.action-form[data-action=answer]"), "the answer form");
		this.browser.evaluate("(() => { const form = " + query(item + " form.action-form")
				+ "; form.elements.answerUrl.value = 'https://x.com/hctransit/status/77'; form.requestSubmit(); })()");
		this.browser.await(query(item + " .handling .state-answered"), "the result answered in place");
		assertThat(this.browser.evaluate(query(item + " .handling") + ".textContent").asText())
			.contains("answered by " + TestUsers.MEMBER);
		assertThat(this.browser.evaluate(query(item + " button[data-action=reopen]") + " !== null").asBoolean())
			.as("an answered mention may be reopened")
			.isTrue();

		String own = "#results li[data-id=" + BrowserSession.literal(this.ours.id()) + "]";
		assertThat(this.browser.evaluate(query(own + " .badge-owned") + ".textContent").asText()).isEqualTo("Our post");
		assertThat(this.browser.evaluate(query(own + " .actions") + " === null").asBoolean())
			.as("the organization's own post waits for nothing")
			.isTrue();
	}

	@Test
	void severalMentionsOfTheQueueAreDismissedAtOnce() throws Exception {
		// Of no department's topic, so no department's figures count them; their reach
		// puts
		// them on the first page of every department's queue.
		render(this.browser, "/");
		String firstItem = "#queue-open li[data-id=" + BrowserSession.literal(this.first.id()) + "]";
		String secondItem = "#queue-open li[data-id=" + BrowserSession.literal(this.second.id()) + "]";
		this.browser.await(query(firstItem) + " && " + query(secondItem), "both in the queue");
		assertThat(this.browser.evaluate(query(firstItem + " .urgency") + ".textContent").asText())
			.startsWith("Urgent because: reach");
		this.browser
			.evaluate(query(firstItem + " input.pick") + ".click(); " + query(secondItem + " input.pick") + ".click()");
		assertThat(this.browser.evaluate("document.getElementById('bulk-count').textContent").asText())
			.isEqualTo("2 mentions chosen");
		this.browser.evaluate("(() => { const form = document.getElementById('bulk-dismiss');"
				+ "form.elements.reason.value = 'an advert'; form.requestSubmit(); })()");
		this.browser.await(query(firstItem) + " === null && " + query(secondItem) + " === null",
				"both gone from the queue");
		for (Mention mention : List.of(this.first, this.second)) {
			assertThat(list(getJson("/api/mentions/{id}/handling", mention.id()), "history")).singleElement()
				.satisfies((entry) -> assertThat(entry).containsEntry("action", "dismiss")
					.containsEntry("reason", "an advert"));
		}
	}

	@Test
	void theSearchOnScreenExportsEveryMatchAsCsv() throws Exception {
		Path folder = Files.createTempDirectory("grapevine-export");
		render(this.browser, "/?q=" + this.word + "&sentiment=positive");
		assertThat(status()).as("a page of the 30 positive matches").startsWith("30 mentions match");
		this.browser.downloadTo(folder);
		this.browser.evaluate("document.getElementById('export-csv').click()");
		Path csv = awaitDownload(folder, ".csv");
		List<CSVRecord> rows;
		try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
			assertThat(reader.read()).as("the byte order mark spreadsheets read UTF-8 by").isEqualTo(0xFEFF);
			rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
		assertThat(rows).as("every match, not one page").hasSize(30);
		assertThat(rows).allSatisfy((row) -> {
			assertThat(row.get("text")).contains(this.word).endsWith("fine");
			assertThat(row.get("sentiment")).isEqualTo("positive");
		});
		assertThat(rows.stream().map((row) -> row.get("id")).toList()).containsExactlyElementsOf(this.matches.stream()
			.limit(MATCHES)
			.filter((mention) -> mention.sentiment().get().label() == Sentiment.POSITIVE)
			.map(Mention::id)
			.toList());
	}

	@Test
	void aScreenshotOfTheWorkbenchIsTaken() throws Exception {
		render(this.browser, "/?q=" + this.word + "&sentiment=negative");
		this.browser.evaluate("document.getElementById('mentions').scrollIntoView()");
		Path screenshot = Path.of("target", "workbench.png").toAbsolutePath();
		Files.deleteIfExists(screenshot);
		this.browser.screenshot(screenshot);
		assertThat(Files.size(screenshot)).isGreaterThan(10_000);
	}

	private Mention bulk(String name, double reach) {
		return TestMentions
			.mention("x", "bulk-" + name + "-" + this.word, "We are hiring drivers, apply now " + name,
					this.now.minus(2, ChronoUnit.HOURS), Author.of("jobs_spam_" + name), Engagement.NONE, "en",
					List.of(), List.of())
			.withEnrichment(Optional.of("en"), Optional.empty(), Optional.empty(), Optional.of(reach));
	}

	private static Path awaitDownload(Path folder, String suffix) throws Exception {
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (System.nanoTime() < deadline) {
			try (var files = Files.list(folder)) {
				Optional<Path> done = files.filter((file) -> file.toString().endsWith(suffix)).findFirst();
				if (done.isPresent() && Files.size(done.get()) > 0) {
					return done.get();
				}
			}
			Thread.sleep(100);
		}
		throw new AssertionError("No " + suffix + " file was downloaded into " + folder + " within 30 s");
	}

	private void showMore(int expected) throws Exception {
		this.browser.evaluate("document.getElementById('more').click()");
		this.browser.await("document.querySelectorAll('#results > li.mention').length === " + expected,
				expected + " results shown");
	}

	private void awaitStatus(String start) throws Exception {
		this.browser
			.await("document.body.getAttribute('aria-busy') === 'false' && document.getElementById('search-status')"
					+ ".textContent.startsWith(" + BrowserSession.literal(start) + ")", "'" + start + "'");
	}

	private String status() throws Exception {
		return this.browser.evaluate("document.getElementById('search-status').textContent").asText();
	}

	private List<String> resultIds() throws Exception {
		String json = this.browser
			.evaluate("JSON.stringify(Array.from(document.querySelectorAll('#results > li.mention'))"
					+ ".map((item) => item.dataset.id))")
			.asText();
		return List.of(new ObjectMapper().readValue(json, String[].class));
	}

}
