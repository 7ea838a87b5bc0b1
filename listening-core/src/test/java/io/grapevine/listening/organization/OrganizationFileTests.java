package io.grapevine.listening.organization;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OrganizationFileTests {

	@Test
	void theDemoOrganizationShippedWithThePlatformIsValid() {
		Organization organization = OrganizationFile.read(Path.of("../config/organization.yml"));
		assertThat(organization.name()).isEqualTo("Harbor City Transit");
		assertThat(organization.departments()).extracting(Department::id)
			.contains("communications", "operations", "customer-service", "people");
		assertThat(organization.topic("delays")).get().extracting(Topic::department).isEqualTo("operations");
	}

	@Test
	void departmentsGetIdsFromTheirNamesAndDefaultsForZoneAndDigestTime() {
		Organization organization = read("""
				name: Example
				departments:
				  - name: Customer Care
				    members: [care@example.org]
				    slackWebhook: https://hooks.slack.example/services/T0/B0/x
				    topics:
				      - name: Late Buses
				        keywords: [late]
				""");
		Department care = organization.department("customer-care").orElseThrow();
		assertThat(care.timeZone()).isEqualTo(ZoneId.of("UTC"));
		assertThat(care.digestTime()).isEqualTo(LocalTime.of(8, 0));
		assertThat(care.slackWebhook()).isPresent();
		assertThat(care.teamsWebhook()).isEmpty();
		assertThat(care.topics()).extracting(Topic::id).containsExactly("late-buses");
	}

	@Test
	void anUnknownTimeZoneNamesTheDepartmentAndSuggestsAValidOne() {
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				departments:
				  - name: Finance
				    timeZone: Europe/Lundon
				    topics: [{name: Budget, keywords: [budget]}]
				"""))
			.withMessageContaining("departments[0] (Finance)")
			.withMessageContaining("Europe/Lundon")
			.withMessageContaining("Europe/London");
	}

	@Test
	void twoTopicsWithTheSameIdAreRejected() {
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				departments:
				  - name: A
				    topics: [{name: Fares, keywords: [fare]}]
				  - name: B
				    topics: [{name: Fares, keywords: [ticket]}]
				""")).withMessageContaining("departments[1] (B).topics[0] (Fares)").withMessageContaining("'fares'");
	}

	@Test
	void aTopicWithoutKeywordsIsRejected() {
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				departments:
				  - name: A
				    topics: [{name: Fares}]
				""")).withMessageContaining("keywords");
	}

	@Test
	void aMemberThatIsNotAnEmailAddressIsRejected() {
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				departments:
				  - name: A
				    members: [alice]
				""")).withMessageContaining("'alice' is not an email address");
	}

	@Test
	void aMisspelledFieldIsReportedWithWhereItIsAndTheKnownFields() {
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				departments:
				  - name: A
				    timezone: Europe/London
				"""))
			.withMessageContaining("unknown field 'timezone' in departments[0]")
			.withMessageContaining("timeZone");
	}

	@Test
	void aMissingFileSaysWhichSettingPointsAtIt() {
		assertThatExceptionOfType(InvalidOrganizationException.class)
			.isThrownBy(() -> OrganizationFile.read(Path.of("does-not-exist.yml")))
			.withMessageContaining("grapevine.organization-file");
	}

	private static Organization read(String yaml) {
		return OrganizationFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");
	}

}
