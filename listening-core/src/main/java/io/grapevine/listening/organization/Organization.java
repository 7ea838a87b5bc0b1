package io.grapevine.listening.organization;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The organization that listens, as described by its organization file.
 *
 * @param name the organization's name, shown in digests and dashboards
 * @param departments its departments, each with the topics it owns and follows
 * @param sources the source instances the organization listens through, each with its own
 * settings
 * @param languages the languages the organization listens in (ISO 639-1 codes), those
 * language detection chooses among
 * @param allStaff who receives the organization-wide digest, with its channels, zone,
 * time and rhythm, if the organization sends one (id {@value #ALL_STAFF}, no topics)
 * @param competitors the other organizations it measures its share of voice against
 * @param board who receives the monthly board digest, with its channels, zone and time,
 * if the organization sends one (id {@value #BOARD}, no topics)
 * @param accounts the accounts of the organization, its departments and its competitors
 * on each network: what they post is what their owner said
 */
public record Organization(String name, List<Department> departments, List<SourceDeclaration> sources,
		List<String> languages, Optional<Department> allStaff, List<Competitor> competitors, Optional<Department> board,
		Accounts accounts) {

	/** The id of the organization-wide audience, reserved among department ids. */
	public static final String ALL_STAFF = "all-staff";

	/** The id of the board's audience, reserved among department ids. */
	public static final String BOARD = "board";

	/** The languages listened in when the organization file names none. */
	public static final List<String> DEFAULT_LANGUAGES = List.of("en", "es", "fr", "de", "pt", "it");

	public Organization {
		if (name == null || name.isBlank()) {
			throw new InvalidOrganizationException("the organization needs a 'name'");
		}
		departments = (departments != null) ? List.copyOf(departments) : List.of();
		sources = (sources != null) ? List.copyOf(sources) : List.of();
		languages = (languages != null && !languages.isEmpty()) ? List.copyOf(languages) : DEFAULT_LANGUAGES;
		allStaff = (allStaff != null) ? allStaff : Optional.empty();
		competitors = (competitors != null) ? List.copyOf(competitors) : List.of();
		board = (board != null) ? board : Optional.empty();
		accounts = (accounts != null) ? accounts : Accounts.none();
	}

	/**
	 * An organization that declares no accounts of its own.
	 * @param name the organization's name
	 * @param departments its departments
	 * @param sources its source instances
	 * @param languages the languages it listens in
	 * @param allStaff the organization-wide audience, if any
	 * @param competitors the competitors it measures its share of voice against
	 * @param board the board's audience, if any
	 */
	public Organization(String name, List<Department> departments, List<SourceDeclaration> sources,
			List<String> languages, Optional<Department> allStaff, List<Competitor> competitors,
			Optional<Department> board) {
		this(name, departments, sources, languages, allStaff, competitors, board, Accounts.none());
	}

	/**
	 * An organization without competitors or a board digest.
	 * @param name the organization's name
	 * @param departments its departments
	 * @param sources its source instances
	 * @param languages the languages it listens in
	 * @param allStaff the organization-wide audience, if any
	 */
	public Organization(String name, List<Department> departments, List<SourceDeclaration> sources,
			List<String> languages, Optional<Department> allStaff) {
		this(name, departments, sources, languages, allStaff, List.of(), Optional.empty());
	}

	/**
	 * An organization without an organization-wide digest.
	 * @param name the organization's name
	 * @param departments its departments
	 * @param sources its source instances
	 * @param languages the languages it listens in
	 */
	public Organization(String name, List<Department> departments, List<SourceDeclaration> sources,
			List<String> languages) {
		this(name, departments, sources, languages, Optional.empty());
	}

	/**
	 * An organization listening in the default languages.
	 * @param name the organization's name
	 * @param departments its departments
	 * @param sources its source instances
	 */
	public Organization(String name, List<Department> departments, List<SourceDeclaration> sources) {
		this(name, departments, sources, DEFAULT_LANGUAGES);
	}

	/**
	 * An organization that declares no source instances.
	 * @param name the organization's name
	 * @param departments its departments
	 */
	public Organization(String name, List<Department> departments) {
		this(name, departments, List.of(), DEFAULT_LANGUAGES);
	}

	/**
	 * Find a department by id.
	 * @param id the department id
	 * @return the department, if there is one by that id
	 */
	public Optional<Department> department(String id) {
		return this.departments.stream().filter((department) -> department.id().equals(id)).findFirst();
	}

	/**
	 * Every topic of every department.
	 * @return all topics, in file order
	 */
	public List<Topic> topics() {
		return this.departments.stream().flatMap((department) -> department.topics().stream()).toList();
	}

	/**
	 * What sources search for: every topic, then every competitor as a topic no
	 * department owns.
	 * @return the topics and competitors, in file order
	 */
	public List<Topic> listenedTopics() {
		List<Topic> listened = new ArrayList<>(topics());
		this.competitors.forEach((competitor) -> listened.add(competitor.asTopic()));
		return List.copyOf(listened);
	}

	/**
	 * Find a competitor by id.
	 * @param id the competitor id
	 * @return the competitor, if there is one by that id
	 */
	public Optional<Competitor> competitor(String id) {
		return this.competitors.stream().filter((competitor) -> competitor.id().equals(id)).findFirst();
	}

	/**
	 * Find a topic by id.
	 * @param id the topic id
	 * @return the topic, if there is one by that id
	 */
	public Optional<Topic> topic(String id) {
		return topics().stream().filter((topic) -> topic.id().equals(id)).findFirst();
	}

	/**
	 * The departments that follow a topic owned by another department.
	 * @param topicId the topic id
	 * @return its followers, in file order; empty for an unknown topic
	 */
	public List<Department> followers(String topicId) {
		return this.departments.stream().filter((department) -> department.follows().contains(topicId)).toList();
	}

	/**
	 * The departments that own or follow a topic: those its mentions are tagged with.
	 * @param topicId the topic id
	 * @return the owner and followers, in file order without repeats; empty for an
	 * unknown topic
	 */
	public List<Department> departmentsListeningTo(String topicId) {
		return this.departments.stream().filter((department) -> department.listensTo(topicId)).toList();
	}

}
