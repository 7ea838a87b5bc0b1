package io.grapevine.search.handling;

import java.net.URI;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HandlingTests {

	private static final Instant PUBLISHED = Instant.parse("2026-11-20T08:00:00Z");

	private static final Instant INGESTED = Instant.parse("2026-11-20T09:30:00Z");

	private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

	private final Organization organization = new Organization("Harbor City Transit",
			List.of(department("operations", "delays", "safety"), department("communications", "fares"),
					department("people", "jobs")));

	@Test
	void aMentionNobodyHasActedOnIsOpenWithTheOwnersOfItsTopicsInOrderAndWaitsSinceItWasPublished() {
		Handling handling = Handling.initial(mention("fares", "delays", "safety", "retired-topic"), this.organization);
		assertThat(handling.state()).isEqualTo(HandlingState.OPEN);
		assertThat(handling.departments()).containsExactly("communications", "operations");
		assertThat(handling.since()).as("published, not fetched an hour and a half later").isEqualTo(PUBLISHED);
		assertThat(handling.readAt(NOW).waitingSeconds()).contains(7200L);
		assertThat(Handling.initial(mention(), this.organization).departments()).isEmpty();
	}

	@Test
	void assigningToADepartmentHandsItOverWithoutTheFormerPersonButKeepsTheWait() {
		Handling assigned = open().apply(request("assign", null, "amy", null, null), "amy", NOW, this.organization);
		assertThat(assigned.assignee()).contains("amy");
		Handling moved = assigned.apply(request("assign", "people", null, null, null), "bob", NOW, this.organization);
		assertThat(moved.state()).isEqualTo(HandlingState.ASSIGNED);
		assertThat(moved.departments()).containsExactly("people");
		assertThat(moved.assignee()).isEmpty();
		assertThat(moved.since()).isEqualTo(PUBLISHED);
		assertThat(moved.updatedAt()).contains(NOW);
	}

	@Test
	void answeringRecordsWhoAnsweredWhenAndWhereAndStopsTheWait() {
		Handling answered = open().apply(request("answer", null, null, "https://x.com/hct/status/1", null), "amy", NOW,
				this.organization);
		assertThat(answered.state()).isEqualTo(HandlingState.ANSWERED);
		assertThat(answered.answeredBy()).contains("amy");
		assertThat(answered.answeredAt()).contains(NOW);
		assertThat(answered.answerUrl()).contains(URI.create("https://x.com/hct/status/1"));
		assertThat(answered.readAt(NOW.plusSeconds(60)).waitingSeconds()).isEmpty();
	}

	@Test
	void aClosedMentionTakesNoActionButReopeningAndReopeningForgetsTheAnswer() {
		Handling answered = open().apply(request("answer", null, null, "https://x.com/1", null), "amy", NOW,
				this.organization);
		for (String action : List.of("assign", "answer", "escalate", "dismiss")) {
			ActionRequest request = request(action, "people", "amy", "https://x.com/2", "why");
			assertThatExceptionOfType(HandlingConflictException.class)
				.isThrownBy(() -> answered.apply(request, "bob", NOW, this.organization))
				.withMessageContaining("answered; reopen it")
				.satisfies((ex) -> assertThat(ex.concurrent()).isFalse());
		}
		Handling reopened = answered.apply(request("reopen", null, null, null, null), "bob", NOW.plusSeconds(5),
				this.organization);
		assertThat(reopened.state()).isEqualTo(HandlingState.REOPENED);
		assertThat(reopened.answeredBy()).isEmpty();
		assertThat(reopened.answerUrl()).isEmpty();
		assertThat(reopened.since()).isEqualTo(NOW.plusSeconds(5));
		assertThatExceptionOfType(HandlingConflictException.class)
			.isThrownBy(() -> reopened.apply(request("reopen", null, null, null, null), "bob", NOW, this.organization))
			.withMessageContaining("waits already");
	}

	@Test
	void escalatingNeedsAnotherKnownDepartmentAndAReason() {
		assertInvalid(
				() -> open().apply(request("escalate", "marketing", null, null, "why"), "amy", NOW, this.organization),
				"department", "no department 'marketing'");
		assertInvalid(() -> open().apply(request("escalate", "communications", null, null, "why"), "amy", NOW,
				this.organization), "department", "already with 'communications'");
		assertInvalid(() -> request("escalate", "people", null, null, null), "reason", "needs a 'reason'");
		Handling escalated = open().apply(request("escalate", "people", null, null, "a job question"), "amy", NOW,
				this.organization);
		assertThat(escalated.state()).isEqualTo(HandlingState.ESCALATED);
		assertThat(escalated.departments()).containsExactly("people");
		assertThat(escalated.state().waiting()).isTrue();
	}

	@Test
	void eachActionNeedsWhatItNamesAndNothingUnknown() {
		assertInvalid(() -> request(null, null, null, null, null), "action", "was missing");
		assertInvalid(() -> request("archive", null, null, null, null), "action", "'archive'");
		assertInvalid(() -> request("assign", " ", "", null, null), "department", "'assign' needs");
		assertInvalid(() -> request("answer", null, null, null, null), "answerUrl", "needs 'answerUrl'");
		assertInvalid(() -> request("answer", null, null, "javascript:alert(1)", null), "answerUrl", "http or https");
		assertInvalid(() -> request("answer", null, null, "https:///nohost", null), "answerUrl", "http or https");
		assertInvalid(() -> request("dismiss", null, null, null, " "), "reason", "needs a 'reason'");
		assertInvalid(() -> request("dismiss", null, null, null, "x".repeat(2001)), "reason", "at most 2000");
		assertThat(request("ANSWER", null, null, " https://x.com/1 ", null).answerUrl())
			.contains(URI.create("https://x.com/1"));
	}

	private Handling open() {
		return Handling.initial(mention("fares"), this.organization);
	}

	private static ActionRequest request(String action, String department, String assignee, String answerUrl,
			String reason) {
		return ActionRequest.parse(action, department, assignee, answerUrl, reason);
	}

	private static void assertInvalid(Runnable action, String field, String message) {
		assertThatExceptionOfType(InvalidActionException.class).isThrownBy(action::run)
			.withMessageContaining(message)
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo(field));
	}

	private static Mention mention(String... topics) {
		return new Mention(Mention.SCHEMA_VERSION, null, "x", "1", URI.create("https://x.com/a/status/1"), "text",
				Author.of("amy"), PUBLISHED, INGESTED, Optional.of("en"), Engagement.NONE, Optional.empty(),
				Optional.empty(), List.of(topics), List.of(), Optional.empty(), Optional.empty(), Optional.empty());
	}

	private static Department department(String id, String... topics) {
		return new Department(id, id, ZoneId.of("UTC"), LocalTime.of(8, 0), List.of(), Optional.empty(),
				Optional.empty(),
				List.of(topics).stream().map((topic) -> new Topic(topic, topic, id, List.of(topic))).toList());
	}

}
