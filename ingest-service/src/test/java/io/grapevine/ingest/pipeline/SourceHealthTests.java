package io.grapevine.ingest.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import io.grapevine.ingest.source.Cursor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

import static org.assertj.core.api.Assertions.assertThat;

class SourceHealthTests {

	private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

	private final SourceStatusBoard board = new SourceStatusBoard();

	private final SourceHealth health = new SourceHealth(this.board, Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void isDownOnlyWhenTheCredentialsWereRefusedNamingTheSetting() {
		this.board.register(SourceStatus.enabled("x:brand"));
		this.board.update("x:brand",
				(status) -> status.failed(
						"X refused the bearer token (HTTP 401); check sources[x:brand].settings.bearer-token", 0,
						Optional.of(NOW.plusSeconds(600)), true, Optional.empty(), NOW));

		Health health = health("x:brand");

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error",
				"X refused the bearer token (HTTP 401); check sources[x:brand].settings.bearer-token");
	}

	@Test
	void isUpWhilePausedOrFailingWithWhatHappenedAsDetails() {
		this.board.register(SourceStatus.enabled("reddit:city"));
		this.board.update("reddit:city", (status) -> status.failed("Reddit answered HTTP 500", 1,
				Optional.of(NOW.plusSeconds(60)), false, Optional.of(0L), NOW));

		Health health = health("reddit:city");

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("error", "Reddit answered HTTP 500")
			.containsEntry("pausedUntil", NOW.plusSeconds(60).toString())
			.containsEntry("rateLimitRemaining", 0L);
	}

	@Test
	void isDegradedWhileEveryItemReadGoesToTheDeadLetterTopicUntilAMentionGetsThrough() {
		this.board.register(SourceStatus.enabled("bluesky:harbor"));
		Cursor cursor = Cursor.start("bluesky:harbor", NOW.minusSeconds(90));
		this.board.update("bluesky:harbor",
				(status) -> status.published(cursor, 0, 25, Optional.empty(), Optional.empty(), NOW.minusSeconds(90)));
		this.board.update("bluesky:harbor",
				(status) -> status.published(cursor, 0, 0, Optional.empty(), Optional.empty(), NOW.minusSeconds(60)));

		Health degraded = health("bluesky:harbor");
		SourceStatus status = this.board.find("bluesky:harbor").orElseThrow();
		this.board.update("bluesky:harbor",
				(current) -> current.published(cursor, 2, 1, Optional.empty(), Optional.empty(), NOW));

		assertThat(degraded.getStatus()).isEqualTo(new Status("DEGRADED"));
		assertThat(degraded.getDetails()).containsEntry("error",
				"every one of the 25 items of the last page went to the dead-letter topic; read their reasons there");
		assertThat(status.healthy()).isFalse();
		assertThat(health("bluesky:harbor").getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void recoversOnceAPageSucceeds() {
		this.board.register(SourceStatus.enabled("x:brand"));
		this.board.update("x:brand", (status) -> status.failed("refused", 0, Optional.empty(), true, Optional.empty(),
				NOW.minusSeconds(60)));
		Cursor cursor = Cursor.start("x:brand", NOW.minusSeconds(30))
			.moveTo(Map.of("since_id", "9"), NOW.minusSeconds(30));
		this.board.update("x:brand",
				(status) -> status.published(cursor, 3, 0, Optional.empty(), Optional.of(440L), NOW.minusSeconds(30)));
		this.board.recordPublished("x:brand", 3, NOW.minusSeconds(30));

		Health health = health("x:brand");

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).doesNotContainKey("error")
			.containsEntry("cursorAgeSeconds", 30L)
			.containsEntry("mentionsLastHour", 3L)
			.containsEntry("rateLimitRemaining", 440L);
	}

	@Test
	void countsOnlyTheMentionsOfTheLastHour() {
		this.board.register(SourceStatus.enabled("x:brand"));
		this.board.recordPublished("x:brand", 5, NOW.minusSeconds(3601));
		this.board.recordPublished("x:brand", 2, NOW.minusSeconds(3599));

		assertThat(this.board.publishedInTheLastHour("x:brand", NOW)).isEqualTo(2);
	}

	@Test
	void listsEveryInstanceAndReportsDisabledOnesAsUp() {
		this.board.register(SourceStatus.enabled("x:brand"));
		this.board.register(SourceStatus.disabled("youtube:channel"));

		assertThat(this.health).extracting((contributor) -> contributor.getName())
			.containsExactly("x:brand", "youtube:channel");
		assertThat(health("youtube:channel").getStatus()).isEqualTo(Status.UP);
		assertThat(health("youtube:channel").getDetails()).containsEntry("enabled", false);
		assertThat(this.health.getContributor("nope")).isNull();
	}

	private Health health(String instanceId) {
		return ((HealthIndicator) this.health.getContributor(instanceId)).health();
	}

}
