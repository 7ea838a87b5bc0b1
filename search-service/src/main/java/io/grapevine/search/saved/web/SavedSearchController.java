package io.grapevine.search.saved.web;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.grapevine.listening.organization.Organization;
import io.grapevine.search.saved.InvalidSavedSearchException;
import io.grapevine.search.saved.NoEmailAddressException;
import io.grapevine.search.saved.NotTheMakerException;
import io.grapevine.search.saved.SavedSearch;
import io.grapevine.search.saved.Subscription;
import io.grapevine.search.saved.elasticsearch.SavedSearchStore;
import io.grapevine.search.saved.elasticsearch.SubscriptionStore;
import io.grapevine.search.saved.web.SavedSearchRequests.NewSearch;
import io.grapevine.search.saved.web.SavedSearchRequests.Rename;
import io.grapevine.search.saved.web.SavedSearchRequests.Subscribe;
import io.grapevine.security.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Saved searches, shared by default: every member sees every one, saves their own, and
 * subscribes themselves to any one's daily email; only a search's maker or an
 * administrator renames or deletes it.
 */
@RestController
class SavedSearchController {

	private static final Logger logger = LoggerFactory.getLogger(SavedSearchController.class);

	private final SavedSearchStore searches;

	private final SubscriptionStore subscriptions;

	private final Organization organization;

	SavedSearchController(SavedSearchStore searches, SubscriptionStore subscriptions, Organization organization) {
		this.searches = searches;
		this.subscriptions = subscriptions;
		this.organization = organization;
	}

	@GetMapping("/api/saved-searches")
	@Operation(summary = "Every saved search, newest first, with whether you receive its daily email")
	Mono<SavedSearchView.All> all() {
		return signedIn().flatMap((user) -> Mono
			.zip(this.searches.all(), this.subscriptions.counts(), this.subscriptions.subscribedBy(user.username()))
			.map((found) -> {
				Map<String, Long> counts = found.getT2();
				Set<String> mine = found.getT3();
				return new SavedSearchView.All(found.getT1()
					.stream()
					.map((search) -> SavedSearchView.of(search, mine.contains(search.id()),
							counts.getOrDefault(search.id(), 0L)))
					.toList());
			}));
	}

	@PostMapping("/api/saved-searches")
	@Operation(summary = "Save a search for everyone: a name, a listening query and the dashboard's filters",
			description = "The query and filters follow the rules of /api/mentions; a department, topic or "
					+ "competitor must be the organization's. A refusal names the field at fault.")
	Mono<ResponseEntity<SavedSearchView>> create(@RequestBody(required = false) NewSearch body) {
		return signedIn().map((user) -> {
			if (body == null) {
				throw new InvalidSavedSearchException("body",
						"Send the search as JSON: {\"name\": \"Delays on line 4\", \"query\": \"delay line 4\", "
								+ "\"filters\": {\"department\": [\"operations\"], \"period\": \"7d\"}}");
			}
			Instant now = Instant.now();
			return new SavedSearch(UUID.randomUUID().toString(), SavedSearch.name(body.name()),
					SavedSearchRequests.query(body.query()),
					SavedSearchRequests.filters(body.filters(), this.organization), user.username(), now, now);
		})
			.flatMap(this.searches::create)
			.doOnNext((search) -> logger.info("{} saved the search {} '{}'", search.createdBy(), search.id(),
					search.name()))
			.map((search) -> ResponseEntity.created(URI.create("/api/saved-searches/" + search.id()))
				.body(SavedSearchView.of(search, false, 0)));
	}

	@GetMapping("/api/saved-searches/{id}")
	@Operation(summary = "One saved search")
	Mono<SavedSearchView> one(@PathVariable String id) {
		return signedIn().flatMap((user) -> this.searches.find(id).flatMap((search) -> view(search, user)));
	}

	@PatchMapping("/api/saved-searches/{id}")
	@Operation(summary = "Rename a saved search: its maker or an administrator")
	Mono<SavedSearchView> rename(@PathVariable String id, @RequestBody(required = false) Rename body) {
		return signedIn().flatMap((user) -> this.searches.find(id).flatMap((search) -> {
			if (!search.mayChange(user.username(), user.isAdmin())) {
				return Mono.error(new NotTheMakerException(search, user.username(), "rename"));
			}
			String name = SavedSearch.name((body != null) ? body.name() : null);
			return this.searches.rename(search, name, Instant.now()).flatMap((renamed) -> view(renamed, user));
		}));
	}

	@DeleteMapping("/api/saved-searches/{id}")
	@Operation(summary = "Delete a saved search and end its subscriptions: its maker or an administrator")
	Mono<ResponseEntity<Void>> delete(@PathVariable String id) {
		return signedIn().flatMap((user) -> this.searches.find(id).flatMap((search) -> {
			if (!search.mayChange(user.username(), user.isAdmin())) {
				return Mono.error(new NotTheMakerException(search, user.username(), "delete"));
			}
			return this.searches.delete(id)
				.then(this.subscriptions.deleteAll(id))
				.doOnNext((ended) -> logger.info("{} deleted the saved search {} '{}', ending {} subscription(s)",
						user.username(), id, search.name(), ended))
				.thenReturn(ResponseEntity.noContent().<Void>build());
		}));
	}

	@PutMapping("/api/saved-searches/{id}/subscription")
	@Operation(summary = "Receive a saved search's matches of each day by email the next morning",
			description = "Subscribes the signed-in person at their own email address; 'timeZone' (UTC by default) "
					+ "sets their days and morning.")
	Mono<Subscription> subscribe(@PathVariable String id, @RequestBody(required = false) Subscribe body) {
		return signedIn().flatMap((user) -> {
			String email = user.email().orElseThrow(() -> new NoEmailAddressException(user.username()));
			Subscription subscription = new Subscription(id, user.username(), email, SavedSearchRequests.zone(body),
					Instant.now());
			return this.searches.find(id).then(this.subscriptions.save(subscription));
		});
	}

	@DeleteMapping("/api/saved-searches/{id}/subscription")
	@Operation(summary = "Stop receiving a saved search's daily email")
	Mono<ResponseEntity<Void>> unsubscribe(@PathVariable String id) {
		return signedIn().flatMap((user) -> this.searches.find(id)
			.then(this.subscriptions.delete(id, user.username()))
			.thenReturn(ResponseEntity.noContent().<Void>build()));
	}

	private Mono<SavedSearchView> view(SavedSearch search, SignedInUser user) {
		return Mono.zip(this.subscriptions.find(search.id(), user.username()), this.subscriptions.count(search.id()))
			.map((both) -> SavedSearchView.of(search, both.getT1().isPresent(), both.getT2()));
	}

	// Sign-in guards every call; this only makes the missing case an answer, not a hang.
	private static Mono<SignedInUser> signedIn() {
		return SignedInUser.current()
			.switchIfEmpty(Mono
				.error(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Sign in to use saved searches")));
	}

}
