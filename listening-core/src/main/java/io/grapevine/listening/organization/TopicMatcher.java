package io.grapevine.listening.organization;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.grapevine.listening.mention.Mention;

/**
 * Tags mentions with the topics whose keywords they contain, and the departments that own
 * those topics.
 */
public final class TopicMatcher {

	private final List<CompiledTopic> topics;

	public TopicMatcher(Organization organization) {
		this.topics = organization.topics()
			.stream()
			.map((topic) -> new CompiledTopic(topic, topic.keywords().stream().map(TopicMatcher::normalize).toList()))
			.toList();
	}

	/**
	 * Tag a mention with every topic it matches.
	 * @param mention the mention
	 * @return the mention with topics and departments set
	 */
	public Mention tag(Mention mention) {
		Matches matches = match(mention.text());
		return mention.withTags(matches.topics(), matches.departments());
	}

	/**
	 * Find the topics a text matches.
	 * @param text the text
	 * @return topic ids and department ids, in organization file order, without repeats
	 */
	public Matches match(String text) {
		String normalized = normalize(text);
		Set<String> topicIds = new LinkedHashSet<>();
		Set<String> departmentIds = new LinkedHashSet<>();
		for (CompiledTopic compiled : this.topics) {
			for (String keyword : compiled.keywords()) {
				if (containsWord(normalized, keyword)) {
					topicIds.add(compiled.topic().id());
					departmentIds.add(compiled.topic().department());
					break;
				}
			}
		}
		return new Matches(new ArrayList<>(topicIds), new ArrayList<>(departmentIds));
	}

	static String normalize(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
	}

	private static boolean containsWord(String text, String keyword) {
		int from = 0;
		while (true) {
			int at = text.indexOf(keyword, from);
			if (at < 0) {
				return false;
			}
			int end = at + keyword.length();
			if (boundaryBefore(text, at, keyword) && boundaryAfter(text, end, keyword)) {
				return true;
			}
			from = at + 1;
		}
	}

	private static boolean boundaryBefore(String text, int at, String keyword) {
		return at == 0 || !isWordChar(keyword.codePointAt(0)) || !isWordChar(text.codePointBefore(at));
	}

	private static boolean boundaryAfter(String text, int end, String keyword) {
		if (end == text.length()) {
			return true;
		}
		return !isWordChar(keyword.codePointBefore(keyword.length())) || !isWordChar(text.codePointAt(end));
	}

	private static boolean isWordChar(int codePoint) {
		return Character.isLetterOrDigit(codePoint) || codePoint == '_';
	}

	/**
	 * What a text matched.
	 *
	 * @param topics ids of matched topics
	 * @param departments ids of the departments owning them
	 */
	public record Matches(List<String> topics, List<String> departments) {

		public Matches {
			topics = List.copyOf(topics);
			departments = List.copyOf(departments);
		}

	}

	private record CompiledTopic(Topic topic, List<String> keywords) {
	}

}
