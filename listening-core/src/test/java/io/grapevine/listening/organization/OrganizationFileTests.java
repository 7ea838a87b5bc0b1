package io.grapevine.listening.organization;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.grapevine.listening.query.ListeningQuery;

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
		assertThat(organization.competitors()).extracting(Competitor::id).contains("metro-link");
	}

	@Test
	void theDemoOrganizationSendsABoardDigestAndAnAllStaffDigestByEmail() {
		Organization organization = OrganizationFile.read(Path.of("../config/organization.yml"));
		assertThat(organization.board()).get().satisfies((board) -> {
			assertThat(board.id()).isEqualTo(Organization.BOARD);
			assertThat(board.members()).containsExactly("board@harborcity-transit.example");
			assertThat(board.timeZone()).isEqualTo(ZoneId.of("Europe/London"));
		});
		assertThat(organization.allStaff()).get().satisfies((allStaff) -> {
			assertThat(allStaff.id()).isEqualTo(Organization.ALL_STAFF);
			assertThat(allStaff.members()).containsExactly("everyone@harborcity-transit.example");
			assertThat(allStaff.rhythm().weekly()).isTrue();
			assertThat(allStaff.rhythm().weeklyDay()).isEqualTo(DayOfWeek.MONDAY);
		});
	}

	@Test
	void departmentsGetIdsFromTheirNamesAndDefaultsForZoneAndDigestTime() {
		Organization organization = read("""
				name: Example
				departments:
				  - name: Customer Care
				    members: [care@example.org]
				    slackWebhook: ${CARE_SLACK_WEBHOOK}
				    topics:
				      - name: Late Buses
				        keywords: [late]
				""");
		Department care = organization.department("customer-care").orElseThrow();
		assertThat(care.timeZone()).isEqualTo(ZoneId.of("UTC"));
		assertThat(care.digestTime()).isEqualTo(LocalTime.of(8, 0));
		assertThat(care.slackWebhook()).contains("CARE_SLACK_WEBHOOK");
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
	void theDemoOrganizationHasQueryTopicsAndAFollower() {
		Organization organization = OrganizationFile.read(Path.of("../config/organization.yml"));
		assertThat(organization.topic("safety")).get()
			.satisfies((safety) -> assertThat(safety.query()).isPresent())
			.satisfies((safety) -> assertThat(safety.keywords()).contains("unsafe"));
		assertThat(organization.followers("delays")).extracting(Department::id).containsExactly("communications");
		assertThat(organization.departmentsListeningTo("delays")).extracting(Department::id)
			.containsExactly("communications", "operations");
	}

	@Test
	void aTopicMayHaveAQueryInsteadOfKeywords() {
		Organization organization = read("""
				name: Example
				departments:
				  - name: Operations
				    topics:
				      - name: Delays
				        query: (delay OR late) -"not late"
				""");
		Topic delays = organization.topic("delays").orElseThrow();
		assertThat(delays.keywords()).isEmpty();
		assertThat(delays.query()).get().extracting(ListeningQuery::source).isEqualTo("(delay OR late) -\"not late\"");
		assertThat(delays.matcher()).isEqualTo(delays.query().get());
	}

	@Test
	void aTopicWithOnlyKeywordsIsMatchedByAnyOfThem() {
		Topic fares = read("""
				name: Example
				departments:
				  - name: A
				    topics: [{name: Fares, keywords: [fare, "#fares", single ticket]}]
				""").topic("fares").orElseThrow();
		assertThat(fares.query()).isEmpty();
		assertThat(fares.matcher()).hasToString("fare OR #fares OR \"single ticket\"");
	}

	@Test
	void aQueryThatCannotBeParsedNamesTheFileDepartmentTopicPositionAndWhatWasExpected() {
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				departments:
				  - name: Communications
				    topics: [{name: Brand, keywords: [hct]}]
				  - name: Operations
				    topics:
				      - name: Delays
				        query: delay OR late AND
				"""))
			.withMessageStartingWith(
					"organization file test.yml: departments[1] (Operations).topics[0] (Delays): query is not valid at position 17: expected a term or '(' after AND, found end of query");
	}

	@Test
	void aQueryThatOnlyExcludesIsRejectedWithTheParsersAdvice() {
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				departments:
				  - name: A
				    topics: [{name: Spam, query: -spam}]
				"""))
			.withMessageContaining("departments[0] (A).topics[0] (Spam): query is not valid at position 0")
			.withMessageContaining("needs something to match")
			.withMessageContaining("expected a term to match");
	}

	@Test
	void aKeywordWithoutLettersOrDigitsIsRejected() {
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				departments:
				  - name: A
				    topics: [{name: Fares, keywords: [fare, "!!"]}]
				""")).withMessageContaining("topics[0] (Fares)").withMessageContaining("'!!'");
	}

	@Test
	void aDepartmentMayFollowTopicsOwnedByDepartmentsFurtherDownTheFile() {
		Organization organization = read("""
				name: Example
				departments:
				  - name: Communications
				    follows: [delays, delays]
				    topics: [{name: Brand, keywords: [hct]}]
				  - name: Operations
				    topics: [{name: Delays, keywords: [delay]}]
				  - name: Customer Care
				    follows: [delays, brand]
				""");
		assertThat(organization.department("communications")).get()
			.extracting(Department::follows)
			.isEqualTo(List.of("delays"));
		assertThat(organization.followers("delays")).extracting(Department::id)
			.containsExactly("communications", "customer-care");
		assertThat(organization.departmentsListeningTo("delays")).extracting(Department::id)
			.containsExactly("communications", "operations", "customer-care");
		assertThat(organization.departmentsListeningTo("brand")).extracting(Department::id)
			.containsExactly("communications", "customer-care");
		assertThat(organization.departmentsListeningTo("nothing")).isEmpty();
	}

	@Test
	void followingAnUnknownTopicNamesTheDepartmentTheIdAndTheKnownTopics() {
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				departments:
				  - name: Communications
				    follows: [delay]
				    topics: [{name: Brand, keywords: [hct]}]
				  - name: Operations
				    topics: [{name: Delays, keywords: [delay]}]
				"""))
			.withMessageContaining("departments[0] (Communications): follows unknown topic 'delay'")
			.withMessageContaining("known topics are [brand, delays]");
	}

	@Test
	void followingItsOwnTopicIsRejected() {
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				departments:
				  - name: Operations
				    follows: [delays]
				    topics: [{name: Delays, keywords: [delay]}]
				"""))
			.withMessageContaining("departments[0] (Operations): follows its own topic 'delays'")
			.withMessageContaining("remove it from 'follows'");
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

	@Test
	void sourceInstancesAreDeclaredByTypeAndNameWithTheirOwnSettings() {
		Organization organization = read("""
				name: Example
				departments:
				  - id: comms
				    name: Comms
				    topics: [{id: brand, name: Brand, keywords: [example]}]
				sources:
				  - type: mastodon
				    name: mastodon-social
				    settings:
				      base-url: https://mastodon.social
				      hashtags: [example, examplecity]
				  - type: mastodon
				    name: fosstodon
				    enabled: false
				    settings: {base-url: https://fosstodon.org}
				  - type: rss
				    name: city-news
				""");
		assertThat(organization.sources()).extracting(SourceDeclaration::instanceId)
			.containsExactly("mastodon:mastodon-social", "mastodon:fosstodon", "rss:city-news");
		assertThat(organization.sources().get(0).enabled()).isTrue();
		assertThat(organization.sources().get(0).settings()).containsEntry("base-url", "https://mastodon.social")
			.containsEntry("hashtags", java.util.List.of("example", "examplecity"));
		assertThat(organization.sources().get(1).enabled()).isFalse();
		assertThat(organization.sources().get(2).settings()).isEmpty();
	}

	@Test
	void twoInstancesOfATypeWithOneNameStopStartUp() {
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				departments:
				  - id: comms
				    name: Comms
				    topics: [{id: brand, name: Brand, keywords: [example]}]
				sources:
				  - {type: rss, name: news}
				  - {type: rss, name: news}
				""")).withMessageContaining("sources[1]: a rss source named 'news' is already declared");
	}

	@Test
	void aSourceNameThatIsNotAnIdStopsStartUpWithASuggestion() {
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				departments:
				  - id: comms
				    name: Comms
				    topics: [{id: brand, name: Brand, keywords: [example]}]
				sources:
				  - {type: mastodon, name: Mastodon Social}
				"""))
			.withMessageContaining("sources[0] (mastodon): name 'Mastodon Social'")
			.withMessageContaining("'mastodon-social'");
	}

	@Test
	void theLanguagesListenedInAreReadAndDefaultToTheSixMainOnes() {
		String departments = """
				departments:
				  - id: comms
				    name: Comms
				    topics: [{id: brand, name: Brand, keywords: [example]}]
				""";
		assertThat(read("name: Example\nlanguages: [EN, es, en]\n" + departments).languages()).containsExactly("en",
				"es");
		assertThat(read("name: Example\n" + departments).languages()).containsExactly("en", "es", "fr", "de", "pt",
				"it");
		assertThatExceptionOfType(InvalidOrganizationException.class)
			.isThrownBy(() -> read("name: Example\nlanguages: [en, english]\n" + departments))
			.withMessageContaining("languages[1]: 'english' is not a two-letter ISO 639-1 language code");
	}

	@Test
	void aWebhookUrlWrittenIntoTheFileIsRefusedBecauseItIsASecret() {
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				departments:
				  - id: care
				    name: Care
				    teamsWebhook: https://example.webhook.office.com/webhookb2/secret
				    topics: [{id: late, name: Late, keywords: [late]}]
				"""))
			.withMessageContaining("departments[0] (Care): teamsWebhook must name the environment variable")
			.withMessageContaining("${CARE_TEAMS_WEBHOOK}")
			.withMessageNotContaining("webhookb2/secret");
	}

	@Test
	void aDepartmentChoosesItsDigestRhythmAndOneWithoutChoiceKeepsTheDailyDigest() {
		Organization organization = read("""
				name: Example
				departments:
				  - id: ops
				    name: Operations
				    digest: {daily: false, weekly: true, weeklyDay: tuesday}
				    topics: [{id: late, name: Late, keywords: [late]}]
				  - id: care
				    name: Care
				    topics: [{id: rude, name: Rude, keywords: [rude]}]
				""");
		assertThat(organization.department("ops").orElseThrow().rhythm())
			.isEqualTo(new DigestRhythm(false, true, DayOfWeek.TUESDAY));
		assertThat(organization.department("care").orElseThrow().rhythm()).isEqualTo(DigestRhythm.DAILY_ONLY);
		assertThat(DigestRhythm.DAILY_ONLY.daily()).isTrue();
		assertThat(DigestRhythm.DAILY_ONLY.weekly()).isFalse();
	}

	@Test
	void aWeeklyDayThatIsNotADayOfTheWeekStopsStartUpNamingTheDepartment() {
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				departments:
				  - id: ops
				    name: Operations
				    digest: {weekly: true, weeklyDay: Mondy}
				    topics: [{id: late, name: Late, keywords: [late]}]
				"""))
			.withMessageContaining("departments[0] (Operations): digest.weeklyDay 'Mondy' is not a day of the week");
	}

	@Test
	void turningOffBothDigestsIsRefused() {
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				departments:
				  - id: ops
				    name: Operations
				    digest: {daily: false}
				    topics: [{id: late, name: Late, keywords: [late]}]
				"""))
			.withMessageContaining(
					"departments[0] (Operations): digest turns off both the daily and the weekly digest");
	}

	@Test
	void theOrganizationWideDigestHasItsOwnMembersChannelsZoneTimeAndRhythm() {
		Organization organization = read("""
				name: Example
				allStaff:
				  members: [everyone@example.org]
				  slackWebhook: ${ALL_STAFF_SLACK_WEBHOOK}
				  timeZone: America/New_York
				  digestTime: "09:00"
				  digest: {daily: false, weekly: true, weeklyDay: MONDAY}
				departments:
				  - id: ops
				    name: Operations
				    topics: [{id: late, name: Late, keywords: [late]}]
				""");
		Department allStaff = organization.allStaff().orElseThrow();
		assertThat(allStaff.id()).isEqualTo(Organization.ALL_STAFF);
		assertThat(allStaff.members()).containsExactly("everyone@example.org");
		assertThat(allStaff.slackWebhook()).contains("ALL_STAFF_SLACK_WEBHOOK");
		assertThat(allStaff.timeZone()).isEqualTo(ZoneId.of("America/New_York"));
		assertThat(allStaff.digestTime()).isEqualTo(LocalTime.of(9, 0));
		assertThat(allStaff.rhythm()).isEqualTo(new DigestRhythm(false, true, DayOfWeek.MONDAY));
		assertThat(allStaff.topics()).isEmpty();
		assertThat(organization.departments()).extracting(Department::id).containsExactly("ops");
		assertThat(read("""
				name: Example
				departments:
				  - id: ops
				    name: Operations
				    topics: [{id: late, name: Late, keywords: [late]}]
				""").allStaff()).isEmpty();
	}

	@Test
	void aDepartmentCannotTakeTheIdOfTheOrganizationWideDigest() {
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				allStaff: {members: [everyone@example.org]}
				departments:
				  - id: all-staff
				    name: Everyone
				    topics: [{id: late, name: Late, keywords: [late]}]
				"""))
			.withMessageContaining("a department has the id 'all-staff'")
			.withMessageContaining("give the department another id");
	}

	@Test
	void competitorsAreReadWithKeywordsOrAQueryAndListenedToLikeTopicsOfNoDepartment() {
		Organization organization = read("""
				name: Example
				departments:
				  - id: ops
				    name: Operations
				    topics: [{id: late, name: Late, keywords: [late]}]
				competitors:
				  - id: metro-link
				    name: Metro Link
				    keywords: [metro link, "#metrolink"]
				  - name: Bay Ferries
				    keywords: [ferry]
				    query: ferry -"ferry tale"
				""");
		assertThat(organization.competitors()).extracting(Competitor::id).containsExactly("metro-link", "bay-ferries");
		Competitor ferries = organization.competitor("bay-ferries").orElseThrow();
		assertThat(ferries.query()).map(ListeningQuery::source).contains("ferry -\"ferry tale\"");
		assertThat(organization.listenedTopics()).extracting(Topic::id)
			.containsExactly("late", "metro-link", "bay-ferries");
		assertThat(organization.listenedTopics().get(1).keywords()).containsExactly("metro link", "#metrolink");
		assertThat(organization.listenedTopics().get(1).department()).isEqualTo(Competitor.NO_DEPARTMENT);
		assertThat(organization.topics()).extracting(Topic::id).containsExactly("late");
	}

	@Test
	void aCompetitorTakingATopicsIdOrAnotherCompetitorsIdIsRejected() {
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				departments:
				  - id: ops
				    name: Operations
				    topics: [{id: late, name: Late, keywords: [late]}]
				competitors:
				  - {id: late, name: Late Trains Ltd, keywords: [late trains]}
				""")).withMessageContaining("competitors[late]").withMessageContaining("already a topic's");
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				departments:
				  - id: ops
				    name: Operations
				    topics: [{id: late, name: Late, keywords: [late]}]
				competitors:
				  - {id: metro, name: Metro, keywords: [metro]}
				  - {id: metro, name: Metro Two, keywords: [metro two]}
				""")).withMessageContaining("competitors[metro]").withMessageContaining("ids must be unique");
	}

	@Test
	void aCompetitorQueryThatCannotBeParsedNamesTheCompetitorsQueryAndThePosition() {
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				departments:
				  - id: ops
				    name: Operations
				    topics: [{id: late, name: Late, keywords: [late]}]
				competitors:
				  - {id: metro, name: Metro, query: "metro AND (fares"}
				""")).withMessageContaining("competitors[metro].query is not valid at position");
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				departments:
				  - id: ops
				    name: Operations
				    topics: [{id: late, name: Late, keywords: [late]}]
				competitors:
				  - {id: metro, name: Metro}
				""")).withMessageContaining("competitors[metro]: list at least one entry under 'keywords'");
	}

	@Test
	void theBoardDigestHasItsMembersChannelsZoneAndTime() {
		Organization organization = read("""
				name: Example
				board:
				  members: [board@example.org]
				  teamsWebhook: ${BOARD_TEAMS_WEBHOOK}
				  timeZone: Europe/Paris
				  digestTime: "07:00"
				departments:
				  - id: ops
				    name: Operations
				    topics: [{id: late, name: Late, keywords: [late]}]
				""");
		Department board = organization.board().orElseThrow();
		assertThat(board.id()).isEqualTo(Organization.BOARD);
		assertThat(board.members()).containsExactly("board@example.org");
		assertThat(board.teamsWebhook()).contains("BOARD_TEAMS_WEBHOOK");
		assertThat(board.slackWebhook()).isEmpty();
		assertThat(board.timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
		assertThat(board.digestTime()).isEqualTo(LocalTime.of(7, 0));
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				board: {timeZone: Europe/Paris}
				departments:
				  - id: ops
				    name: Operations
				    topics: [{id: late, name: Late, keywords: [late]}]
				""")).withMessageContaining("board: list its 'members'");
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				board: {members: [board@example.org], slackWebhook: "https://hooks.slack.com/services/T/B/x"}
				departments:
				  - id: ops
				    name: Operations
				    topics: [{id: late, name: Late, keywords: [late]}]
				""")).withMessageContaining("board: slackWebhook must name the environment variable");
	}

	private static Organization read(String yaml) {
		return OrganizationFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");
	}

}
