package io.grapevine.listening.organization;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.query.ListeningQuery;

import static org.assertj.core.api.Assertions.assertThat;

class TopicMatcherTests {

	private final TopicMatcher matcher = new TopicMatcher(new Organization("Example",
			List.of(department("operations", new Topic("delays", "Delays", "operations", List.of("delay", "retraso"))),
					department("communications",
							new Topic("brand", "Brand", "communications", List.of("harbor city transit", "#hctransit")),
							new Topic("safety", "Safety", "communications", List.of("sécurité"))))));

	@Test
	void aKeywordMatchesAsAWholeWordIgnoringCase() {
		assertThat(this.matcher.match("Another DELAY on line 4").topics()).containsExactly("delays");
		assertThat(this.matcher.match("Delayed again").topics()).isEmpty();
	}

	@Test
	void aPhraseMatchesAcrossItsWords() {
		TopicMatcher.Matches matches = this.matcher.match("Thanks Harbor City Transit for the night bus");
		assertThat(matches.topics()).containsExactly("brand");
		assertThat(matches.departments()).containsExactly("communications");
	}

	@Test
	void hashtagsMatchOnlyTheWholeTag() {
		assertThat(this.matcher.match("love it #HCTransit!").topics()).containsExactly("brand");
		assertThat(this.matcher.match("#hctransitfan").topics()).isEmpty();
	}

	@Test
	void accentedKeywordsMatchTheSameWordInAnotherCase() {
		assertThat(this.matcher.match("SÉCURITÉ dans le bus").topics()).containsExactly("safety");
	}

	@Test
	void everyMatchingTopicAndItsDepartmentIsTaggedOnce() {
		TopicMatcher.Matches matches = this.matcher
			.match("Harbor City Transit: retraso en la línea 3, another delay, #hctransit");
		assertThat(matches.topics()).containsExactly("delays", "brand");
		assertThat(matches.departments()).containsExactly("operations", "communications");
	}

	@Test
	void aKeywordPhraseMatchesAcrossLineBreaksAndAccentsButNotInsideOtherWords() {
		assertThat(this.matcher.match("harbor city\ntransit").topics()).containsExactly("brand");
		assertThat(this.matcher.match("securite dans le bus").topics()).containsExactly("safety");
		assertThat(this.matcher.match("notharbor city transit").topics()).isEmpty();
	}

	@Test
	void aTopicWithAQueryMatchesByTheQueryAloneNotByItsKeywords() {
		TopicMatcher matcher = new TopicMatcher(
				new Organization("Example", List.of(department("operations", topic("safety", "operations",
						List.of("safety", "accident"), "(unsafe OR accident) -\"safety week\"")))));
		assertThat(matcher.match("Near accident at Riverside").topics()).containsExactly("safety");
		assertThat(matcher.match("An accident drill for safety week").topics()).isEmpty();
		assertThat(matcher.match("Safety first").topics()).isEmpty();
	}

	@Test
	void aQueryTopicCanRequireWordsNearEachOther() {
		TopicMatcher matcher = new TopicMatcher(new Organization("Example", List.of(department("customer-service",
				topic("staff-praise", "customer-service", List.of("driver"), "driver NEAR/3 thanks")))));
		assertThat(matcher.match("Thanks to the driver of the 88").topics()).containsExactly("staff-praise");
		assertThat(matcher.match("Thanks for nothing, the 88 was late again and the driver never came").topics())
			.isEmpty();
	}

	@Test
	void aQueryTopicCanUseTheFieldsOfTheMentionWhenTagging() {
		TopicMatcher matcher = new TopicMatcher(new Organization("Example", List.of(department("communications",
				topic("spanish-brand", "communications", List.of(), "hctransit lang:es")))));
		assertThat(matcher.tag(mention("El #hctransit otra vez", "es")).topics()).containsExactly("spanish-brand");
		assertThat(matcher.tag(mention("The #hctransit again", "en")).topics()).isEmpty();
	}

	@Test
	void aMatchedTopicTagsItsOwnerAndItsFollowersInFileOrderOnce() {
		Organization organization = new Organization("Example", List.of(
				department("communications", List.of("delays"),
						new Topic("brand", "Brand", "communications", List.of("#hctransit"))),
				department("operations", List.of(), new Topic("delays", "Delays", "operations", List.of("delay"))),
				department("customer-service", List.of("delays", "brand"))));
		TopicMatcher matcher = new TopicMatcher(organization);
		assertThat(matcher.match("another delay").departments()).containsExactly("communications", "operations",
				"customer-service");
		TopicMatcher.Matches both = matcher.match("another delay #hctransit");
		assertThat(both.topics()).containsExactly("brand", "delays");
		assertThat(both.departments()).containsExactly("communications", "operations", "customer-service");
		assertThat(matcher.match("#hctransit").departments()).containsExactly("communications", "customer-service");
	}

	@Test
	void aMentionNamingACompetitorIsTaggedWithItWhetherOrNotItMatchesATopic() {
		Organization organization = new Organization("Example",
				List.of(department("operations", new Topic("delays", "Delays", "operations", List.of("delay")))),
				List.of(), Organization.DEFAULT_LANGUAGES, Optional.empty(),
				List.of(new Competitor("metro-link", "Metro Link", List.of("metro link")), new Competitor("ferries",
						"Ferries", List.of(), Optional.of(ListeningQuery.parse("ferry -\"ferry tale\"")))),
				Optional.empty());
		TopicMatcher matcher = new TopicMatcher(organization);
		Mention both = matcher.tag(mention("Metro Link has no delay, unlike the ferry", "en"));
		assertThat(both.topics()).containsExactly("delays");
		assertThat(both.departments()).containsExactly("operations");
		assertThat(both.competitors()).containsExactly("metro-link", "ferries");
		Mention competitorOnly = matcher.tag(mention("The Metro Link is lovely today", "en"));
		assertThat(competitorOnly.topics()).isEmpty();
		assertThat(competitorOnly.departments()).isEmpty();
		assertThat(competitorOnly.competitors()).containsExactly("metro-link");
		assertThat(matcher.match("a ferry tale").isEmpty()).isTrue();
		assertThat(matcher.match("the metro link").isEmpty()).isFalse();
	}

	@Test
	void taggingSetsTheTopicsAndDepartmentsOnTheMention() {
		Mention tagged = this.matcher.tag(mention("Another delay, #hctransit", "en"));
		assertThat(tagged.topics()).containsExactly("delays", "brand");
		assertThat(tagged.departments()).containsExactly("operations", "communications");
	}

	@Test
	void everyDepartmentOfTheDemoOrganizationIsTaggedOnPlentyOfTheDemoMentions() throws IOException {
		Organization organization = OrganizationFile.read(Path.of("../config/organization.yml"));
		TopicMatcher matcher = new TopicMatcher(organization);
		List<Mention> tagged;
		try (Stream<String> lines = Files.lines(Path.of("../ingest-service/src/main/resources/demo/mentions.jsonl"))) {
			tagged = lines.filter((line) -> !line.isBlank()).map(MentionJson::readMention).map(matcher::tag).toList();
		}
		Map<String, Long> byTopic = tagged.stream()
			.flatMap((mention) -> mention.topics().stream())
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		Map<String, Long> byDepartment = tagged.stream()
			.flatMap((mention) -> mention.departments().stream())
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(tagged.stream().filter((mention) -> !mention.topics().isEmpty()).count())
			.isGreaterThan(tagged.size() / 2);
		assertThat(organization.topics())
			.allSatisfy((topic) -> assertThat(byTopic.get(topic.id())).as("mentions tagged with %s", topic.id())
				.isGreaterThanOrEqualTo(10));
		assertThat(organization.departments()).allSatisfy((department) -> assertThat(byDepartment.get(department.id()))
			.as("mentions tagged for %s", department.id())
			.isGreaterThanOrEqualTo(50));
	}

	private static Topic topic(String id, String department, List<String> keywords, String query) {
		return new Topic(id, id, department, keywords, Optional.of(ListeningQuery.parse(query)));
	}

	private static Mention mention(String text, String language) {
		return Mention.builder("demo", "1")
			.url(URI.create("https://example.org/1"))
			.text(text)
			.author(Author.of("someone"))
			.publishedAt(Instant.parse("2026-01-02T08:00:00Z"))
			.language(language)
			.build();
	}

	private static Department department(String id, Topic... topics) {
		return department(id, List.of(), topics);
	}

	private static Department department(String id, List<String> follows, Topic... topics) {
		return new Department(id, id, ZoneId.of("UTC"), LocalTime.of(8, 0), List.of(), Optional.empty(),
				Optional.empty(), List.of(topics), follows);
	}

}
