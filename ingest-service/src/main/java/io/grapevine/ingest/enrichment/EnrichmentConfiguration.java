package io.grapevine.ingest.enrichment;

import io.grapevine.listening.enrich.Enrichment;
import io.grapevine.listening.organization.Organization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Enriches every mention the sources map before it is tagged and published: language
 * among the organization's languages, sentiment, near-duplicate cluster and reach.
 */
@Configuration(proxyBeanMethods = false)
class EnrichmentConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(EnrichmentConfiguration.class);

	@Bean
	Enrichment enrichment(Organization organization) {
		Enrichment enrichment = Enrichment.of(organization);
		logger.info("Mentions are enriched with language (among {}), sentiment, near-duplicate cluster and reach",
				enrichment.languages());
		return enrichment;
	}

}
