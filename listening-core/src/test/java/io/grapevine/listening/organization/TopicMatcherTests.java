package io.grapevine.listening.organization;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

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

	private static Department department(String id, Topic... topics) {
		return new Department(id, id, ZoneId.of("UTC"), LocalTime.of(8, 0), List.of(), Optional.empty(),
				Optional.empty(), List.of(topics));
	}

}
