package io.grapevine.digest.composition.sections;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.grapevine.listening.mention.Mention;

/**
 * What search-service answers to the questions a digest's sections ask (see
 * docs/contracts.md); fields a digest does not use are ignored when read.
 */
public final class SearchAnswers {

	private SearchAnswers() {
	}

	/**
	 * A page of {@code GET /api/mentions?sort=reach&collapse=true}.
	 *
	 * @param total mentions that match, copies included
	 * @param mentions one mention per cluster of near-duplicates, widest reach first
	 */
	public record ReachedMentions(long total, List<Found> mentions) {

		public ReachedMentions {
			mentions = (mentions != null) ? List.copyOf(mentions) : List.of();
		}

		/**
		 * One mention of the page.
		 *
		 * @param mention the mention
		 * @param copies how many matching mentions its cluster holds, itself included
		 */
		public record Found(Mention mention, Optional<Long> copies) {

			public Found {
				copies = (copies != null) ? copies : Optional.empty();
			}

		}

	}

	/**
	 * The answer of {@code GET /api/analytics/new-voices}.
	 *
	 * @param voices the authors heard for the first time, widest reach first
	 */
	public record NewVoices(List<Voice> voices) {

		public NewVoices {
			voices = (voices != null) ? List.copyOf(voices) : List.of();
		}

		/**
		 * One new voice.
		 *
		 * @param handle the account name
		 * @param source the source they spoke on
		 * @param displayName their display name, if any
		 * @param followers their followers, when known
		 * @param reach the widest reach of their mentions, when computed
		 * @param mentions how many mentions of theirs are in the period
		 * @param mention their mention with the widest reach
		 */
		public record Voice(String handle, String source, Optional<String> displayName, Optional<Long> followers,
				Optional<Double> reach, long mentions, Mention mention) {

			public Voice {
				displayName = (displayName != null) ? displayName : Optional.empty();
				followers = (followers != null) ? followers : Optional.empty();
				reach = (reach != null) ? reach : Optional.empty();
			}

		}

	}

	/**
	 * The answer of {@code GET /api/analytics/rising-terms}.
	 *
	 * @param terms the rising words, most significant first
	 */
	public record RisingTerms(List<Term> terms) {

		public RisingTerms {
			terms = (terms != null) ? List.copyOf(terms) : List.of();
		}

		/**
		 * One rising word.
		 *
		 * @param term the word
		 * @param count mentions of the period that contain it
		 * @param before mentions of the earlier periods that contain it
		 * @param expected mentions its own history predicts for the period
		 */
		public record Term(String term, long count, long before, double expected) {
		}

	}

	/**
	 * The answer of {@code GET /api/analytics/waiting}.
	 *
	 * @param total mentions waiting, copies included
	 * @param mentions the widest-reaching of them, one per cluster
	 */
	public record Waiting(long total, List<Item> mentions) {

		public Waiting {
			mentions = (mentions != null) ? List.copyOf(mentions) : List.of();
		}

		/**
		 * One mention waiting for an answer.
		 *
		 * @param mention the mention
		 * @param question whether it asks something
		 * @param negative whether it was judged negative
		 * @param copies how many waiting mentions its cluster holds
		 */
		public record Item(Mention mention, boolean question, boolean negative, long copies) {
		}

	}

	/**
	 * The answer of {@code GET /api/handling/summary}.
	 *
	 * @param open mentions nobody has taken up yet
	 * @param longestWaitSeconds how long the oldest open mention has waited
	 * @param medianWaitSeconds the median wait of the open mentions
	 * @param answered mentions answered in the period
	 * @param dismissed mentions dismissed in the period
	 * @param escalated mentions escalated in the period
	 * @param answeredBy who answered, most first
	 */
	public record Handling(long open, long longestWaitSeconds, long medianWaitSeconds, long answered, long dismissed,
			long escalated, List<Actor> answeredBy) {

		public Handling {
			answeredBy = (answeredBy != null) ? List.copyOf(answeredBy) : List.of();
		}

		/**
		 * One person who answered.
		 *
		 * @param actor their name
		 * @param count how many they answered
		 */
		public record Actor(String actor, long count) {
		}

	}

	/**
	 * The daily volume part of {@code GET /api/analytics/summary}.
	 *
	 * @param total mentions in the range
	 * @param volumeByDay mentions per local day, empty days as 0
	 */
	public record DailyVolume(long total, List<Day> volumeByDay) {

		public DailyVolume {
			volumeByDay = (volumeByDay != null) ? List.copyOf(volumeByDay) : List.of();
		}

		/**
		 * The negative mentions of each day, when search-service counted them beside the
		 * volume.
		 * @return the negative volume, or empty when a day lacks its negative count
		 */
		public Optional<DailyVolume> negatives() {
			if (this.volumeByDay.isEmpty() || this.volumeByDay.stream().anyMatch((day) -> day.negative().isEmpty())) {
				return Optional.empty();
			}
			return Optional.of(new DailyVolume(this.volumeByDay.stream().mapToLong((day) -> day.negative().get()).sum(),
					this.volumeByDay.stream().map((day) -> new Day(day.date(), day.negative().get())).toList()));
		}

		/**
		 * Mentions of one local day.
		 *
		 * @param date the day
		 * @param count its mentions
		 * @param negative of those, the ones judged negative, when counted
		 */
		public record Day(LocalDate date, long count, Optional<Long> negative) {

			public Day {
				negative = (negative != null) ? negative : Optional.empty();
			}

			/**
			 * A day of which only the volume is known.
			 * @param date the day
			 * @param count its mentions
			 */
			public Day(LocalDate date, long count) {
				this(date, count, Optional.empty());
			}

		}

	}

	/**
	 * The answer of {@code GET /api/analytics/share-of-voice}: the organization's and
	 * each competitor's mentions and how they felt.
	 *
	 * @param organization the organization's voice
	 * @param competitors each competitor's voice
	 */
	public record ShareOfVoice(Voice organization, List<Voice> competitors) {

		public ShareOfVoice {
			organization = (organization != null) ? organization : new Voice(null, 0, null);
			competitors = (competitors != null) ? List.copyOf(competitors) : List.of();
		}

		/**
		 * One voice.
		 *
		 * @param id the competitor's id, none for the organization
		 * @param mentions its mentions
		 * @param sentiment how they felt
		 */
		public record Voice(String id, long mentions, Split sentiment) {

			public Voice {
				id = (id != null) ? id : "";
				mentions = Math.max(0, mentions);
				sentiment = (sentiment != null) ? sentiment : new Split(0, 0, 0, Optional.empty());
			}

		}

	}

	/**
	 * The part of {@code GET /api/analytics/summary} a board digest reads of each
	 * department: its mentions and how they felt.
	 *
	 * @param total its mentions
	 * @param sentiment how they felt
	 */
	public record Felt(long total, Split sentiment) {

		public Felt {
			sentiment = (sentiment != null) ? sentiment : new Split(0, 0, 0, Optional.empty());
		}

	}

	/**
	 * Mentions split by sentiment.
	 *
	 * @param positive judged positive
	 * @param negative judged negative
	 * @param neutral judged neutral
	 * @param averageScore their average score, if any was judged
	 */
	public record Split(long positive, long negative, long neutral, Optional<Double> averageScore) {

		public Split {
			averageScore = (averageScore != null) ? averageScore : Optional.empty();
		}

	}

}
