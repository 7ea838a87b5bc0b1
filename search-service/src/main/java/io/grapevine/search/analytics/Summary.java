package io.grapevine.search.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.grapevine.listening.mention.Mention;

/**
 * What was said over a time range: how much each day, where, about what, by whom, and the
 * mentions that drew the most engagement.
 *
 * @param from start of the range, inclusive
 * @param to end of the range, exclusive
 * @param zone the zone the days are counted in
 * @param total mentions in the range
 * @param volumeByDay mentions per day, every day of the range, empty days as 0
 * @param bySource mentions per source, most first
 * @param byTopic mentions per topic, most first
 * @param byLanguage mentions per language, most first
 * @param topAuthors the authors with the most mentions
 * @param topMentions the mentions with the most engagement, then the most followed
 * authors
 * @param sentiment how the mentions enrichment judged feel
 * @param said what the organization's own accounts posted among them (counted in the
 * figures above too; never among the top mentions)
 */
public record Summary(Instant from, Instant to, String zone, long total, List<DayCount> volumeByDay,
		List<KeyCount> bySource, List<KeyCount> byTopic, List<KeyCount> byLanguage, List<TopAuthor> topAuthors,
		List<Mention> topMentions, SentimentSplit sentiment, Said said) {

	public Summary {
		Objects.requireNonNull(said, "said");
		volumeByDay = List.copyOf(volumeByDay);
		bySource = List.copyOf(bySource);
		byTopic = List.copyOf(byTopic);
		byLanguage = List.copyOf(byLanguage);
		topAuthors = List.copyOf(topAuthors);
		topMentions = List.copyOf(topMentions);
		Objects.requireNonNull(sentiment, "sentiment");
	}

	/**
	 * What the organization said: the posts of its own accounts.
	 *
	 * @param posts every post of its accounts in the range, replies included
	 * @param replies those of them that reply to a mention
	 */
	public record Said(long posts, long replies) {
	}

	/**
	 * Mentions published on one day.
	 *
	 * @param date the day in the summary's zone
	 * @param count mentions that day
	 * @param negative of those, the ones judged negative
	 */
	public record DayCount(LocalDate date, long count, long negative) {
	}

	/**
	 * Mentions with one value of a field.
	 *
	 * @param key the value (a source, topic id or language code)
	 * @param count mentions with it
	 */
	public record KeyCount(String key, long count) {
	}

	/**
	 * An author and how much they said.
	 *
	 * @param handle the account name
	 * @param displayName the name on their latest mention, if any
	 * @param mentions how many of their mentions are in the range
	 * @param followers the most followers seen on their mentions, if known
	 */
	public record TopAuthor(String handle, Optional<String> displayName, long mentions, Optional<Long> followers) {
	}

	/**
	 * How many mentions of each sentiment label, and their average score; mentions not
	 * judged are in none of them.
	 *
	 * @param positive mentions labelled positive
	 * @param negative mentions labelled negative
	 * @param neutral mentions labelled neutral
	 * @param averageScore the average score (-1 to 1) of the judged mentions, absent when
	 * none is judged
	 */
	public record SentimentSplit(long positive, long negative, long neutral, Optional<Double> averageScore) {

		public SentimentSplit {
			averageScore = (averageScore != null) ? averageScore : Optional.empty();
		}

	}

}
