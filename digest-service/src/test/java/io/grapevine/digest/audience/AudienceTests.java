package io.grapevine.digest.audience;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.grapevine.digest.composition.SavedSearchSubscription;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AudienceTests {

	private static final ZoneId LONDON = ZoneId.of("Europe/London");

	@Test
	void theOrganizationFilesReservedIdsAreAllStaffAndTheBoardEveryOtherIdADepartment() {
		assertThat(Audience.of(department("operations", "Operations"))).isInstanceOf(Audience.OfDepartment.class);
		assertThat(Audience.of(department(Organization.ALL_STAFF, "All staff"))).isInstanceOf(Audience.AllStaff.class);
		assertThat(Audience.of(department(Organization.BOARD, "Board"))).isInstanceOf(Audience.Board.class);
	}

	@Test
	void onlyADepartmentsDigestIsNarrowedToItsDepartment() {
		Audience operations = Audience.of(department("operations", "Operations"));

		assertThat(operations.department()).contains("operations");
		assertThat(operations.id()).isEqualTo("operations");
		assertThat(operations.name()).isEqualTo("Operations");
		assertThat(operations.members()).containsExactly("operations@example.org");
		assertThat(operations.zone()).isEqualTo(LONDON);
		assertThat(Audience.of(department(Organization.ALL_STAFF, "All staff")).department()).isEmpty();
		assertThat(Audience.of(department(Organization.BOARD, "Board")).department()).isEmpty();
	}

	@Test
	void aSubscriberOfASavedSearchIsKnownToTheLedgerByTheSearchAndTheirName() {
		SavedSearchSubscription subscription = new SavedSearchSubscription("s1", "ana", "ana@example.org", LONDON,
				null);
		Audience.Subscriber subscriber = subscription.audience();

		assertThat(subscriber.id()).isEqualTo("saved-search:s1:ana");
		assertThat(subscriber.members()).containsExactly("ana@example.org");
		assertThat(subscription.deliveryId(Period.day(java.time.LocalDate.of(2026, 11, 19), LONDON)))
			.isEqualTo("saved-search:s1:ana:2026-11-19");
	}

	private static Department department(String id, String name) {
		return new Department(id, name, LONDON, LocalTime.of(8, 0), List.of(id + "@example.org"), Optional.empty(),
				Optional.empty(), List.of());
	}

}
