package io.grapevine.search.people;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.search.index.KeptIndex;
import io.grapevine.security.GrapevineSecurityProperties;
import io.grapevine.security.SignedInUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The people a mention may be assigned to: the local users of the settings, the members
 * of each department in the organization file, and everyone who has signed in (people of
 * the OpenID Connect provider are known only once they have), kept in the index
 * {@value #INDEX}.
 */
@Component
public class PeopleDirectory {

	/** The index of people who have signed in, {@code _id} = their name. */
	public static final String INDEX = "people";

	/** The most people one answer lists. */
	public static final int MAX_SIZE = 50;

	private static final int SIGNED_IN = 500;

	private static final Logger logger = LoggerFactory.getLogger(PeopleDirectory.class);

	private final ElasticsearchAsyncClient client;

	private final List<Person> known;

	private final Set<String> recorded = ConcurrentHashMap.newKeySet();

	private final KeptIndex index = new KeptIndex(INDEX, "the people who have signed in",
			(mappings) -> mappings.properties("name", (property) -> property.keyword((keyword) -> keyword))
				.properties("email", (property) -> property.keyword((keyword) -> keyword))
				.properties("department", (property) -> property.keyword((keyword) -> keyword))
				.properties("lastSignedIn", (property) -> property.date((date) -> date)));

	PeopleDirectory(ElasticsearchAsyncClient client, Organization organization, GrapevineSecurityProperties security) {
		this.client = client;
		List<Person> known = new ArrayList<>();
		for (GrapevineSecurityProperties.User user : security.users()) {
			if (user.username() != null && !user.username().isBlank()) {
				known
					.add(new Person(user.username().strip(), user.emailAddress(), user.departmentId(), Set.of("user")));
			}
		}
		for (Department department : organization.departments()) {
			for (String member : department.members()) {
				known.add(new Person(member, Optional.of(member), Optional.of(department.id()), Set.of("member")));
			}
		}
		this.known = List.copyOf(known);
	}

	/**
	 * The people whose name or address holds some text, those it begins first.
	 * @param text the text, any case; blank for everyone
	 * @param size how many at most
	 * @return the people, by name
	 */
	public Mono<List<Person>> find(String text, int size) {
		String wanted = (text != null) ? text.strip().toLowerCase(Locale.ROOT) : "";
		return signedIn().map((signedIn) -> {
			Map<String, Person> people = new LinkedHashMap<>();
			for (Person person : this.known) {
				people.merge(person.name().toLowerCase(Locale.ROOT), person, Person::merge);
			}
			for (Person person : signedIn) {
				people.merge(person.name().toLowerCase(Locale.ROOT), person, Person::merge);
			}
			return people.values()
				.stream()
				.filter((person) -> matches(person, wanted))
				.sorted(Comparator
					.comparing((Person person) -> !person.name().toLowerCase(Locale.ROOT).startsWith(wanted))
					.thenComparing((person) -> person.name().toLowerCase(Locale.ROOT)))
				.limit(size)
				.toList();
		});
	}

	/**
	 * Note that someone has signed in, once per run of the service.
	 * @param user who signed in
	 * @return completion once they are kept
	 */
	public Mono<Void> signedIn(SignedInUser user) {
		String name = user.username();
		if (name == null || name.isBlank() || !this.recorded.add(name)) {
			return Mono.empty();
		}
		SignedInPerson person = new SignedInPerson(name, user.email().orElse(null), user.department().orElse(null),
				Instant.now().toString());
		return ensureIndex()
			.then(Mono.fromFuture(() -> this.client.index((index) -> index.index(INDEX).id(name).document(person))))
			.then()
			.doOnError((ex) -> this.recorded.remove(name))
			.onErrorResume((ex) -> {
				logger.warn("Could not note that {} signed in, for assignment: {}", name, ex.toString());
				return Mono.empty();
			});
	}

	private Mono<List<Person>> signedIn() {
		return Mono
			.fromFuture(
					() -> this.client.search(
							(search) -> search.index(INDEX)
								.ignoreUnavailable(true)
								.allowNoIndices(true)
								.size(SIGNED_IN)
								.sort((sort) -> sort
									.field((field) -> field.field("lastSignedIn").order(SortOrder.Desc))),
							SignedInPerson.class))
			.map((response) -> response.hits()
				.hits()
				.stream()
				.map((hit) -> hit.source())
				.filter((person) -> person != null && person.name() != null)
				.map((person) -> new Person(person.name(), Optional.ofNullable(person.email()),
						Optional.ofNullable(person.department()), Set.of("signed-in")))
				.toList());
	}

	private static boolean matches(Person person, String wanted) {
		return wanted.isEmpty() || person.name().toLowerCase(Locale.ROOT).contains(wanted)
				|| person.email().map((email) -> email.toLowerCase(Locale.ROOT).contains(wanted)).orElse(false);
	}

	private Mono<Void> ensureIndex() {
		return this.index.ensure(this.client);
	}

	/**
	 * Someone who has signed in, as the index keeps them.
	 *
	 * @param name the name they sign in with
	 * @param email their address, if known
	 * @param department their department id, if known
	 * @param lastSignedIn when this service first saw them in its current run
	 */
	record SignedInPerson(String name, String email, String department, String lastSignedIn) {
	}

}
