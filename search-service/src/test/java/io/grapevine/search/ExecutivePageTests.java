package io.grapevine.search;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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

/**
 * The executive view in Chromium over mentions of May 2017 (and April 2017 and May 2016
 * to compare with): its headline, charts and tables, their export as PNG and CSV, its
 * permalink, its print to PDF and its look at phone width.
 */
@TestInstance(Lifecycle.PER_CLASS)
class ExecutivePageTests extends PageTestSupport {

	private static final Instant MAY = Instant.parse("2017-05-01T00:00:00Z");

	private static final String PERIOD = "/executive?period=custom&from=2017-05-01T00:00:00Z&to=2017-06-01T00:00:00Z";

	private BrowserSession browser;

	@BeforeAll
	void indexTheMonthAndSignIn() throws Exception {
		List<Mention> mentions = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			Sentiment label = (i % 3 == 0) ? Sentiment.NEGATIVE : Sentiment.POSITIVE;
			mentions.add(mention("may-" + i, MAY.plus(i, ChronoUnit.DAYS).plusSeconds(3600), label,
					(i % 5 == 0) ? List.of("metro-link") : List.of()));
		}
		mentions.add(mention("april", Instant.parse("2017-04-10T10:00:00Z"), Sentiment.POSITIVE, List.of()));
		mentions.add(mention("may-2016", Instant.parse("2016-05-10T10:00:00Z"), Sentiment.NEGATIVE, List.of()));
		mentions
			.add(TestMentions.mention("x", "exec-page-own", "Our summer timetable is out", MAY.plus(3, ChronoUnit.DAYS),
					Author.of("hctransit"), Engagement.NONE, "en", List.of("delays"), List.of("operations")));
		Mention[] all = mentions.toArray(Mention[]::new);
		publish(all);
		awaitIndexed(all);
		this.browser = signIn(TestUsers.MEMBER, TestUsers.MEMBER_PASSWORD);
	}

	@AfterAll
	void closeBrowser() throws Exception {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void theHeadlineSaysHowThePeriodCompares() throws Exception {
		render(this.browser, PERIOD);
		assertThat(tile("volume")).startsWith("Mentions | 30 |")
			.contains("up 2900% on the period before")
			.contains("up 2900% on a year before");
		// 20 positive, 10 negative of 30 judged.
		assertThat(tile("netSentiment")).startsWith("Net sentiment | +33 |");
		// 30 of the organization's, 6 naming Metro Link.
		assertThat(tile("shareOfVoice")).startsWith("Share of voice | 83% |");
		assertThat(this.browser.evaluate("document.querySelectorAll('#voice-chart circle.point').length").asInt())
			.as("a point per voice for each of the 30 days with mentions; the 31st has none to share")
			.isEqualTo(30 * 3);
		assertThat(this.browser.evaluate("document.querySelector('#voices tr[data-voice=metro-link]').textContent")
			.asText()).contains("Metro Link").contains("6");
		assertThat(this.browser.evaluate("document.getElementById('attention-line').textContent").asText())
			.isEqualTo("We said 1, heard 30 and answered 0 (0% of what we heard).");
		assertThat(this.browser
			.evaluate("document.querySelector('#departments tr[data-department=operations]').textContent")
			.asText()).startsWith("Operations30");
	}

	@Test
	void aChartExportsAsPngAndATableAsCsv() throws Exception {
		Path folder = Files.createTempDirectory("grapevine-exports");
		render(this.browser, PERIOD);
		this.browser.downloadTo(folder);
		this.browser.evaluate("document.querySelector('[data-png=sentiment-chart]').click()");
		this.browser.evaluate("document.querySelector('[data-csv=departments]').click()");
		Path png = awaitFile(folder, ".png");
		Path csv = awaitFile(folder, ".csv");
		byte[] image = Files.readAllBytes(png);
		assertThat(image).startsWith(new byte[] { (byte) 0x89, 'P', 'N', 'G' });
		assertThat(image.length).isGreaterThan(5_000);
		assertThat(png.getFileName().toString()).isEqualTo("grapevine-sentiment-2017-05-01-to-2017-05-31.png");
		List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
		assertThat(rows.get(0)).isEqualTo("\ufeffdepartment,mentions,negative_percent,waiting_now,answered_percent,"
				+ "median_seconds_to_answer");
		assertThat(rows).anySatisfy((row) -> assertThat(row).startsWith("Operations,30,33.3,"));
	}

	@Test
	void theViewHasAPermalinkAndPrintsToPdf() throws Exception {
		render(this.browser, PERIOD);
		this.browser.evaluate("(() => { const department = document.getElementById('department');"
				+ "department.value = 'operations'; department.dispatchEvent(new Event('change', { bubbles: true })); })()");
		awaitDrawn(this.browser);
		String address = this.browser.evaluate("location.pathname + location.search").asText();
		assertThat(address).contains("department=operations").contains("from=2017-05-01");
		render(this.browser, address);
		assertThat(this.browser.evaluate("document.getElementById('department').value").asText())
			.isEqualTo("operations");
		assertThat(this.browser.evaluate("document.getElementById('period-line').textContent").asText())
			.startsWith("Operations · ");

		Path pdf = Path.of("target", "executive.pdf").toAbsolutePath();
		this.browser.printToPdf(pdf);
		byte[] printed = Files.readAllBytes(pdf);
		assertThat(new String(printed, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		assertThat(this.browser.evaluate("getComputedStyle(document.querySelector('.exports')).display").asText())
			.as("on screen the exports show")
			.isNotEqualTo("none");
	}

	@Test
	void atPhoneWidthTheViewReadsWithoutScrollingSideways() throws Exception {
		try (BrowserSession phone = signIn(TestUsers.MEMBER, TestUsers.MEMBER_PASSWORD)) {
			phone.resize(390, 844, true);
			render(phone, PERIOD);
			assertThat(phone.evaluate("document.documentElement.scrollWidth").asInt()).isLessThanOrEqualTo(390);
			Path screenshot = Path.of("target", "executive-phone.png").toAbsolutePath();
			phone.screenshot(screenshot);
			assertThat(Files.size(screenshot)).isGreaterThan(10_000);
		}
	}

	@Test
	void aScreenshotOfTheExecutiveViewIsTaken() throws Exception {
		render(this.browser, PERIOD);
		Path screenshot = Path.of("target", "executive.png").toAbsolutePath();
		this.browser.screenshot(screenshot);
		assertThat(Files.size(screenshot)).isGreaterThan(10_000);
	}

	private String tile(String figure) throws Exception {
		return this.browser
			.evaluate("Array.from(document.querySelector('.tile[data-figure=" + figure + "]').children)"
					+ ".map((part) => part.textContent.trim()).join(' | ')")
			.asText();
	}

	private static Path awaitFile(Path folder, String suffix) throws Exception {
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (System.nanoTime() < deadline) {
			try (Stream<Path> files = Files.list(folder)) {
				Optional<Path> done = files.filter((file) -> file.toString().endsWith(suffix)).findFirst();
				if (done.isPresent() && Files.size(done.get()) > 0) {
					return done.get();
				}
			}
			Thread.sleep(100);
		}
		throw new AssertionError("No " + suffix + " file was downloaded into " + folder + " within 30 s");
	}

	private static Mention mention(String id, Instant at, Sentiment label, List<String> competitors) {
		Mention mention = TestMentions.mention("x", "exec-page-" + id, "The tram " + id, at,
				Author.of("rider_" + id, "Rider", 100), Engagement.NONE, "en", List.of("delays"),
				List.of("operations"));
		return mention.withTags(List.of("delays"), List.of("operations"), competitors)
			.withEnrichment(Optional.of("en"),
					Optional.of(new SentimentScore(label == Sentiment.NEGATIVE ? -0.5 : 0.5, label)), Optional.empty(),
					Optional.of(1.0));
	}

}
