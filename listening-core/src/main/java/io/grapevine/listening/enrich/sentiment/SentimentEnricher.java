package io.grapevine.listening.enrich.sentiment;

import java.util.Objects;
import java.util.Optional;

import io.grapevine.listening.enrich.MentionEnricher;
import io.grapevine.listening.mention.Mention;

/**
 * The enrichment step that judges the sentiment of each mention in its language, keeping
 * what other steps found.
 */
public final class SentimentEnricher implements MentionEnricher {

	private final SentimentAnalyzer analyzer;

	/**
	 * An enricher with the lexicons shipped with Grapevine.
	 */
	public SentimentEnricher() {
		this(SentimentAnalyzer.bundled());
	}

	/**
	 * An enricher with the given analyzer.
	 * @param analyzer the analyzer to score texts with
	 */
	public SentimentEnricher(SentimentAnalyzer analyzer) {
		this.analyzer = Objects.requireNonNull(analyzer, "a sentiment enricher needs an analyzer");
	}

	@Override
	public Mention enrich(Mention mention) {
		if (mention.text().isBlank()) {
			return mention;
		}
		return mention.withEnrichment(mention.language(),
				Optional.of(this.analyzer.analyze(mention.text(), mention.language())), mention.clusterId(),
				mention.reach());
	}

}
