package io.grapevine.digest;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import io.grapevine.digest.alerting.Alert;
import io.grapevine.digest.audience.Audience;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.Digest;
import io.grapevine.digest.composition.DigestFigures;
import io.grapevine.digest.composition.Share;
import io.grapevine.digest.composition.TopMention;
import io.grapevine.digest.composition.sections.DigestSections;
import io.grapevine.digest.composition.sections.SearchAnswers;
import io.grapevine.digest.composition.sections.SearchLinks;
import io.grapevine.digest.composition.sections.SectionsComposer;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;

/**
 * A realistic full digest for rendering tests: every section filled to its limit with
 * long mention texts, each of which may carry hostile text.
 */
public final class FullDigest {

	public static final ZoneId LONDON = ZoneId.of("Europe/London");

	public static final Period THURSDAY = Period.day(LocalDate.of(2026, 11, 19), LONDON);

	public static final URI DASHBOARD = URI.create("http://127.0.0.1:8080/");

	private FullDigest() {
	}

	/** The operations department as an audience. */
	public static Audience operations() {
		return Audience.of(organization().department("operations").orElseThrow());
	}

	/** All staff of the organization as an audience. */
	public static Audience allStaff() {
		return Audience.of(new Department(Organization.ALL_STAFF, "All staff", LONDON, java.time.LocalTime.of(9, 0),
				List.of("everyone@example.org"), Optional.empty(), Optional.empty(), List.of()));
	}

	public static Organization organization() {
		Department operations = new Department("operations", "Operations", LONDON, java.time.LocalTime.of(7, 30),
				List.of("ops@example.org"), Optional.empty(), Optional.empty(),
				List.of(new Topic("delays", "Delays and disruption", "operations", List.of("delay")),
						new Topic("safety", "Safety", "operations", List.of("unsafe"))));
		return new Organization("Harbor City Transit", List.of(operations));
	}

	/** The full digest, with {@code hostile} at the start of every mention text. */
	public static Digest digest(String hostile) {
		String filler = " The number 42 bus was late again and the display said nothing at all for twenty minutes.";
		List<Mention> mentions = IntStream.rangeClosed(1, 5)
			.mapToObj((i) -> mention("m" + i, hostile + filler.repeat(8), 20000.0 / i))
			.toList();
		SearchLinks links = SectionsComposer.links(DASHBOARD, Optional.of("operations"), THURSDAY);
		List<SearchAnswers.DailyVolume.Day> all = new ArrayList<>();
		List<SearchAnswers.DailyVolume.Day> negative = new ArrayList<>();
		for (int i = 13; i >= 0; i--) {
			LocalDate day = THURSDAY.day().minusDays(i);
			all.add(new SearchAnswers.DailyVolume.Day(day, (i == 1) ? 100 : (i == 0) ? 138 : 80 + i));
			negative.add(new SearchAnswers.DailyVolume.Day(day, (i == 1) ? 12 : (i == 0) ? 29 : 10));
		}
		SearchAnswers.RisingTerms rising = new SearchAnswers.RisingTerms(IntStream.rangeClosed(1, 8)
			.mapToObj((i) -> new SearchAnswers.RisingTerms.Term(hostile + "term" + i, 20 - i, i - 1, (i - 1) / 4.0))
			.toList());
		List<Alert> alerts = List.of(
				new Alert("a1", Alert.Kind.VOLUME, Alert.State.OPENED, 1, "delays", 48, 10, 12.0, 0.1, Optional.empty(),
						Optional.empty(), Optional.empty(), Optional.empty(), Instant.parse("2026-11-19T08:00:00Z")),
				new Alert("a2", Alert.Kind.NEGATIVE, Alert.State.UPDATED, 2, "safety", 30, 14, 10.0, 0.1,
						Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
						Instant.parse("2026-11-19T12:00:00Z")),
				new Alert("a3", Alert.Kind.REACH, Alert.State.OPENED, 1, "delays", 1, 1, 0, 0, Optional.of("x:m1"),
						Optional.of("famous"), Optional.of(250000.0), Optional.of(hostile + filler.repeat(3)),
						Instant.parse("2026-11-19T15:00:00Z")));
		SearchAnswers.Waiting waiting = new SearchAnswers.Waiting(9,
				mentions.stream().map((m) -> new SearchAnswers.Waiting.Item(m, true, true, 1)).toList());
		DigestSections sections = new DigestSections(
				Optional.of(SectionsComposer.volume(THURSDAY, new SearchAnswers.DailyVolume(0, all),
						new SearchAnswers.DailyVolume(0, negative))),
				SectionsComposer.mattersMost(new SearchAnswers.ReachedMentions(12,
						mentions.stream()
							.map((m) -> new SearchAnswers.ReachedMentions.Found(m, Optional.of(3L)))
							.toList()),
						THURSDAY, links, 5),
				SectionsComposer.newVoices(new SearchAnswers.NewVoices(mentions.stream()
					.map((m) -> new SearchAnswers.NewVoices.Voice(m.author().handle(), m.source(),
							m.author().displayName(), m.author().followers(), m.reach(), 1, m))
					.toList()), THURSDAY, links, 5),
				SectionsComposer.risingTerms(rising, links, 8),
				SectionsComposer.spikes(alerts.stream().map(Alert::spike).toList(), organization(),
						organization().department("operations"), THURSDAY, links),
				SectionsComposer.waiting(waiting, THURSDAY, links, 5), 9,
				Optional.of(SectionsComposer.handling(new SearchAnswers.Handling(7, 2 * 86400, 3600, 12, 0, 0, List
					.of(new SearchAnswers.Handling.Actor("ana", 7), new SearchAnswers.Handling.Actor("li", 5))))));
		List<TopMention> top = mentions.stream().map(TopMention::of).toList();
		return new Digest("Harbor City Transit", operations(), THURSDAY,
				new DigestFigures(138, 100, "up 38% from Wednesday",
						List.of(new Share("x", "X", 100, 72), new Share("reddit", "Reddit", 38, 28)),
						List.of(new Share("delays", "Delays and disruption", 90, 65)), top),
				sections);
	}

	public static Mention mention(String id, String text, double reach) {
		Mention mention = Mention.builder("x", id)
			.url(URI.create("https://x.com/rider_" + id + "/status/" + id))
			.text(text)
			.author(Author.of("rider_" + id, "Rider " + id, 1234))
			.publishedAt(Instant.parse("2026-11-19T09:12:00Z"))
			.language("en")
			.engagement(new Engagement(12, 3, 4))
			.build()
			.withTags(List.of("delays"), List.of("operations"));
		return mention.withEnrichment(mention.language(), Optional.empty(), Optional.empty(), Optional.of(reach));
	}

	public static Map<String, Long> answeredBy() {
		return Map.of("ana", 7L, "li", 5L);
	}

}
