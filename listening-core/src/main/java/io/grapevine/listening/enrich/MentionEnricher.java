package io.grapevine.listening.enrich;

import io.grapevine.listening.mention.Mention;

/**
 * One step that tells more about a mention before it is tagged and published: its
 * language, sentiment, near-duplicate cluster or reach. Steps never throw on odd input:
 * when unsure they leave the mention as it is.
 */
@FunctionalInterface
public interface MentionEnricher {

	/**
	 * Enrich a mention.
	 * @param mention the mention as the source mapped it
	 * @return the mention with what this step found out
	 */
	Mention enrich(Mention mention);

	/**
	 * This step followed by another.
	 * @param next the step to run on this one's result
	 * @return both steps in order
	 */
	default MentionEnricher andThen(MentionEnricher next) {
		return (mention) -> next.enrich(enrich(mention));
	}

	/**
	 * The step that changes nothing.
	 * @return the identity step
	 */
	static MentionEnricher none() {
		return (mention) -> mention;
	}

}
