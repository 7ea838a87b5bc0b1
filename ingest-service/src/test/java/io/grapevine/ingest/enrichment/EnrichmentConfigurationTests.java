package io.grapevine.ingest.enrichment;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.grapevine.listening.enrich.MentionEnricher;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.query.Sentiment;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class EnrichmentConfigurationTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(EnrichmentConfiguration.class);

	@Test
	void mentionsArriveWithLanguageSentimentClusterAndReach() {
		this.context.withBean(Organization.class, () -> organization(List.of("en", "es"))).run((context) -> {
			MentionEnricher enricher = context.getBean(MentionEnricher.class);
			Mention angry = enricher.enrich(mention("1", "El tranvía lleva cuarenta minutos de retraso, es horrible"));
			assertThat(angry.language()).contains("es");
			assertThat(angry.sentiment())
				.hasValueSatisfying((sentiment) -> assertThat(sentiment.label()).isEqualTo(Sentiment.NEGATIVE));
			assertThat(angry.clusterId()).isPresent();
			assertThat(angry.reach()).hasValueSatisfying((reach) -> assertThat(reach).isPositive());
			Mention copy = enricher.enrich(mention("2", "El tranvía lleva cuarenta minutos de retraso, es horrible"));
			assertThat(copy.clusterId()).isEqualTo(angry.clusterId());
		});
	}

	@Test
	void onlyTheOrganizationsLanguagesAreDetected() {
		this.context.withBean(Organization.class, () -> organization(List.of("en"))).run((context) -> {
			Mention spanish = context.getBean(MentionEnricher.class)
				.enrich(mention("3", "El tranvía lleva cuarenta minutos de retraso en la estación central"));
			assertThat(spanish.language()).isNotEqualTo(java.util.Optional.of("es"));
		});
	}

	private static Organization organization(List<String> languages) {
		Department operations = new Department("operations", "Operations", java.time.ZoneId.of("UTC"),
				java.time.LocalTime.of(8, 0), List.of(), java.util.Optional.empty(), java.util.Optional.empty(),
				List.of());
		return new Organization("Harbor City Transit", List.of(operations), List.of(), languages);
	}

	private static Mention mention(String id, String text) {
		return Mention.builder("mastodon", id)
			.url(URI.create("https://mastodon.social/@rider/" + id))
			.text(text)
			.author(Author.of("rider@mastodon.social"))
			.publishedAt(Instant.parse("2026-11-20T08:00:00Z"))
			.build();
	}

}
