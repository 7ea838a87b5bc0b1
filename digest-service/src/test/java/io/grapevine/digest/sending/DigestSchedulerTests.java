package io.grapevine.digest.sending;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import io.grapevine.digest.archive.ArchivedDigest;
import io.grapevine.digest.audience.Audience;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.DigestFigures;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class DigestSchedulerTests {

	private static final Clock NOON = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);

	private final DigestSender sender = mock(DigestSender.class);

	private final Map<String, Sinks.One<ArchivedDigest>> pending = new ConcurrentHashMap<>();

	private final List<String> started = new CopyOnWriteArrayList<>();

	@Test
	void aCheckComposesAndSendsAsManyDepartmentsDigestsAtOnceAsItsConcurrencyThenAllStaffs() {
		sendsWhenReleased();
		DigestScheduler scheduler = new DigestScheduler(organization(5, true), this.sender, Optional.empty(), NOON,
				Duration.ofMinutes(1), false, 3);
		List<String> sent = new CopyOnWriteArrayList<>();
		Disposable check = scheduler.sendDue().subscribe((digest) -> sent.add(digest.departmentId()));

		assertThat(this.started).containsExactly("department-0", "department-1", "department-2");
		release("department-2");
		assertThat(sent).containsExactly("department-2");
		assertThat(this.started).containsExactly("department-0", "department-1", "department-2", "department-3");
		release("department-0");
		assertThat(this.started).containsExactly("department-0", "department-1", "department-2", "department-3",
				"department-4");
		release("department-4");
		release("department-3");
		assertThat(this.started).doesNotContain(Organization.ALL_STAFF);
		release("department-1");
		// All staff's digest links to the departments', so it follows once they are all
		// sent.
		assertThat(this.started).last().isEqualTo(Organization.ALL_STAFF);
		release(Organization.ALL_STAFF);
		assertThat(sent).containsExactly("department-2", "department-0", "department-4", "department-3", "department-1",
				Organization.ALL_STAFF);
		check.dispose();
	}

	@Test
	void aConcurrencyOfOneSendsTheDepartmentsDigestsOneAfterTheOther() {
		sendsWhenReleased();
		DigestScheduler scheduler = new DigestScheduler(organization(3, false), this.sender, Optional.empty(), NOON,
				Duration.ofMinutes(1), false, 1);
		Disposable check = scheduler.sendDue().subscribe();

		assertThat(this.started).containsExactly("department-0");
		release("department-0");
		assertThat(this.started).containsExactly("department-0", "department-1");
		check.dispose();
	}

	@Test
	void aConcurrencyOutsideOneToSixtyFourIsRefused() {
		for (int concurrency : List.of(0, -1, 65)) {
			assertThatThrownBy(() -> new DigestScheduler(organization(1, false), this.sender, Optional.empty(), NOON,
					Duration.ofMinutes(1), false, concurrency))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("must be between 1 and 64")
				.hasMessageContaining("was " + concurrency);
		}
	}

	private void sendsWhenReleased() {
		when(this.sender.sendIfNotArchived(any(Audience.class), any(Period.class))).thenAnswer((call) -> {
			Audience audience = call.getArgument(0);
			return Mono.defer(() -> {
				Sinks.One<ArchivedDigest> sink = Sinks.one();
				this.pending.put(audience.id(), sink);
				this.started.add(audience.id());
				return sink.asMono();
			});
		});
	}

	private void release(String audience) {
		Sinks.One<ArchivedDigest> sink = this.pending.get(audience);
		assertThat(sink).as("the digest of %s was started", audience).isNotNull();
		sink.tryEmitValue(archived(audience)).orThrow();
	}

	private static ArchivedDigest archived(String audience) {
		return new ArchivedDigest(audience + "-2026-11-19", ArchivedDigest.DAILY, audience, audience,
				ArchivedDigest.ArchivedPeriod.of(Period.day(java.time.LocalDate.of(2026, 11, 19), ZoneOffset.UTC)),
				NOON.instant(), ArchivedDigest.Recipients.of(List.of()), "subject", "<p>html</p>", "text",
				new DigestFigures(0, 0, "", List.of(), List.of(), List.of()));
	}

	private static Organization organization(int departments, boolean allStaff) {
		List<Department> list = new ArrayList<>();
		IntStream.range(0, departments)
			.forEach((d) -> list.add(new Department("department-" + d, "Department " + d, ZoneOffset.UTC,
					LocalTime.of(7, 0), List.of(), Optional.empty(), Optional.empty(),
					List.of(new Topic("topic-" + d, "Topic " + d, "department-" + d, List.of("t" + d))))));
		Optional<Department> everyone = allStaff ? Optional.of(new Department(Organization.ALL_STAFF, "All staff",
				ZoneOffset.UTC, LocalTime.of(7, 0), List.of(), Optional.empty(), Optional.empty(), List.of()))
				: Optional.empty();
		return new Organization("Benchmark Transit", list, List.of(), List.of(), everyone);
	}

}
