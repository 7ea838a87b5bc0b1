package io.grapevine.listening.mention;

import java.util.Objects;

import io.grapevine.listening.query.Sentiment;

/**
 * How a mention feels: a score from -1 (most negative) to 1 (most positive) and the label
 * it earns.
 *
 * @param score the score in [-1, 1]
 * @param label negative, neutral or positive
 */
public record SentimentScore(double score, Sentiment label) {

	public SentimentScore {
		if (!(score >= -1 && score <= 1)) {
			throw new InvalidMentionException("a sentiment score must be between -1 and 1, was " + score);
		}
		Objects.requireNonNull(label, "a sentiment needs a label");
	}

}
