package io.grapevine.digest.composition.sections;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.grapevine.digest.FullDigest;
import io.grapevine.digest.alerting.Alert;
import io.grapevine.digest.composition.AnalyticsSummary;
import io.grapevine.digest.audience.Period;
import io.grapevine.listening.mention.Mention;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SectionsComposerTests {

	private static final Period WEEK_47 = Period.isoWeek(LocalDate.of(2026, 11, 16), FullDigest.LONDON);

	private final SearchLinks links = SectionsComposer.links(FullDigest.DASHBOARD, Optional.of("operations"),
			FullDigest.THURSDAY);

	@Test
	void theVolumeSaysTheChangeAndTheNegativeShareAgainstTheWeekBefore() {
		// The week before: 298 mentions, 36 negative (12%); this week 412, 87 negative
		// (21%).
		List<SearchAnswers.DailyVolume.Day> all = new ArrayList<>();
		List<SearchAnswers.DailyVolume.Day> negative = new ArrayList<>();
		for (int i = 0; i < 28; i++) {
			LocalDate day = WEEK_47.day().minusDays(21).plusDays(i);
			boolean thisWeek = i >= 21;
			boolean weekBefore = i >= 14 && i < 21;
			long count = thisWeek ? ((i == 27) ? 412 - 6 * 58 : 58) : weekBefore ? ((i == 20) ? 298 - 6 * 42 : 42) : 5;
			long negatives = thisWeek ? ((i == 27) ? 87 - 6 * 12 : 12) : weekBefore ? ((i == 20) ? 0 : 6) : 1;
			all.add(new SearchAnswers.DailyVolume.Day(day, count));
			negative.add(new SearchAnswers.DailyVolume.Day(day, negatives));
		}

		VolumeAndSentiment volume = SectionsComposer.volume(WEEK_47, new SearchAnswers.DailyVolume(0, all),
				new SearchAnswers.DailyVolume(0, negative));

		assertThat(volume.words()).isEqualTo("412 mentions, up 38% from the week before; negative 21%, up from 12%");
		assertThat(volume.days()).hasSize(28);
		assertThat(volume.days().stream().filter(VolumeAndSentiment.Day::inPeriod))
			.extracting(VolumeAndSentiment.Day::date)
			.containsExactlyElementsOf(WEEK_47.day().datesUntil(WEEK_47.day().plusDays(7)).toList());
	}

	@Test
	void aQuietDaySaysSoWithoutASentimentShare() {
		VolumeAndSentiment volume = SectionsComposer.volume(FullDigest.THURSDAY,
				new SearchAnswers.DailyVolume(0,
						List.of(new SearchAnswers.DailyVolume.Day(FullDigest.THURSDAY.day().minusDays(1), 4),
								new SearchAnswers.DailyVolume.Day(FullDigest.THURSDAY.day(), 0))),
				new SearchAnswers.DailyVolume(0, List.of()));

		assertThat(volume.words()).isEqualTo("0 mentions, down 100% from Wednesday");
	}

	@Test
	void theMentionsThatMatterFoldCopiesAndLinkToTheMentionAndToTheSearchOfItsPhrase() {
		Mention mention = FullDigest.mention("7", "Bus 42 \"late\" again, & no sign at the stop", 12345.6);
		List<Item> items = SectionsComposer.mattersMost(
				new SearchAnswers.ReachedMentions(4,
						List.of(new SearchAnswers.ReachedMentions.Found(mention, Optional.of(4L)))),
				FullDigest.THURSDAY, this.links, 5);

		assertThat(items).singleElement().satisfies((item) -> {
			assertThat(item.title()).isEqualTo("Rider 7");
			assertThat(item.text()).isEqualTo("Bus 42 \"late\" again, & no sign at the stop");
			assertThat(item.detail()).isEqualTo("@rider_7 on X at 09:12 · reach 12,346 · 1,234 followers · 4 copies");
			assertThat(item.permalink()).contains(URI.create("https://x.com/rider_7/status/7"));
			assertThat(item.search()).hasToString("http://127.0.0.1:8080/?q=%22Bus%2042%20late%20again%20no%20sign%22"
					+ "&department=operations&from=2026-11-19T00%3A00%3A00Z&to=2026-11-20T00%3A00%3A00Z");
		});
	}

	@Test
	void spikesAreTheAlertsOfThePeriodForTheTopicsTheDepartmentListensTo() {
		Alert inPeriod = alert("a1", "delays", "2026-11-19T08:00:00Z");
		Alert dayBefore = alert("a2", "delays", "2026-11-18T23:59:00Z");
		Alert otherTopic = alert("a3", "fares", "2026-11-19T09:00:00Z");
		Alert later = alert("a4", "safety", "2026-11-19T20:00:00Z");

		List<Item> spikes = SectionsComposer.spikes(
				Stream.of(inPeriod, dayBefore, otherTopic, later).map(Alert::spike).toList(), FullDigest.organization(),
				FullDigest.organization().department("operations"), FullDigest.THURSDAY, this.links);

		assertThat(spikes).extracting(Item::title)
			.containsExactly("Volume spike · Safety", "Volume spike · Delays and disruption");
		assertThat(spikes.get(1).detail()).isEqualTo("48 mentions in the hour where about 12 were expected · 08:00");
		assertThat(spikes.get(1).search().toString()).contains("q=topic%3Adelays");
		assertThat(SectionsComposer.spikes(List.of(otherTopic.spike()), FullDigest.organization(), Optional.empty(),
				FullDigest.THURSDAY, this.links))
			.hasSize(1);
	}

	@Test
	void theHandlingLineSaysWhatIsOpenHowLongTheLongestWaitsAndWhoAnswered() {
		SearchAnswers.Handling handling = new SearchAnswers.Handling(7, 2 * 86400 + 3600, 3600, 12, 0, 1,
				List.of(new SearchAnswers.Handling.Actor("ana", 7), new SearchAnswers.Handling.Actor("li", 5)));

		assertThat(SectionsComposer.handling(handling))
			.isEqualTo("7 waiting, the oldest published 2 d ago; 12 answered: ana 7, li 5; escalated 1");
		assertThat(SectionsComposer.handling(new SearchAnswers.Handling(0, 0, 0, 0, 0, 0, List.of())))
			.isEqualTo("none waiting; none answered");
		assertThat(SectionsComposer.handling(handling, new AnalyticsSummary.Said(30, 18))).isEqualTo(
				"7 waiting, the oldest published 2 d ago; 12 answered: ana 7, li 5; escalated 1; the organization posted 30 times, 18 of them replies");
		assertThat(SectionsComposer.handling(new SearchAnswers.Handling(0, 0, 0, 0, 0, 0, List.of()),
				new AnalyticsSummary.Said(1, 1)))
			.isEqualTo("none waiting; none answered; the organization posted once, a reply");
		assertThat(SectionsComposer.duration(Duration.ofMinutes(95))).isEqualTo("1 h");
		assertThat(SectionsComposer.duration(Duration.ofSeconds(42))).isEqualTo("42 s");
	}

	@Test
	void waitingMentionsSayWhyTheyWait() {
		Mention mention = FullDigest.mention("8", "Is the 42 running tonight?", 50);
		List<Item> items = SectionsComposer.waiting(
				new SearchAnswers.Waiting(3, List.of(new SearchAnswers.Waiting.Item(mention, true, false, 3))),
				FullDigest.THURSDAY, this.links, 5);

		assertThat(items).singleElement()
			.satisfies((item) -> assertThat(item.detail()).startsWith("asks · @rider_8").endsWith("3 copies"));
	}

	@Test
	void risingTermsSayHowOftenTheyWereSaidAndLinkToTheirSearch() {
		List<Item> items = SectionsComposer
			.risingTerms(new SearchAnswers.RisingTerms(List.of(new SearchAnswers.RisingTerms.Term("flooding", 14, 0, 0),
					new SearchAnswers.RisingTerms.Term("detour", 41, 24, 6.0),
					new SearchAnswers.RisingTerms.Term("escalator", 5, 1, 0.25))), this.links, 8);

		assertThat(items).extracting(Item::title).containsExactly("flooding", "detour", "escalator");
		assertThat(items).extracting(Item::detail)
			.containsExactly("14 mentions, none before", "41 mentions, about 6 expected",
					"5 mentions, fewer than 1 expected");
		assertThat(items.get(0).search().toString()).startsWith("http://127.0.0.1:8080/?q=flooding&department=");
	}

	private static Alert alert(String id, String topic, String at) {
		return new Alert(id, Alert.Kind.VOLUME, Alert.State.OPENED, 1, topic, 48, 5, 12.0, 0.1, Optional.empty(),
				Optional.empty(), Optional.empty(), Optional.empty(), Instant.parse(at));
	}

}
