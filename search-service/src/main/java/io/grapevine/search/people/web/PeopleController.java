package io.grapevine.search.people.web;

import java.util.List;

import io.grapevine.search.people.PeopleDirectory;
import io.grapevine.search.people.Person;
import io.grapevine.search.web.InvalidParameterException;
import io.grapevine.search.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists the people a mention may be assigned to, for type-ahead.
 */
@RestController
class PeopleController {

	private final PeopleDirectory directory;

	PeopleController(PeopleDirectory directory) {
		this.directory = directory;
	}

	@GetMapping("/api/people")
	@Operation(summary = "The people mentions may be assigned to: local users, the organization file's members "
			+ "and everyone who has signed in, those whose name begins with 'q' first")
	Mono<People> people(@Parameter(description = "part of a name or address") @RequestParam(required = false) String q,
			@Parameter(description = "1 to 50, default 10") @RequestParam(required = false) String size) {
		if (q != null && q.length() > 200) {
			throw new InvalidParameterException("q", "'q' must be at most 200 characters");
		}
		int most = QueryParameters.integer("size", size, 1, PeopleDirectory.MAX_SIZE, 10);
		return this.directory.find(q, most).map(People::new);
	}

	/**
	 * The people found.
	 *
	 * @param people by name, those it begins with first
	 */
	record People(List<Person> people) {
	}

}
