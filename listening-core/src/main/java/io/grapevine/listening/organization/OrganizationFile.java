package io.grapevine.listening.organization;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.listening.query.QueryParseException;

/**
 * Reads and validates the organization file (YAML), so that a mistake stops start-up with
 * a message that says where it is and how to fix it.
 */
public final class OrganizationFile {

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

	private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private static final LocalTime DEFAULT_DIGEST_TIME = LocalTime.of(8, 0);

	private static final ObjectMapper YAML = YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
		.build();

	private OrganizationFile() {
	}

	/**
	 * Read an organization file.
	 * @param path the file
	 * @return the organization
	 * @throws InvalidOrganizationException if the file is missing, unreadable or invalid
	 */
	public static Organization read(Path path) {
		try (InputStream in = Files.newInputStream(path)) {
			return read(in, path.toString());
		}
		catch (NoSuchFileException ex) {
			throw new InvalidOrganizationException(
					"organization file " + path.toAbsolutePath() + " does not exist; set grapevine.organization-file");
		}
		catch (IOException ex) {
			throw new InvalidOrganizationException("organization file " + path + " cannot be read: " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Read an organization file from a stream.
	 * @param in the YAML
	 * @param origin where it came from, for messages
	 * @return the organization
	 * @throws InvalidOrganizationException if the file is invalid
	 */
	public static Organization read(InputStream in, String origin) {
		Spec spec;
		try {
			spec = YAML.readValue(in, Spec.class);
		}
		catch (UnrecognizedPropertyException ex) {
			throw new InvalidOrganizationException("organization file " + origin + ": unknown field '"
					+ ex.getPropertyName() + "' in " + path(ex) + "; known fields are " + ex.getKnownPropertyIds(), ex);
		}
		catch (JsonProcessingException ex) {
			String where = (ex.getLocation() != null)
					? " at line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() : "";
			throw new InvalidOrganizationException("organization file " + origin + " is not valid" + where + ": "
					+ ex.getOriginalMessage().lines().findFirst().orElse(""), ex);
		}
		catch (IOException ex) {
			throw new InvalidOrganizationException(
					"organization file " + origin + " cannot be read: " + ex.getMessage(), ex);
		}
		if (spec == null) {
			throw new InvalidOrganizationException("organization file " + origin + " is empty");
		}
		return new Validator(origin).organization(spec);
	}

	private static String path(JsonMappingException ex) {
		// The last reference is the unknown field itself; the ones before it say where it
		// sits.
		List<JsonMappingException.Reference> references = ex.getPath();
		StringBuilder path = new StringBuilder();
		for (JsonMappingException.Reference reference : references.subList(0, Math.max(0, references.size() - 1))) {
			if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
			else {
				path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
			}
		}
		return path.isEmpty() ? "the top level" : path.toString();
	}

	record Spec(String name, List<String> languages, List<DepartmentSpec> departments, List<SourceSpec> sources,
			AudienceSpec allStaff, List<CompetitorSpec> competitors, BoardSpec board,
			Map<String, List<String>> accounts) {
	}

	record CompetitorSpec(String id, String name, List<String> keywords, String query,
			Map<String, List<String>> accounts) {
	}

	record BoardSpec(String timeZone, String digestTime, List<String> members, String slackWebhook,
			String teamsWebhook) {
	}

	record AudienceSpec(String timeZone, String digestTime, List<String> members, String slackWebhook,
			String teamsWebhook, RhythmSpec digest) {
	}

	record SourceSpec(String name, String type, Boolean enabled, Map<String, Object> settings) {
	}

	record DepartmentSpec(String id, String name, String timeZone, String digestTime, List<String> members,
			String slackWebhook, String teamsWebhook, List<TopicSpec> topics, List<String> follows, RhythmSpec digest,
			Map<String, List<String>> accounts) {
	}

	record RhythmSpec(Boolean daily, Boolean weekly, String weeklyDay) {
	}

	record TopicSpec(String id, String name, List<String> keywords, String query) {
	}

	private static final class Validator {

		private final String origin;

		private final Set<String> departmentIds = new HashSet<>();

		private final Set<String> topicIds = new LinkedHashSet<>();

		Validator(String origin) {
			this.origin = origin;
		}

		Organization organization(Spec spec) {
			if (spec.name() == null || spec.name().isBlank()) {
				throw fail("the organization needs a 'name'");
			}
			if (spec.departments() == null || spec.departments().isEmpty()) {
				throw fail("list at least one entry under 'departments'");
			}
			List<Department> departments = new ArrayList<>();
			for (int i = 0; i < spec.departments().size(); i++) {
				departments.add(department(spec.departments().get(i), "departments[" + i + "]"));
			}
			// Follows may name topics of departments further down the file, so they are
			// checked once every topic is known.
			for (int i = 0; i < departments.size(); i++) {
				checkFollows(departments.get(i), "departments[" + i + "] (" + departments.get(i).name() + ")");
			}
			List<SourceDeclaration> sources = new ArrayList<>();
			Set<String> instanceIds = new HashSet<>();
			List<SourceSpec> sourceSpecs = (spec.sources() != null) ? spec.sources() : List.of();
			for (int i = 0; i < sourceSpecs.size(); i++) {
				SourceDeclaration source = source(sourceSpecs.get(i), "sources[" + i + "]");
				if (!instanceIds.add(source.instanceId())) {
					throw fail("sources[" + i + "]: a " + source.type() + " source named '" + source.name()
							+ "' is already declared; give each instance of a type its own name");
				}
				sources.add(source);
			}
			List<Competitor> competitors = competitors(spec.competitors());
			List<Account> accounts = new ArrayList<>(
					accounts(spec.accounts(), "accounts", new AccountOwner.Own(Optional.empty())));
			for (int i = 0; i < spec.departments().size(); i++) {
				Department department = departments.get(i);
				accounts.addAll(accounts(spec.departments().get(i).accounts(),
						"departments[" + i + "] (" + department.name() + ").accounts",
						new AccountOwner.Own(Optional.of(department.id()))));
			}
			for (int i = 0; i < competitors.size(); i++) {
				accounts.addAll(accounts(spec.competitors().get(i).accounts(),
						"competitors[" + competitors.get(i).id() + "].accounts",
						new AccountOwner.OfCompetitor(competitors.get(i).id())));
			}
			Accounts declared;
			try {
				declared = Accounts.of(accounts);
			}
			catch (InvalidOrganizationException ex) {
				throw fail(ex.getMessage());
			}
			return new Organization(spec.name().strip(), departments, sources, languages(spec.languages()),
					allStaff(spec.allStaff()), competitors, board(spec.board()), declared);
		}

		private List<Account> accounts(Map<String, List<String>> spec, String where, AccountOwner owner) {
			List<Account> accounts = new ArrayList<>();
			if (spec == null) {
				return accounts;
			}
			for (Map.Entry<String, List<String>> network : spec.entrySet()) {
				List<String> values = (network.getValue() != null) ? network.getValue() : List.of();
				for (int i = 0; i < values.size(); i++) {
					try {
						accounts.add(Accounts.declare(network.getKey(), values.get(i), owner));
					}
					catch (IllegalArgumentException ex) {
						throw fail(where + "." + network.getKey() + "[" + i + "]: " + ex.getMessage());
					}
				}
			}
			return accounts;
		}

		private List<Competitor> competitors(List<CompetitorSpec> specs) {
			List<Competitor> competitors = new ArrayList<>();
			Set<String> ids = new HashSet<>();
			for (int i = 0; i < ((specs != null) ? specs.size() : 0); i++) {
				CompetitorSpec spec = specs.get(i);
				String where = "competitors[" + i + "]";
				if (spec == null) {
					throw fail(where + " is empty");
				}
				String name = required(spec.name(), where, "name");
				String id = (spec.id() != null) ? spec.id().strip() : slug(name);
				where = "competitors[" + id + "]";
				if (!ID.matcher(id).matches()) {
					throw fail(where + ": id '" + id + "' may only hold lower-case letters, digits and dashes");
				}
				if (!ids.add(id)) {
					throw fail(where + ": another competitor already has the id '" + id + "'; ids must be unique");
				}
				if (this.topicIds.contains(id)) {
					throw fail(where + ": the id '" + id + "' is already a topic's; "
							+ "give the competitor another id, since mentions are filtered by either");
				}
				List<String> keywords = new ArrayList<>();
				for (String keyword : (spec.keywords() != null) ? spec.keywords() : List.<String>of()) {
					if (keyword == null || keyword.isBlank()) {
						throw fail(where + ": keywords cannot be empty");
					}
					keywords.add(keyword.strip());
				}
				Optional<ListeningQuery> query = query(spec.query(), where + ".query", "");
				if (keywords.isEmpty() && query.isEmpty()) {
					throw fail(where + ": list at least one entry under 'keywords', or write a 'query'");
				}
				if (query.isEmpty()) {
					try {
						ListeningQuery.anyOf(keywords);
					}
					catch (IllegalArgumentException ex) {
						throw fail(where + ": " + ex.getMessage());
					}
				}
				competitors.add(new Competitor(id, name, keywords, query));
			}
			return competitors;
		}

		private Optional<Department> board(BoardSpec spec) {
			if (spec == null) {
				return Optional.empty();
			}
			if (this.departmentIds.contains(Organization.BOARD)) {
				throw fail("a department has the id '" + Organization.BOARD
						+ "', which names the board digest under 'board'; give the department another id");
			}
			String where = "board";
			List<String> members = members(spec.members(), where);
			Optional<String> slack = webhook(spec.slackWebhook(), where, Organization.BOARD, "slackWebhook");
			Optional<String> teams = webhook(spec.teamsWebhook(), where, Organization.BOARD, "teamsWebhook");
			if (members.isEmpty() && slack.isEmpty() && teams.isEmpty()) {
				throw fail("board: list its 'members', or give a 'slackWebhook' or 'teamsWebhook', "
						+ "or leave 'board' out to send no board digest");
			}
			return Optional.of(new Department(Organization.BOARD, "Board", zone(spec.timeZone(), where),
					digestTime(spec.digestTime(), where), members, slack, teams, List.of(), List.of()));
		}

		private List<String> languages(List<String> codes) {
			if (codes == null) {
				return Organization.DEFAULT_LANGUAGES;
			}
			if (codes.isEmpty()) {
				throw fail("'languages' is empty; list the languages the organization listens in, e.g. [en, es], "
						+ "or leave it out for " + Organization.DEFAULT_LANGUAGES);
			}
			Set<String> known = Set.of(Locale.getISOLanguages());
			List<String> languages = new ArrayList<>();
			for (int i = 0; i < codes.size(); i++) {
				String code = (codes.get(i) != null) ? codes.get(i).strip().toLowerCase(Locale.ROOT) : "";
				if (!known.contains(code)) {
					throw fail("languages[" + i + "]: '" + codes.get(i)
							+ "' is not a two-letter ISO 639-1 language code such as en, es, fr, de, pt or it");
				}
				if (!languages.contains(code)) {
					languages.add(code);
				}
			}
			return languages;
		}

		private SourceDeclaration source(SourceSpec spec, String where) {
			if (spec == null) {
				throw fail(where + " is empty");
			}
			String type = required(spec.type(), where, "type");
			if (!ID.matcher(type).matches()) {
				throw fail(where + ": type '" + type + "' must be lower-case letters, digits and dashes");
			}
			String name = required(spec.name(), where, "name");
			if (!ID.matcher(name).matches()) {
				throw fail(where + " (" + type + "): name '" + name
						+ "' must be lower-case letters, digits and dashes, e.g. '" + slug(name) + "'");
			}
			return new SourceDeclaration(name, type, spec.enabled() == null || spec.enabled(), spec.settings());
		}

		private void checkFollows(Department department, String where) {
			for (String topicId : department.follows()) {
				if (!this.topicIds.contains(topicId)) {
					throw fail(where + ": follows unknown topic '" + topicId + "'; known topics are " + this.topicIds);
				}
				if (department.topics().stream().anyMatch((topic) -> topic.id().equals(topicId))) {
					throw fail(where + ": follows its own topic '" + topicId
							+ "'; a department always listens to the topics it owns, so remove it from 'follows'");
				}
			}
		}

		private Department department(DepartmentSpec spec, String where) {
			if (spec == null) {
				throw fail(where + " is empty");
			}
			String name = required(spec.name(), where, "name");
			where = where + " (" + name + ")";
			String id = (spec.id() != null) ? spec.id() : slug(name);
			requireId(id, where, this.departmentIds, "department");
			ZoneId zone = zone(spec.timeZone(), where);
			LocalTime digestTime = digestTime(spec.digestTime(), where);
			List<String> members = new ArrayList<>();
			for (String member : (spec.members() != null) ? spec.members() : List.<String>of()) {
				if (member == null || !EMAIL.matcher(member.strip()).matches()) {
					throw fail(where + ": member '" + member + "' is not an email address");
				}
				members.add(member.strip());
			}
			Optional<String> slack = webhook(spec.slackWebhook(), where, id, "slackWebhook");
			Optional<String> teams = webhook(spec.teamsWebhook(), where, id, "teamsWebhook");
			List<Topic> topics = new ArrayList<>();
			List<TopicSpec> topicSpecs = (spec.topics() != null) ? spec.topics() : List.of();
			for (int i = 0; i < topicSpecs.size(); i++) {
				topics.add(topic(topicSpecs.get(i), id, where + ".topics[" + i + "]"));
			}
			Set<String> follows = new LinkedHashSet<>();
			for (String topicId : (spec.follows() != null) ? spec.follows() : List.<String>of()) {
				if (topicId == null || topicId.isBlank()) {
					throw fail(where + ": follows cannot hold an empty topic id");
				}
				follows.add(topicId.strip());
			}
			return new Department(id, name, zone, digestTime, members, slack, teams, topics, List.copyOf(follows),
					rhythm(spec.digest(), where));
		}

		private Optional<Department> allStaff(AudienceSpec spec) {
			if (spec == null) {
				return Optional.empty();
			}
			if (this.departmentIds.contains(Organization.ALL_STAFF)) {
				throw fail("a department has the id '" + Organization.ALL_STAFF
						+ "', which names the organization-wide digest under 'allStaff'; give the department another id");
			}
			String where = "allStaff";
			return Optional.of(new Department(Organization.ALL_STAFF, "All staff", zone(spec.timeZone(), where),
					digestTime(spec.digestTime(), where), members(spec.members(), where),
					webhook(spec.slackWebhook(), where, "all-staff", "slackWebhook"),
					webhook(spec.teamsWebhook(), where, "all-staff", "teamsWebhook"), List.of(), List.of(),
					rhythm(spec.digest(), where)));
		}

		private List<String> members(List<String> given, String where) {
			List<String> members = new ArrayList<>();
			for (String member : (given != null) ? given : List.<String>of()) {
				if (member == null || !EMAIL.matcher(member.strip()).matches()) {
					throw fail(where + ": member '" + member + "' is not an email address");
				}
				members.add(member.strip());
			}
			return members;
		}

		private DigestRhythm rhythm(RhythmSpec spec, String where) {
			if (spec == null) {
				return DigestRhythm.DAILY_ONLY;
			}
			boolean daily = spec.daily() == null || spec.daily();
			boolean weekly = spec.weekly() != null && spec.weekly();
			DayOfWeek weeklyDay = DayOfWeek.MONDAY;
			if (spec.weeklyDay() != null && !spec.weeklyDay().isBlank()) {
				try {
					weeklyDay = DayOfWeek.valueOf(spec.weeklyDay().strip().toUpperCase(Locale.ROOT));
				}
				catch (IllegalArgumentException ex) {
					throw fail(where + ": digest.weeklyDay '" + spec.weeklyDay()
							+ "' is not a day of the week; write MONDAY, TUESDAY, ... SUNDAY");
				}
			}
			if (!daily && !weekly) {
				throw fail(where + ": digest turns off both the daily and the weekly digest; "
						+ "set daily: true or weekly: true (leave the department's members empty to send none)");
			}
			return new DigestRhythm(daily, weekly, weeklyDay);
		}

		private Topic topic(TopicSpec spec, String department, String where) {
			if (spec == null) {
				throw fail(where + " is empty");
			}
			String name = required(spec.name(), where, "name");
			where = where + " (" + name + ")";
			String id = (spec.id() != null) ? spec.id() : slug(name);
			requireId(id, where, this.topicIds, "topic");
			List<String> keywords = new ArrayList<>();
			for (String keyword : (spec.keywords() != null) ? spec.keywords() : List.<String>of()) {
				if (keyword == null || keyword.isBlank()) {
					throw fail(where + ": keywords cannot be empty");
				}
				keywords.add(keyword.strip());
			}
			Optional<ListeningQuery> query = query(spec.query(), where, ": query");
			if (keywords.isEmpty() && query.isEmpty()) {
				throw fail(where + ": list at least one entry under 'keywords', or write a 'query'");
			}
			if (query.isEmpty()) {
				try {
					ListeningQuery.anyOf(keywords);
				}
				catch (IllegalArgumentException ex) {
					throw fail(where + ": " + ex.getMessage());
				}
			}
			return new Topic(id, name, department, keywords, query);
		}

		private Optional<ListeningQuery> query(String source, String where, String field) {
			if (source == null) {
				return Optional.empty();
			}
			try {
				return Optional.of(ListeningQuery.parse(source));
			}
			catch (QueryParseException ex) {
				String reason = ex.getMessage().replace(" at position " + ex.position(), "");
				if (!reason.startsWith("expected ")) {
					reason = reason + " (expected " + ex.expected() + ", found " + ex.found() + ")";
				}
				throw fail(where + field + " is not valid at position " + ex.position() + ": " + reason);
			}
		}

		private String required(String value, String where, String field) {
			if (value == null || value.isBlank()) {
				throw fail(where + " needs a '" + field + "'");
			}
			return value.strip();
		}

		private void requireId(String id, String where, Set<String> seen, String kind) {
			if (!ID.matcher(id).matches()) {
				throw fail(where + ": id '" + id + "' may only hold lower-case letters, digits and dashes");
			}
			if (!seen.add(id)) {
				throw fail(where + ": another " + kind + " already has the id '" + id + "'; ids must be unique");
			}
		}

		private ZoneId zone(String value, String where) {
			if (value == null || value.isBlank()) {
				return ZoneId.of("UTC");
			}
			try {
				return ZoneId.of(value.strip());
			}
			catch (DateTimeException ex) {
				throw fail(where + ": timeZone '" + value + "' is not a known time zone; use a region id such as "
						+ "Europe/London or America/New_York");
			}
		}

		private LocalTime digestTime(String value, String where) {
			if (value == null || value.isBlank()) {
				return DEFAULT_DIGEST_TIME;
			}
			try {
				return LocalTime.parse(value.strip());
			}
			catch (DateTimeParseException ex) {
				throw fail(where + ": digestTime '" + value + "' is not a time of day; write it as HH:mm, e.g. 08:00");
			}
		}

		private Optional<String> webhook(String value, String where, String department, String field) {
			if (value == null || value.isBlank()) {
				return Optional.empty();
			}
			Matcher reference = VARIABLE_REFERENCE.matcher(value.strip());
			if (!reference.matches()) {
				throw fail(where + ": " + field + " must name the environment variable that holds the webhook URL, "
						+ "e.g. ${" + department.toUpperCase(Locale.ROOT).replace('-', '_') + "_"
						+ field.replace("Webhook", "").toUpperCase(Locale.ROOT)
						+ "_WEBHOOK}: the URL is a secret and does not belong in the organization file");
			}
			return Optional.of(reference.group(1));
		}

		private InvalidOrganizationException fail(String message) {
			return new InvalidOrganizationException("organization file " + this.origin + ": " + message);
		}

		private static String slug(String name) {
			return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
		}

	}

}
