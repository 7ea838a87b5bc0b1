package io.grapevine.listening.enrich;

import java.util.List;
import java.util.Objects;

import io.grapevine.listening.enrich.cluster.ClusterEnricher;
import io.grapevine.listening.enrich.cluster.ClusterSettings;
import io.grapevine.listening.enrich.language.LanguageEnricher;
import io.grapevine.listening.enrich.reach.ReachEnricher;
import io.grapevine.listening.enrich.sentiment.SentimentEnricher;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Organization;

/**
 * The whole enrichment of a mention at ingest, in order: language, sentiment (which reads
 * the language), near-duplicate cluster, then reach.
 * <p>
 * One instance holds the recent mentions near-duplicates are found among, so an ingest
 * process builds one and shares it between all its sources; it is safe to share between
 * threads.
 */
public final class Enrichment implements MentionEnricher {

	private final List<String> languages;

	private final ClusterEnricher clusters;

	private final MentionEnricher chain;

	private Enrichment(List<String> languages, ClusterSettings clusterSettings, ReachEnricher reach) {
		this.languages = List.copyOf(languages);
		this.clusters = new ClusterEnricher(clusterSettings);
		this.chain = new LanguageEnricher(this.languages).andThen(new SentimentEnricher())
			.andThen(this.clusters)
			.andThen(reach);
	}

	/**
	 * The enrichment an organization's ingest runs, with the default cluster settings and
	 * audiences.
	 * @param organization the organization, for the languages it listens in
	 * @return the enrichment
	 */
	public static Enrichment of(Organization organization) {
		return of(organization.languages(), ClusterSettings.DEFAULTS);
	}

	/**
	 * The enrichment for some languages and cluster settings.
	 * @param languages the languages listened in (ISO 639-1 codes), at least one
	 * @param clusterSettings how near-duplicates are found
	 * @return the enrichment
	 * @throws IllegalArgumentException when there is no language or one is not a language
	 * code
	 */
	public static Enrichment of(List<String> languages, ClusterSettings clusterSettings) {
		Objects.requireNonNull(clusterSettings, "clusterSettings");
		if (languages == null || languages.isEmpty()) {
			throw new IllegalArgumentException("enrichment needs at least one language to listen in");
		}
		return new Enrichment(languages, clusterSettings, new ReachEnricher());
	}

	@Override
	public Mention enrich(Mention mention) {
		return this.chain.enrich(mention);
	}

	/**
	 * The languages listened in.
	 * @return ISO 639-1 codes
	 */
	public List<String> languages() {
		return this.languages;
	}

	/**
	 * How many recent mentions near-duplicates are looked for among now.
	 * @return at most the cluster capacity
	 */
	public int remembered() {
		return this.clusters.remembered();
	}

}
