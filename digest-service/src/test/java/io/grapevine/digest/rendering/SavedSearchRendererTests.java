package io.grapevine.digest.rendering;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.SavedSearch;
import io.grapevine.digest.composition.SavedSearchDigest;
import io.grapevine.digest.composition.SavedSearchSubscription;
import io.grapevine.digest.composition.sections.SearchAnswers;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;

import static org.assertj.core.api.Assertions.assertThat;

class SavedSearchRendererTests {

	private static final ZoneId LONDON = ZoneId.of("Europe/London");

	private static final Period THURSDAY = Period.day(LocalDate.of(2026, 11, 19), LONDON);

	private static final URI DASHBOARD = URI.create("https://listening.example.org/");

	private final SavedSearchRenderer renderer = new SavedSearchRenderer("Harbor City Transit", DASHBOARD,
			URI.create("https://grapevine.example.org/"));

	private final SavedSearch search = new SavedSearch("s-1", "Fares <b>rising</b>", "fare* -\"fare evasion\"",
			new SavedSearch.Filters(List.of("communications"), null, null, null, List.of("negative"), null,
					Optional.empty(), Optional.of(true), Optional.empty()));

	private final SavedSearchSubscription subscription = new SavedSearchSubscription("s-1", "amy",
			"amy@harborcity-transit.example", LONDON, Instant.parse("2026-11-01T00:00:00Z"));

	@Test
	void theEmailShowsTheDaysMatchesWithTheirLinksTheSearchAndHowToUnsubscribeEverythingEscaped() {
		RenderedDigest rendered = this.renderer
			.render(digest(12, List.of(mention("1", "Why did the <script>fare</script> go up?", 4.2),
					mention("2", "Fares up again & nobody told us", 3.1))));

		assertThat(rendered.subject()).isEqualTo("Fares <b>rising</b> · saved search · Thu 19 Nov 2026 · 12 mentions");
		assertThat(rendered.html()).contains("Fares &lt;b&gt;rising&lt;/b&gt;")
			.doesNotContain("<b>rising</b>")
			.contains("Why did the &lt;script&gt;fare&lt;/script&gt; go up?")
			.doesNotContain("<script")
			.contains("fare* -&quot;fare evasion&quot;")
			.contains("department communications · sentiment negative · questions")
			.contains("12")
			.contains("mentions matched on Thursday 19 November 2026")
			.contains("Top 2 by reach")
			.contains("href=\"https://x.com/rider_amy/status/1\"")
			.contains("href=\"https://listening.example.org/?saved=s-1\"")
			.contains("Sent by Grapevine to amy@harborcity-transit.example")
			.contains("Europe/London time")
			.doesNotContainIgnoringCase("<img")
			.doesNotContainIgnoringCase("<style");
		assertThat(rendered.text()).contains("12 mentions matched on Thursday 19 November 2026")
			.contains("Query: fare* -\"fare evasion\"")
			.contains("1. Amy Rider · @rider_amy on X at 09:12 · reach 4")
			.contains("   Why did the <script>fare</script> go up?")
			.contains("   Open: https://x.com/rider_amy/status/1")
			.contains("Open the saved search: https://listening.example.org/?saved=s-1")
			.contains("To stop these emails, open the saved search and unsubscribe");
		assertThat(rendered.text().indexOf("status/1")).isLessThan(rendered.text().indexOf("status/2"));
	}

	@Test
	void aDayWithoutMatchesSaysSo() {
		RenderedDigest rendered = this.renderer.render(digest(0, List.of()));

		assertThat(rendered.subject()).endsWith("· 0 mentions");
		assertThat(rendered.html())
			.contains("Nothing matched Fares &lt;b&gt;rising&lt;/b&gt; on Thursday 19 November 2026.")
			.doesNotContain("by reach");
		assertThat(rendered.text()).contains("Nothing matched Fares <b>rising</b> on Thursday 19 November 2026.");
	}

	private SavedSearchDigest digest(long total, List<Mention> mentions) {
		SearchAnswers.ReachedMentions matches = new SearchAnswers.ReachedMentions(total,
				mentions.stream()
					.map((mention) -> new SearchAnswers.ReachedMentions.Found(mention, Optional.of(1L)))
					.toList());
		return SavedSearchDigest.compose(this.search, this.subscription, THURSDAY, matches, DASHBOARD, 10);
	}

	private static Mention mention(String id, String text, double reach) {
		Mention mention = Mention.builder("x", id)
			.url(URI.create("https://x.com/rider_amy/status/" + id))
			.text(text)
			.author(Author.of("rider_amy", "Amy Rider", 1234))
			.publishedAt(Instant.parse("2026-11-19T09:12:00Z"))
			.language("en")
			.engagement(new Engagement(1, 0, 0))
			.build();
		return mention.withEnrichment(mention.language(), Optional.empty(), Optional.empty(), Optional.of(reach));
	}

}
