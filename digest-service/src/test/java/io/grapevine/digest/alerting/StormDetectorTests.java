package io.grapevine.digest.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.AccountOwner;
import io.grapevine.listening.organization.Accounts;
import io.grapevine.listening.query.Sentiment;

import static org.assertj.core.api.Assertions.assertThat;

class StormDetectorTests {

	private static final Instant NOON = Instant.parse("2026-11-20T12:00:00Z");

	private final FakeClock clock = new FakeClock(NOON);

	private final Baseline baseline = new Baseline(14);

	private final AlertMutes mutes = new AlertMutes(java.util.Set.of());

	private final StormDetector detector = new StormDetector(this.clock,
			new AlertThresholds(Duration.ofHours(1), 10, 3.0, 0.3, 50_000, Duration.ofMinutes(10)), this.baseline,
			this.mutes);

	private int next;

	@Test
	void twoMentionsAgainstNoneAreNoStorm() {
		assertThat(burst("delays", 2, Sentiment.NEUTRAL)).isEmpty();
	}

	@Test
	void aBurstAboveTheMinimumWithNoBaselineOpensOneAlert() {
		List<Alert> alerts = burst("delays", 15, Sentiment.NEUTRAL);

		assertThat(alerts).singleElement().satisfies((alert) -> {
			assertThat(alert.kind()).isEqualTo(Alert.Kind.VOLUME);
			assertThat(alert.state()).isEqualTo(Alert.State.OPENED);
			assertThat(alert.count()).isEqualTo(10);
			assertThat(alert.id()).isEqualTo("delays-20261120T1200");
		});
	}

	@Test
	void aTopicBusyAtThisHourEveryDayNeedsThreeTimesItsUsualCount() {
		for (int day = 1; day <= 14; day++) {
			this.baseline.put("delays", Instant.parse("2026-11-20T11:00:00Z").minus(Duration.ofDays(day)), 20, 2);
		}

		assertThat(burst("delays", 59, Sentiment.NEUTRAL)).isEmpty();
		assertThat(burst("delays", 1, Sentiment.NEUTRAL)).singleElement()
			.satisfies((alert) -> assertThat(alert.count()).isEqualTo(60));
	}

	@Test
	void theUsualVolumeTurningNegativeRaisesANegativeAlert() {
		for (int day = 1; day <= 14; day++) {
			this.baseline.put("delays", Instant.parse("2026-11-20T11:00:00Z").minus(Duration.ofDays(day)), 20, 2);
		}

		List<Alert> alerts = burst("delays", 20, Sentiment.NEGATIVE);

		assertThat(alerts).singleElement().satisfies((alert) -> {
			assertThat(alert.kind()).isEqualTo(Alert.Kind.NEGATIVE);
			assertThat(alert.negativeShare()).isEqualTo(1.0);
			assertThat(alert.baselineNegativeShare()).isEqualTo(0.1);
		});
	}

	@Test
	void furtherMentionsUpdateTheStormAtMostEveryTenMinutes() {
		burst("delays", 10, Sentiment.NEGATIVE);
		assertThat(burst("delays", 5, Sentiment.NEGATIVE)).isEmpty();

		this.clock.advance(Duration.ofMinutes(10));
		List<Alert> update = burst("delays", 5, Sentiment.NEGATIVE);

		assertThat(update).singleElement().satisfies((alert) -> {
			assertThat(alert.id()).isEqualTo("delays-20261120T1200");
			assertThat(alert.state()).isEqualTo(Alert.State.UPDATED);
			assertThat(alert.revision()).isEqualTo(1);
			assertThat(alert.count()).isEqualTo(16);
		});
		assertThat(burst("delays", 5, Sentiment.NEGATIVE)).isEmpty();
	}

	@Test
	void aStormIsOverOnceTheWindowCalmsDownAndTheNextBurstIsANewAlert() {
		burst("delays", 10, Sentiment.NEGATIVE);
		this.clock.advance(Duration.ofMinutes(30));
		assertThat(this.detector.tick()).isEmpty();

		this.clock.advance(Duration.ofMinutes(31));
		List<Alert> over = this.detector.tick();

		assertThat(over).singleElement().satisfies((alert) -> {
			assertThat(alert.id()).isEqualTo("delays-20261120T1200");
			assertThat(alert.state()).isEqualTo(Alert.State.OVER);
			assertThat(alert.count()).isZero();
		});
		assertThat(this.detector.openStorms()).isEmpty();
		assertThat(burst("delays", 12, Sentiment.NEGATIVE)).singleElement()
			.satisfies((alert) -> assertThat(alert.id()).isEqualTo("delays-20261120T1301"));
	}

	@Test
	void mentionsHeldBackByTheUpdateIntervalAreReportedByTheNextTick() {
		burst("delays", 12, Sentiment.NEGATIVE);
		this.clock.advance(Duration.ofMinutes(10));

		assertThat(this.detector.tick()).singleElement().satisfies((alert) -> {
			assertThat(alert.state()).isEqualTo(Alert.State.UPDATED);
			assertThat(alert.count()).isEqualTo(12);
		});
		assertThat(this.detector.tick()).isEmpty();
	}

	@Test
	void aReplayedMentionIsCountedOnce() {
		Mention mention = AlertMentions.mention("1", "delays", Sentiment.NEGATIVE, NOON.minusSeconds(5), 10);
		List<Alert> alerts = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			alerts.addAll(this.detector.accept(mention));
		}

		assertThat(alerts).isEmpty();
	}

	@Test
	void aMutedTopicRaisesNothingUntilItsMuteEnds() {
		this.mutes.mute("delays", NOON.plus(Duration.ofMinutes(30)));

		assertThat(burst("delays", 30, Sentiment.NEGATIVE)).isEmpty();
		assertThat(burst("other", 30, Sentiment.NEGATIVE)).hasSize(1);

		this.clock.advance(Duration.ofMinutes(31));
		assertThat(burst("delays", 1, Sentiment.NEGATIVE)).singleElement()
			.satisfies((alert) -> assertThat(alert.topicId()).isEqualTo("delays"));
	}

	@Test
	void anAuthorOfHighReachRaisesOneAlertPerMention() {
		Mention famous = AlertMentions.mention("99", "delays", Sentiment.NEUTRAL, NOON.minusSeconds(3), 2_000_000);

		assertThat(this.detector.accept(famous)).singleElement().satisfies((alert) -> {
			assertThat(alert.kind()).isEqualTo(Alert.Kind.REACH);
			assertThat(alert.mentionId()).contains(famous.id());
			assertThat(alert.reach()).contains(2_000_000.0);
		});
		assertThat(this.detector.accept(famous)).isEmpty();
		assertThat(this.detector.accept(AlertMentions.mention("98", "delays", Sentiment.NEUTRAL, NOON, 49_999)))
			.isEmpty();
	}

	@Test
	void theOrganizationsOwnPostsRaiseNoReachAlertAndNoSpike() {
		Mention announcement = AlertMentions.mention("96", "delays", Sentiment.NEUTRAL, NOON.minusSeconds(3), 2_000_000)
			.withOwner(true, Optional.empty(), Optional.empty());
		assertThat(this.detector.accept(announcement)).as("marked owned by ingest").isEmpty();

		StormDetector declared = new StormDetector(this.clock,
				new AlertThresholds(Duration.ofHours(1), 10, 3.0, 0.3, 50_000, Duration.ofMinutes(10)), this.baseline,
				this.mutes, (topic) -> true,
				Accounts.of(List.of(Accounts.declare("x", "rider_95", new AccountOwner.Own(Optional.empty())))));
		assertThat(declared
			.accept(AlertMentions.mention("95", "delays", Sentiment.NEUTRAL, NOON.minusSeconds(3), 2_000_000)))
			.as("by an account the organization file declares, from a writer that did not mark it")
			.isEmpty();
		List<Alert> updates = new ArrayList<>();
		for (int i = 0; i < 15; i++) {
			updates.addAll(this.detector.accept(AlertMentions.mention("own" + i, "delays", Sentiment.NEUTRAL, NOON, 10)
				.withOwner(true, Optional.empty(), Optional.empty())));
		}
		assertThat(updates).as("fifteen service updates in an hour are no spike").isEmpty();
	}

	@Test
	void anOldMentionOfHighReachReadAgainRaisesNothing() {
		Mention old = AlertMentions.mention("97", "delays", Sentiment.NEUTRAL, NOON.minus(Duration.ofDays(2)),
				2_000_000);

		assertThat(this.detector.accept(old)).isEmpty();
	}

	private List<Alert> burst(String topic, int count, Sentiment sentiment) {
		List<Alert> alerts = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			alerts.addAll(this.detector
				.accept(AlertMentions.mention(topic + (this.next++), topic, sentiment, this.clock.instant(), 10)));
		}
		return alerts;
	}

	static final class FakeClock extends Clock {

		private Instant now;

		FakeClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
