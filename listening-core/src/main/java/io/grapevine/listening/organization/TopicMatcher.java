package io.grapevine.listening.organization;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.listening.query.MatchContext;

/**
 * Tags mentions with every topic whose query (or keywords) they match, the departments
 * that own or follow those topics, the competitors they name, and whose declared account
 * wrote them (the organization's own, or a competitor's).
 */
public final class TopicMatcher {

	private static final URI NO_URL = URI.create("https://text.invalid/");

	private final List<CompiledTopic> topics;

	private final List<String> departmentIds;

	private final List<CompiledCompetitor> competitors;

	private final Accounts accounts;

	public TopicMatcher(Organization organization) {
		this.accounts = organization.accounts();
		this.departmentIds = organization.departments().stream().map(Department::id).toList();
		this.topics = organization.topics().stream().map((topic) -> compile(organization, topic)).toList();
		this.competitors = organization.competitors()
			.stream()
			.map((competitor) -> new CompiledCompetitor(competitor.id(), competitor.matcher()))
			.toList();
	}

	private CompiledTopic compile(Organization organization, Topic topic) {
		boolean[] listening = new boolean[this.departmentIds.size()];
		for (Department department : organization.departmentsListeningTo(topic.id())) {
			listening[this.departmentIds.indexOf(department.id())] = true;
		}
		return new CompiledTopic(topic.id(), topic.matcher(), listening);
	}

	/**
	 * Tag a mention with every topic it matches, and mark it with whose declared account
	 * wrote it.
	 * @param mention the mention
	 * @return the mention with topics, departments, competitors and owner set
	 */
	public Mention tag(Mention mention) {
		Matches matches = match(MatchContext.of(mention));
		return this.accounts.mark(mention.withTags(matches.topics(), matches.departments(), matches.competitors()));
	}

	/**
	 * Find the topics a text matches, as a mention with no author, language, source or
	 * site of its own, so queries that need those fields do not match it.
	 * @param text the text
	 * @return topic ids, department ids and competitor ids, in organization file order,
	 * without repeats
	 */
	public Matches match(String text) {
		Mention mention = Mention.builder("text", "0")
			.url(NO_URL)
			.text(text)
			.author(Author.of("@"))
			.publishedAt(Instant.EPOCH)
			.ingestedAt(Instant.EPOCH)
			.build();
		return match(MatchContext.of(mention));
	}

	/**
	 * Find the topics an analysed mention matches.
	 * @param context the mention, analysed once
	 * @return topic ids, the ids of the departments that own or follow them, and the ids
	 * of the competitors it names, in organization file order, without repeats
	 */
	public Matches match(MatchContext context) {
		List<String> topicIds = new ArrayList<>();
		boolean[] listening = new boolean[this.departmentIds.size()];
		for (CompiledTopic compiled : this.topics) {
			if (compiled.query().matches(context)) {
				topicIds.add(compiled.id());
				for (int i = 0; i < listening.length; i++) {
					listening[i] |= compiled.departments()[i];
				}
			}
		}
		List<String> departments = new ArrayList<>();
		for (int i = 0; i < listening.length; i++) {
			if (listening[i]) {
				departments.add(this.departmentIds.get(i));
			}
		}
		List<String> competitorIds = new ArrayList<>();
		for (CompiledCompetitor competitor : this.competitors) {
			if (competitor.query().matches(context)) {
				competitorIds.add(competitor.id());
			}
		}
		return new Matches(topicIds, departments, competitorIds);
	}

	/**
	 * What a text matched.
	 *
	 * @param topics ids of matched topics
	 * @param departments ids of the departments owning or following them
	 * @param competitors ids of the competitors it names
	 */
	public record Matches(List<String> topics, List<String> departments, List<String> competitors) {

		public Matches {
			topics = List.copyOf(topics);
			departments = List.copyOf(departments);
			competitors = List.copyOf(competitors);
		}

		/**
		 * Matches of topics alone.
		 * @param topics ids of matched topics
		 * @param departments ids of the departments owning or following them
		 */
		public Matches(List<String> topics, List<String> departments) {
			this(topics, departments, List.of());
		}

		/**
		 * Whether it matched nothing the organization listens for: no topic and no
		 * competitor.
		 * @return whether nothing matched
		 */
		public boolean isEmpty() {
			return this.topics.isEmpty() && this.competitors.isEmpty();
		}

	}

	private record CompiledCompetitor(String id, ListeningQuery query) {
	}

	private record CompiledTopic(String id, ListeningQuery query, boolean[] departments) {
	}

}
