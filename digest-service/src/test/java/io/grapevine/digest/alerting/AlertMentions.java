package io.grapevine.digest.alerting;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.SentimentScore;
import io.grapevine.listening.query.Sentiment;

/**
 * Mentions as ingest publishes them, tagged and enriched, for the alert tests.
 */
final class AlertMentions {

	private AlertMentions() {
	}

	static Mention mention(String nativeId, String topic, Sentiment sentiment, Instant publishedAt, double reach) {
		return Mention.builder("x", nativeId)
			.url(URI.create("https://x.com/rider/status/" + nativeId))
			.text("Bus " + nativeId + " is late again")
			.author(new Author("rider_" + nativeId, Optional.empty(), Optional.of(120L), Optional.empty()))
			.publishedAt(publishedAt)
			.ingestedAt(publishedAt.plusSeconds(2))
			.engagement(new Engagement(0, 0, 0))
			.build()
			.withTags(List.of(topic), List.of("operations"))
			.withEnrichment(Optional.of("en"),
					Optional.of(new SentimentScore((sentiment == Sentiment.NEGATIVE) ? -0.8 : 0.1, sentiment)),
					Optional.empty(), Optional.of(reach));
	}

}
