package io.grapevine.search.handling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.query.Sentiment;

/**
 * How urgently a waiting mention wants an answer, and why: the order of a department's
 * queue. The score adds the mention's reach (a logarithm of audience and engagement,
 * about 0 to 8), {@value #NEGATIVE} when it is negative, {@value #QUESTION} when it asks,
 * and {@value #OLD} for each of the waits it has passed ({@link #WAITS}: four hours, one
 * day) since it was published. Ties go to the one published first.
 *
 * @param score the urgency: higher first
 * @param reasons what raised it, as people read them
 */
public record Urgency(double score, List<String> reasons) {

	/** What a negative mention adds. */
	public static final double NEGATIVE = 2;

	/** What a question adds. */
	public static final double QUESTION = 2;

	/** What each wait passed adds. */
	public static final double OLD = 1;

	/** The waits that raise a mention, from its publication. */
	public static final List<Duration> WAITS = List.of(Duration.ofHours(4), Duration.ofDays(1));

	public Urgency {
		reasons = List.copyOf(reasons);
	}

	/**
	 * The urgency of a mention at a given time.
	 * @param mention the mention
	 * @param question whether it asks
	 * @param now the time of reading
	 * @return its urgency
	 */
	public static Urgency of(Mention mention, boolean question, Instant now) {
		double reach = mention.reach().orElse(0.0);
		double score = reach;
		List<String> reasons = new ArrayList<>();
		if (reach > 0) {
			reasons.add(String.format(Locale.ROOT, "reach %.1f", reach));
		}
		if (mention.sentiment().map((sentiment) -> sentiment.label() == Sentiment.NEGATIVE).orElse(false)) {
			score += NEGATIVE;
			reasons.add("negative");
		}
		if (question) {
			score += QUESTION;
			reasons.add("asks a question");
		}
		Duration waited = Duration.between(mention.publishedAt(), now);
		Duration passed = null;
		for (Duration wait : WAITS) {
			if (waited.compareTo(wait) >= 0) {
				score += OLD;
				passed = wait;
			}
		}
		if (passed != null) {
			reasons.add("waiting over " + (passed.toDays() >= 1 ? "a day" : passed.toHours() + " h"));
		}
		return new Urgency(Math.round(score * 100) / 100.0, reasons);
	}

}
