package io.grapevine.digest.composition.sections;

import java.net.URI;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.grapevine.digest.composition.AnalyticsSummary;
import io.grapevine.digest.composition.Digest;
import io.grapevine.digest.composition.DigestComposer;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.VolumeChange;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;

/**
 * Composes each section of a digest from what search-service and the alert archive
 * answered, one method per section.
 */
public final class SectionsComposer {

	/** Mention texts are cut here so a digest reads in two minutes. */
	static final int TEXT_LIMIT = 280;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.US);

	private static final DateTimeFormatter WEEKDAY_TIME = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.US);

	private SectionsComposer() {
	}

	/**
	 * Volume and sentiment of a period against the period before, from daily volumes that
	 * cover both.
	 * @param period the digest's period
	 * @param all every mention per day
	 * @param negative the negative mentions per day
	 * @return the section
	 */
	public static VolumeAndSentiment volume(Period period, SearchAnswers.DailyVolume all,
			SearchAnswers.DailyVolume negative) {
		Map<LocalDate, Long> negatives = new HashMap<>();
		negative.volumeByDay().forEach((day) -> negatives.put(day.date(), day.count()));
		Period previous = period.previous();
		long total = 0;
		long previousTotal = 0;
		long negativeTotal = 0;
		long previousNegative = 0;
		List<VolumeAndSentiment.Day> days = new ArrayList<>();
		for (SearchAnswers.DailyVolume.Day day : all.volumeByDay()) {
			long negativeCount = negatives.getOrDefault(day.date(), 0L);
			boolean inPeriod = within(day.date(), period);
			if (inPeriod) {
				total += day.count();
				negativeTotal += negativeCount;
			}
			else if (within(day.date(), previous)) {
				previousTotal += day.count();
				previousNegative += negativeCount;
			}
			days.add(new VolumeAndSentiment.Day(day.date(), day.count(), negativeCount, inPeriod));
		}
		int negativePercent = percent(negativeTotal, total);
		int previousNegativePercent = percent(previousNegative, previousTotal);
		StringBuilder words = new StringBuilder(Digest.mentions(total)).append(", ")
			.append(VolumeChange.describe(total, previousTotal, previous));
		if (total > 0) {
			words.append("; negative ").append(negativePercent).append('%');
			if (previousTotal > 0) {
				if (negativePercent == previousNegativePercent) {
					words.append(", as before");
				}
				else {
					words.append((negativePercent > previousNegativePercent) ? ", up from " : ", down from ")
						.append(previousNegativePercent)
						.append('%');
				}
			}
		}
		return new VolumeAndSentiment(total, previousTotal, negativePercent, previousNegativePercent, words.toString(),
				days);
	}

	/**
	 * The mentions that matter most: widest reach first, near-duplicates folded into one
	 * line with their number of copies.
	 * @param page the reach-sorted, folded mentions of the period
	 * @param period the digest's period, for times
	 * @param links the dashboard searches
	 * @param size how many at most
	 * @return the section's items
	 */
	public static List<Item> mattersMost(SearchAnswers.ReachedMentions page, Period period, SearchLinks links,
			int size) {
		return page.mentions()
			.stream()
			.limit(size)
			.map((found) -> mention(found.mention(), period, links, found.copies().orElse(1L), List.of()))
			.toList();
	}

	/**
	 * New voices: authors heard for the first time, widest reach first.
	 * @param voices the new voices of the period
	 * @param period the digest's period, for times
	 * @param links the dashboard searches
	 * @param size how many at most
	 * @return the section's items
	 */
	public static List<Item> newVoices(SearchAnswers.NewVoices voices, Period period, SearchLinks links, int size) {
		return voices.voices().stream().limit(size).map((voice) -> {
			List<String> extra = new ArrayList<>();
			if (voice.mentions() > 1) {
				extra.add(voice.mentions() + " mentions");
			}
			return mention(voice.mention(), period, links, 1, extra);
		}).toList();
	}

	/**
	 * Rising terms: what is said more than usual.
	 * @param terms the rising words of the period
	 * @param links the dashboard searches
	 * @param size how many at most
	 * @return the section's items
	 */
	public static List<Item> risingTerms(SearchAnswers.RisingTerms terms, SearchLinks links, int size) {
		return terms.terms()
			.stream()
			.limit(size)
			.map((term) -> new Item(term.term(), "", Digest.mentions(term.count()) + expected(term), Optional.empty(),
					links.search(term.term())))
			.toList();
	}

	// "41 mentions, about 6 expected", or "4 mentions, none before" for a new word.
	private static String expected(SearchAnswers.RisingTerms.Term term) {
		long expected = Math.round(term.expected());
		if (term.before() == 0) {
			return ", none before";
		}
		return (expected == 0) ? ", fewer than 1 expected" : ", about " + expected + " expected";
	}

	/**
	 * The spikes of the period: the alerts raised for the topics a department listens to
	 * (every topic for the whole organization), latest first.
	 * @param alerts the spikes the latest alerts of the archive raised
	 * @param organization the organization, for topic names
	 * @param department the department, or empty for the whole organization
	 * @param period the digest's period
	 * @param links the dashboard searches
	 * @return the section's items
	 */
	public static List<Item> spikes(List<Spike> alerts, Organization organization, Optional<Department> department,
			Period period, SearchLinks links) {
		ZoneId zone = period.zone();
		return alerts.stream()
			.filter((alert) -> !alert.at().isBefore(period.from()) && alert.at().isBefore(period.to()))
			.filter((alert) -> department.map((d) -> d.listensTo(alert.topicId())).orElse(true))
			.sorted((a, b) -> b.at().compareTo(a.at()))
			.map((alert) -> {
				String topic = organization.topic(alert.topicId()).map(Topic::name).orElse(alert.topicId());
				String when = time(period).format(alert.at().atZone(zone));
				return new Item(spikeTitle(alert, topic), alert.text().orElse(""), spikeDetail(alert, when),
						Optional.empty(), links.search("topic:" + alert.topicId()));
			})
			.toList();
	}

	/**
	 * What waits for an answer: questions and negative mentions nobody has answered,
	 * widest reach first.
	 * @param waiting the waiting mentions of the period
	 * @param period the digest's period, for times
	 * @param links the dashboard searches
	 * @param size how many at most
	 * @return the section's items
	 */
	public static List<Item> waiting(SearchAnswers.Waiting waiting, Period period, SearchLinks links, int size) {
		return waiting.mentions().stream().limit(size).map((item) -> {
			List<String> why = new ArrayList<>();
			if (item.question()) {
				why.add("asks");
			}
			if (item.negative()) {
				why.add("negative");
			}
			return mention(item.mention(), period, links, item.copies(), why);
		}).toList();
	}

	/**
	 * How the department's queue stands, in one line: "7 waiting, the oldest published 2
	 * d ago; 12 answered: ana 7, li 5". Waits count from publication, as search-service
	 * counts them.
	 * @param handling the handling summary of the period
	 * @return the line
	 */
	public static String handling(SearchAnswers.Handling handling) {
		return handling(handling, AnalyticsSummary.Said.NOTHING);
	}

	/**
	 * How the department's queue stands and what the organization said, in one line: "7
	 * waiting, the oldest published 2 d ago; 12 answered: ana 7, li 5; the organization
	 * posted 30 times, 18 of them replies".
	 * @param handling the handling summary of the period
	 * @param said what the organization's own accounts posted in the period
	 * @return the line
	 */
	public static String handling(SearchAnswers.Handling handling, AnalyticsSummary.Said said) {
		StringBuilder line = new StringBuilder();
		if (handling.open() > 0) {
			line.append(handling.open())
				.append(" waiting, the oldest published ")
				.append(duration(Duration.ofSeconds(handling.longestWaitSeconds())))
				.append(" ago");
		}
		else {
			line.append("none waiting");
		}
		line.append("; ").append((handling.answered() > 0) ? handling.answered() + " answered" : "none answered");
		if (!handling.answeredBy().isEmpty()) {
			line.append(": ")
				.append(handling.answeredBy()
					.stream()
					.map((actor) -> actor.actor() + " " + actor.count())
					.collect(Collectors.joining(", ")));
		}
		if (handling.escalated() > 0) {
			line.append("; escalated ").append(handling.escalated());
		}
		if (handling.dismissed() > 0) {
			line.append("; dismissed ").append(handling.dismissed());
		}
		if (said.posts() > 0) {
			line.append("; the organization posted ").append((said.posts() == 1) ? "once" : said.posts() + " times");
			if (said.replies() > 0) {
				line.append((said.posts() == 1) ? ", a reply"
						: ", " + said.replies() + ((said.replies() == 1) ? " of them a reply" : " of them replies"));
			}
		}
		return line.toString();
	}

	/**
	 * A wait in the largest unit that fits: "45 s", "12 min", "5 h", "2 d".
	 * @param wait the wait
	 * @return the wait in words
	 */
	static String duration(Duration wait) {
		if (wait.toDays() > 0) {
			return wait.toDays() + " d";
		}
		if (wait.toHours() > 0) {
			return wait.toHours() + " h";
		}
		if (wait.toMinutes() > 0) {
			return wait.toMinutes() + " min";
		}
		return Math.max(0, wait.getSeconds()) + " s";
	}

	private static Item mention(Mention mention, Period period, SearchLinks links, long copies, List<String> notes) {
		String name = mention.author().displayName().filter((n) -> !n.isBlank()).orElse(mention.author().handle());
		List<String> detail = new ArrayList<>(notes);
		detail.add("@" + mention.author().handle() + " on " + DigestComposer.sourceName(mention.source()) + " at "
				+ time(period).format(mention.publishedAt().atZone(period.zone())));
		mention.reach().ifPresent((reach) -> detail.add("reach " + number(Math.round(reach))));
		mention.author().followers().ifPresent((followers) -> detail.add(number(followers) + " followers"));
		if (copies > 1) {
			detail.add(copies + " copies");
		}
		return new Item(name, shorten(mention.text()), String.join(" · ", detail), Optional.of(mention.url()),
				links.around(mention.text()));
	}

	private static String spikeTitle(Spike alert, String topic) {
		return switch (alert.kind()) {
			case VOLUME -> "Volume spike · " + topic;
			case NEGATIVE -> "Negative spike · " + topic;
			case REACH -> "High-reach author · " + topic;
		};
	}

	private static String spikeDetail(Spike alert, String when) {
		return switch (alert.kind()) {
			case VOLUME -> Digest.mentions(alert.count()) + " in the hour where about " + Math.round(alert.expected())
					+ " were expected · " + when;
			case NEGATIVE -> "negative " + Math.round(alert.negativeShare() * 100) + "% against "
					+ Math.round(alert.baselineNegativeShare() * 100) + "% usually · " + when;
			case REACH -> alert.author().map((author) -> "@" + author + " · ").orElse("")
					+ alert.reach().map((reach) -> "reach " + number(Math.round(reach)) + " · ").orElse("") + when;
		};
	}

	private static DateTimeFormatter time(Period period) {
		return (period.rhythm() == Period.Rhythm.WEEKLY) ? WEEKDAY_TIME : TIME;
	}

	private static boolean within(LocalDate date, Period period) {
		return !date.isBefore(period.day()) && !date.isAfter(period.last());
	}

	private static int percent(long part, long whole) {
		return (whole > 0) ? (int) Math.round(part * 100.0 / whole) : 0;
	}

	private static String number(long value) {
		return NumberFormat.getIntegerInstance(Locale.US).format(value);
	}

	static String shorten(String text) {
		String stripped = text.strip();
		if (stripped.codePointCount(0, stripped.length()) <= TEXT_LIMIT) {
			return stripped;
		}
		String cut = stripped.substring(0, stripped.offsetByCodePoints(0, TEXT_LIMIT));
		int space = cut.lastIndexOf(' ');
		if (space > TEXT_LIMIT * 3 / 4) {
			cut = cut.substring(0, space);
		}
		return cut.stripTrailing() + "…";
	}

	/**
	 * The links of a digest's sections.
	 * @param dashboard the dashboard's URL
	 * @param department the department, or empty for the whole organization
	 * @param period the period
	 * @return the links
	 */
	public static SearchLinks links(URI dashboard, Optional<String> department, Period period) {
		return new SearchLinks(dashboard, department, period.from(), period.to());
	}

}
