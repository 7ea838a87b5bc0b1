package io.grapevine.digest.rendering;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.grapevine.digest.FullDigest;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.Digest;
import io.grapevine.digest.composition.DigestFigures;
import io.grapevine.digest.composition.Share;
import io.grapevine.digest.composition.TopMention;

import static org.assertj.core.api.Assertions.assertThat;

class DigestRendererTests {

	private static final Period THURSDAY = Period.day(LocalDate.of(2026, 11, 19), ZoneId.of("Europe/London"));

	private final DigestRenderer renderer = new DigestRenderer(URI.create("http://127.0.0.1:8080/"),
			URI.create("https://grapevine.example.org/"));

	@Test
	void scriptInMentionTextIsEscapedInTheHtml() {
		RenderedDigest rendered = render(
				List.of(mention("1", "<script>alert('pwned')</script> & <b>bold</b> \"quoted\"")));

		assertThat(rendered.html()).doesNotContain("<script").doesNotContain("<b>bold");
		assertThat(rendered.html()).contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold");
	}

	@Test
	void theHtmlHasNoRemoteResourcesAndOnlyInlineStyles() {
		String html = render(List.of(mention("1", "Bus 42 late again"))).html();

		assertThat(html).doesNotContainIgnoringCase("<script")
			.doesNotContainIgnoringCase("<img")
			.doesNotContainIgnoringCase("<link")
			.doesNotContainIgnoringCase("<style")
			.doesNotContainIgnoringCase("@import")
			.doesNotContain("src=");
	}

	@Test
	void tenLongMentionsStayUnder100Kilobytes() {
		String longText = "The number 42 bus was late again and the display said nothing at all. ".repeat(100);
		List<TopMention> mentions = IntStream.rangeClosed(1, 10).mapToObj((i) -> mention("id" + i, longText)).toList();

		RenderedDigest rendered = render(mentions);

		assertThat(longText.length()).isGreaterThan(5000);
		assertThat(rendered.html().getBytes(StandardCharsets.UTF_8).length).isLessThan(100 * 1024);
		assertThat(rendered.text().getBytes(StandardCharsets.UTF_8).length).isLessThan(100 * 1024);
		assertThat(rendered.html()).contains("…");
	}

	@Test
	void theHtmlLinksToEachMentionTheDashboardSearchAndTheArchive() {
		String html = render(List.of(mention("1", "Bus 42 late again"))).html();

		assertThat(html).contains("href=\"https://x.com/rider_amy/status/1\"")
			.contains(
					"href=\"http://127.0.0.1:8080/?department=operations&amp;from=2026-11-19T00%3A00%3A00Z&amp;to=2026-11-20T00%3A00%3A00Z\"")
			.contains("href=\"https://grapevine.example.org/digests/operations-2026-11-19\"");
	}

	@Test
	void thePlainTextPartHasTheVolumeChangeSplitMentionsAndLinks() {
		String text = render(List.of(mention("1", "Bus 42 late again"))).text();

		assertThat(text).contains("Operations · daily listening digest")
			.contains("Thursday 19 November 2026 (Europe/London)")
			.contains("37 mentions, up 23% from Wednesday")
			.contains("By source")
			.containsPattern("X +25 \\(68%\\)")
			.contains("1. Bus 42 late again")
			.contains("Amy Rider (@rider_amy, 1,234 followers) on X at 09:12 · 12 likes · 3 shares · 4 replies")
			.contains("https://x.com/rider_amy/status/1")
			.contains("http://127.0.0.1:8080/?department=operations")
			.contains("https://grapevine.example.org/digests/operations-2026-11-19")
			.doesNotContain("<");
	}

	@Test
	void theHtmlShowsTheFiguresTheAuthorAndTheFollowers() {
		String html = render(List.of(mention("1", "Bus 42 late again"))).html();

		assertThat(html).contains(">37<")
			.contains("up 23% from Wednesday")
			.contains("Amy Rider")
			.contains("@rider_amy")
			.contains("1,234 followers")
			.contains("Delays and disruption · 12");
	}

	@Test
	void aDayWithoutMentionsSaysSoInBothParts() {
		Digest quiet = new Digest("Harbor City Transit", FullDigest.operations(), THURSDAY,
				new DigestFigures(0, 0, "no mentions the day before", List.of(), List.of(), List.of()));

		RenderedDigest rendered = this.renderer.render(quiet, "operations-2026-11-19");

		assertThat(rendered.subject()).endsWith("· 0 mentions");
		assertThat(rendered.html()).contains("Nothing was said about Operations&#39;s topics on this day.");
		assertThat(rendered.text()).contains("No mentions for Operations on this day.");
	}

	@Test
	void aWeeklyDigestNamesTheWeekInBothPartsAndComparesWithTheWeekBefore() {
		Period week = Period.isoWeek(LocalDate.of(2026, 11, 16), ZoneId.of("Europe/London"));
		Digest digest = new Digest("Harbor City Transit", FullDigest.operations(), week,
				new DigestFigures(212, 160, "up 33% from the week before", List.of(new Share("x", "X", 212, 100)),
						List.of(), List.of(mention("1", "Bus 42 <b>late</b> again"))));

		RenderedDigest rendered = this.renderer.render(digest, "operations-week-2026-W47");

		assertThat(rendered.subject())
			.isEqualTo("Operations · weekly listening digest · 16–22 Nov 2026 · 212 mentions");
		assertThat(rendered.html()).contains("Weekly listening digest · 16–22 Nov 2026")
			.contains("mentions from Monday 16 November 2026 to Sunday 22 November 2026")
			.contains("160 mentions the week before")
			.contains("The week runs from Monday midnight to Monday midnight, Europe/London time.")
			.contains("Bus 42 &lt;b&gt;late&lt;/b&gt; again")
			.contains("Thu 09:12")
			.contains(
					"href=\"http://127.0.0.1:8080/?department=operations&amp;from=2026-11-16T00%3A00%3A00Z&amp;to=2026-11-23T00%3A00%3A00Z\"")
			.contains("href=\"https://grapevine.example.org/digests/operations-week-2026-W47\"")
			.doesNotContain("Daily listening digest");
		assertThat(rendered.text()).contains("Operations · weekly listening digest")
			.contains("Monday 16 November 2026 to Sunday 22 November 2026 (Europe/London)")
			.contains("212 mentions, up 33% from the week before")
			.contains("on X at Thu 09:12");
		assertThat(rendered.html().getBytes(StandardCharsets.UTF_8).length).isLessThan(100 * 1024);
	}

	@Test
	void aWeekWithoutMentionsSaysSo() {
		Digest quiet = new Digest("Harbor City Transit", FullDigest.operations(),
				Period.isoWeek(LocalDate.of(2026, 11, 16), ZoneId.of("Europe/London")),
				new DigestFigures(0, 0, "no mentions the week before", List.of(), List.of(), List.of()));

		RenderedDigest rendered = this.renderer.render(quiet, "operations-week-2026-W47");

		assertThat(rendered.html()).contains("Nothing was said about Operations&#39;s topics in this week.");
		assertThat(rendered.text()).contains("No mentions for Operations in this week.");
	}

	@Test
	void theOrganizationWideDigestShowsSentimentAndEachDepartmentWithALinkToItsOwnDigest() {
		Period week = Period.isoWeek(LocalDate.of(2026, 11, 16), ZoneId.of("Europe/London"));
		DigestFigures figures = new DigestFigures(200, 100, "up 100% from the week before", List.of(), List.of(),
				List.of(mention("1", "<i>Great</i> service")),
				List.of(new Share("care", "Customer <Care>", 150, 75), new Share("operations", "Operations", 40, 20)),
				List.of(new Share("positive", "Positive", 50, 25)), Map.of("care", "care-week-2026-W47"));
		Digest digest = new Digest("Harbor City Transit", FullDigest.allStaff(), week, figures);

		RenderedDigest rendered = this.renderer.render(digest, "all-staff-week-2026-W47");

		assertThat(rendered.html()).contains("By department")
			.contains("href=\"https://grapevine.example.org/digests/care-week-2026-W47\"")
			.contains("Customer &lt;Care&gt;")
			.contains("Positive · 50 · 25%")
			.contains("&lt;i&gt;Great&lt;/i&gt; service")
			.contains("Sent by Grapevine to all staff of Harbor City Transit.")
			.contains("href=\"http://127.0.0.1:8080/?from=2026-11-16T00%3A00%3A00Z&amp;to=2026-11-23T00%3A00%3A00Z\"")
			.doesNotContain("<i>");
		assertThat(rendered.text()).contains("Sentiment")
			.containsPattern("Customer <Care> +150 \\(75%\\)  https://grapevine.example.org/digests/care-week-2026-W47")
			.containsPattern("Operations +40 \\(20%\\)\n");
	}

	private RenderedDigest render(List<TopMention> mentions) {
		Digest digest = new Digest("Harbor City Transit", FullDigest.operations(), THURSDAY,
				new DigestFigures(37, 30, "up 23% from Wednesday",
						List.of(new Share("x", "X", 25, 68), new Share("reddit", "Reddit", 12, 32)),
						List.of(new Share("delays", "Delays and disruption", 12, 32)), mentions));
		return this.renderer.render(digest, "operations-2026-11-19");
	}

	private static TopMention mention(String id, String text) {
		return new TopMention("x:" + id, "x", URI.create("https://x.com/rider_amy/status/" + id), text, "rider_amy",
				"Amy Rider", Optional.of(1234L), Instant.parse("2026-11-19T09:12:00Z"), 12, 3, 4);
	}

}
