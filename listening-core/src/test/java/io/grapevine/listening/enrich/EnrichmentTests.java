package io.grapevine.listening.enrich;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.grapevine.listening.enrich.cluster.ClusterSettings;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.SentimentScore;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.query.Sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EnrichmentTests {

	private static final String TEXT = "Transit union announces two-day strike over pay and staffing levels on the tram network";

	@Test
	void setsLanguageSentimentClusterAndReachOnEveryMention() {
		Enrichment enrichment = Enrichment.of(new Organization("Harbor City Transit", List.of()));

		Mention original = enrichment.enrich(mention("x", "1", TEXT, 2_000L, new Engagement(10, 4, 2)));
		Mention retweet = enrichment.enrich(mention("x", "2", "RT @citylineradio: " + TEXT, 30L, Engagement.NONE));
		Mention spanish = enrichment.enrich(mention("x", "3",
				"El servicio de tranvía es pésimo, otra vez llegué tarde al trabajo por culpa del retraso", 10L,
				Engagement.NONE));

		assertThat(original.language()).contains("en");
		assertThat(original.sentiment()).isPresent();
		assertThat(spanish.language()).contains("es");
		assertThat(spanish.sentiment()).get().extracting(SentimentScore::label).isEqualTo(Sentiment.NEGATIVE);
		assertThat(original.clusterId()).isPresent();
		assertThat(retweet.clusterId()).isEqualTo(original.clusterId());
		assertThat(original.reach()).get().satisfies((reach) -> assertThat(reach).isGreaterThan(retweet.reach().get()));
		assertThat(spanish.clusterId()).isNotEqualTo(original.clusterId());
		assertThat(enrichment.remembered()).isEqualTo(3);
	}

	@Test
	void listensInTheOrganizationsLanguages() {
		Organization organization = new Organization("Harbor City Transit", List.of(), List.of(), List.of("en", "es"));

		assertThat(Enrichment.of(organization).languages()).containsExactly("en", "es");
	}

	@Test
	void detectsOnlyTheOrganizationsLanguages() {
		Organization english = new Organization("Harbor City Transit", List.of(), List.of(), List.of("en"));

		Mention spanish = Enrichment.of(english)
			.enrich(mention("x", "1",
					"El servicio de tranvía es pésimo, otra vez llegué tarde al trabajo por culpa del retraso", 10L,
					Engagement.NONE));

		assertThat(spanish.language()).isEmpty();
	}

	@Test
	void refusesToListenInNoLanguage() {
		assertThatIllegalArgumentException().isThrownBy(() -> Enrichment.of(List.of(), ClusterSettings.DEFAULTS))
			.withMessageContaining("language");
	}

	private static Mention mention(String source, String id, String text, long followers, Engagement engagement) {
		return Mention.builder(source, id)
			.url(URI.create("https://x.com/someone/status/" + id))
			.text(text)
			.author(new Author("someone", Optional.empty(), Optional.of(followers), Optional.empty()))
			.engagement(engagement)
			.publishedAt(Instant.parse("2026-03-02T12:00:00Z"))
			.build();
	}

}
