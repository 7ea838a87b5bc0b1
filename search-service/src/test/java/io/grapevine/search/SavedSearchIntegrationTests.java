package io.grapevine.search;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.indices.GetMappingResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient.RequestBodySpec;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saved searches against the real Elasticsearch: saved for everyone, refused naming the
 * field, renamed and deleted by their maker or an administrator, and subscribed to by
 * each person at their own address.
 */
class SavedSearchIntegrationTests extends LiveStackTestSupport {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static final String AMY = "amy";

	private static final String BOB = "bob";

	// The first call warms up sign-in and the Elasticsearch client; a loaded machine can
	// take longer than the default five seconds.
	@BeforeEach
	void patience() {
		this.web = this.web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
		this.anonymous = this.anonymous.mutate().responseTimeout(Duration.ofSeconds(30)).build();
	}

	@Test
	void aSavedSearchIsSharedWithEveryMemberNewestFirstWithItsPermalink() {
		Map<String, Object> filters = new LinkedHashMap<>();
		filters.put("department", List.of("operations", " operations ", ""));
		filters.put("topic", List.of("delays"));
		filters.put("source", List.of("x", "reddit"));
		filters.put("language", List.of("en"));
		filters.put("sentiment", List.of("NEGATIVE"));
		filters.put("competitor", List.of("metro-link"));
		filters.put("owned", false);
		filters.put("question", true);
		filters.put("minReach", 2.5);
		filters.put("sort", "reach");
		filters.put("collapse", true);
		filters.put("period", "7d");
		Instant before = Instant.now();
		EntityExchangeResult<Map<String, Object>> created = save(TestUsers.MEMBER, Map.of("name",
				"  Delays on line 4  ", "query", "\"line 4\" (late OR delayed) -test", "filters", filters))
			.expectStatus()
			.isCreated()
			.expectBody(JSON)
			.returnResult();
		Map<String, Object> search = created.getResponseBody();
		String id = (String) search.get("id");

		assertThat(created.getResponseHeaders().getLocation()).hasToString("/api/saved-searches/" + id);
		assertThat(search).containsEntry("name", "Delays on line 4")
			.containsEntry("query", "\"line 4\" (late OR delayed) -test")
			.containsEntry("createdBy", TestUsers.MEMBER)
			.containsEntry("subscribed", false)
			.containsEntry("subscribers", 0)
			.containsEntry("permalink", "/?saved=" + id);
		assertThat(Instant.parse((String) search.get("createdAt"))).isBetween(before, Instant.now());
		assertThat(search.get("updatedAt")).isEqualTo(search.get("createdAt"));
		assertThat(map(search, "filters")).containsEntry("department", List.of("operations"))
			.containsEntry("topic", List.of("delays"))
			.containsEntry("source", List.of("x", "reddit"))
			.containsEntry("language", List.of("en"))
			.containsEntry("sentiment", List.of("negative"))
			.containsEntry("competitor", List.of("metro-link"))
			.containsEntry("owned", false)
			.containsEntry("question", true)
			.containsEntry("minReach", 2.5)
			.containsEntry("sort", "reach")
			.containsEntry("collapse", true)
			.containsEntry("period", "7d")
			.doesNotContainKeys("from", "to");

		// Everyone sees it, newest first.
		String later = id(save(AMY, Map.of("name", "Fares in a fixed week", "filters",
				Map.of("from", "2026-11-02T00:00:00Z", "to", "2026-11-09T00:00:00Z"))));
		List<Map<String, Object>> seenByBob = searches(BOB);
		List<String> ids = seenByBob.stream().map((each) -> (String) each.get("id")).toList();
		assertThat(ids).contains(id, later);
		assertThat(ids.indexOf(later)).isLessThan(ids.indexOf(id));
		Map<String, Object> fixed = seenByBob.get(ids.indexOf(later));
		assertThat(fixed).containsEntry("query", "").containsEntry("createdBy", AMY);
		assertThat(map(fixed, "filters")).containsEntry("from", "2026-11-02T00:00:00Z")
			.containsEntry("to", "2026-11-09T00:00:00Z")
			.containsEntry("sort", "newest")
			.containsEntry("collapse", false)
			.containsEntry("department", List.of())
			.doesNotContainKeys("period", "owned", "question", "minReach");
		assertThat(read(BOB, id).expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody())
			.containsEntry("name", "Delays on line 4")
			.containsEntry("filters", search.get("filters"));
	}

	@Test
	void aSearchThatCannotBeUsedIsRefusedNamingTheFieldAndNothingIsSaved() {
		int saved = searches(AMY).size();
		assertRefused(Map.of("name", " "), "name", "'name' is missing");
		assertRefused(Map.of("name", "x".repeat(121)), "name", "at most 120 characters");
		Map<String, Object> query = assertRefused(Map.of("name", "Broken", "query", "(late OR"), "query",
				"not a listening query");
		assertThat(query).containsEntry("position", 8).containsKey("expected");
		assertRefused(filters(Map.of("department", List.of("marketing"))), "filters.department", "'marketing'");
		assertRefused(filters(Map.of("topic", List.of("weather"))), "filters.topic", "'weather'");
		assertRefused(filters(Map.of("competitor", List.of("acme"))), "filters.competitor", "'acme'");
		assertRefused(filters(Map.of("sentiment", List.of("angry"))), "filters.sentiment",
				"'filters.sentiment' must be positive, negative or neutral");
		assertRefused(filters(Map.of("minReach", -1)), "filters.minReach", "'filters.minReach' must be a number");
		assertRefused(filters(Map.of("sort", "urgency")), "filters.sort", "newest or reach");
		assertRefused(filters(Map.of("period", "5d")), "filters.period", "1d, 7d, 14d, 30d, 90d");
		assertRefused(filters(Map.of("period", "7d", "from", "2026-11-01T00:00:00Z")), "filters.period", "not both");
		assertRefused(filters(Map.of("from", "yesterday")), "filters.from", "ISO-8601");
		assertRefused(filters(Map.of("from", "2026-11-09T00:00:00Z", "to", "2026-11-02T00:00:00Z")), "filters.from",
				"must not be after");
		assertRefused(filters(Map.of("owned", "yes")), "filters.owned", "wrong type");
		assertRefused(filters(Map.of("department", "operations")), "filters.department", "wrong type");
		assertRefused(filters(Map.of("minReach", "wide")), "filters.minReach", "wrong type");
		problem(this.web.post()
			.uri("/api/saved-searches")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": \"Unfinished\"")
			.exchange(), 400, "body", "not JSON");
		problem(this.web.post().uri("/api/saved-searches").contentType(MediaType.APPLICATION_JSON).exchange(), 400,
				"body", "Send the search as JSON");

		assertThat(searches(AMY)).hasSize(saved);
	}

	@Test
	void onlyTheMakerOrAnAdministratorRenamesOrDeletesASearch() {
		String id = id(save(AMY, Map.of("name", "Accessibility complaints", "query", "lift OR elevator")));
		String updatedAt = (String) body(read(AMY, id)).get("updatedAt");

		problem(rename(BOB, id, "Mine now"), 403, null, "Only amy, who saved 'Accessibility complaints'");
		problem(rename(AMY, id, ""), 400, "name", "'name' is missing");
		Map<String, Object> renamed = body(rename(AMY, id, "Lifts out of order"));
		assertThat(renamed).containsEntry("name", "Lifts out of order").containsEntry("query", "lift OR elevator");
		assertThat(Instant.parse((String) renamed.get("updatedAt"))).isAfter(Instant.parse(updatedAt));
		assertThat(body(rename(TestUsers.ADMIN, id, "Lifts (checked)"))).containsEntry("name", "Lifts (checked)")
			.containsEntry("createdBy", AMY);
		assertThat(body(read(BOB, id))).containsEntry("name", "Lifts (checked)");

		problem(delete(BOB, "/api/saved-searches/{id}", id), 403, null, "or an administrator may delete it");
		assertThat(body(read(BOB, id))).containsEntry("id", id);
		delete(TestUsers.ADMIN, "/api/saved-searches/{id}", id).expectStatus().isNoContent();
		problem(read(AMY, id), 404, null, "There is no saved search '" + id + "'");
		problem(rename(AMY, id, "Back"), 404, null, "There is no saved search");
		problem(delete(AMY, "/api/saved-searches/{id}", id), 404, null, "There is no saved search");
		assertThat(searches(AMY)).noneMatch((search) -> id.equals(search.get("id")));

		String own = id(save(BOB, Map.of("name", "Bob's own")));
		delete(BOB, "/api/saved-searches/{id}", own).expectStatus().isNoContent();
		problem(read(BOB, own), 404, null, own);
	}

	@Test
	void subscribingUsesTheCallersOwnAddressAndZoneAndEveryoneSeesHowManySubscribed() throws IOException {
		String id = id(save(AMY, Map.of("name", "Safety", "query", "topic:safety")));

		Instant before = Instant.now();
		Map<String, Object> mia = body(subscribe(TestUsers.MEMBER, id, Map.of("timeZone", "Europe/London")));
		assertThat(mia).containsEntry("searchId", id)
			.containsEntry("username", TestUsers.MEMBER)
			.containsEntry("email", TestUsers.MEMBER_EMAIL)
			.containsEntry("timeZone", "Europe/London");
		assertThat(Instant.parse((String) mia.get("since"))).isBetween(before, Instant.now());
		assertThat(body(subscribe(AMY, id, null))).containsEntry("email", "amy@harborcity-transit.example")
			.containsEntry("timeZone", "UTC");

		assertThat(search(TestUsers.MEMBER, id)).containsEntry("subscribed", true).containsEntry("subscribers", 2);
		assertThat(search(BOB, id)).containsEntry("subscribed", false).containsEntry("subscribers", 2);
		assertThat(body(read(AMY, id))).containsEntry("subscribed", true).containsEntry("subscribers", 2);

		// Subscribing again changes the zone, not when the subscription began, and counts
		// once.
		assertThat(body(subscribe(TestUsers.MEMBER, id, Map.of("timeZone", "America/New_York"))))
			.containsEntry("timeZone", "America/New_York")
			.containsEntry("since", mia.get("since"));
		Map<String, Object> stored = subscriptionDocument(id + ":" + TestUsers.MEMBER);
		assertThat(stored).containsEntry("searchId", id)
			.containsEntry("username", TestUsers.MEMBER)
			.containsEntry("email", TestUsers.MEMBER_EMAIL)
			.containsEntry("timeZone", "America/New_York")
			.containsEntry("since", mia.get("since"));
		assertThat(body(read(BOB, id))).containsEntry("subscribers", 2);

		delete(TestUsers.MEMBER, "/api/saved-searches/{id}/subscription", id).expectStatus().isNoContent();
		delete(TestUsers.MEMBER, "/api/saved-searches/{id}/subscription", id).expectStatus().isNoContent();
		assertThat(search(TestUsers.MEMBER, id)).containsEntry("subscribed", false).containsEntry("subscribers", 1);
		assertThat(subscriptionDocument(id + ":" + TestUsers.MEMBER)).isNull();
	}

	@Test
	void subscribingWithoutAnEmailAddressAnUnknownZoneOrToAnUnknownSearchIsRefused() {
		String id = id(save(AMY, Map.of("name", "Jobs", "query", "topic:jobs")));

		Map<String, Object> noEmail = problem(subscribe(BOB, id, Map.of("timeZone", "Europe/London")), 400, "email",
				"has no email address to send the daily email to");
		assertThat((String) noEmail.get("detail")).contains("grapevine.security.users[n].email")
			.contains("'email' claim");
		problem(subscribe(TestUsers.MEMBER, id, Map.of("timeZone", "Mars/Olympus_Mons")), 400, "timeZone",
				"'Mars/Olympus_Mons'");
		problem(subscribe(TestUsers.MEMBER, "no-such-search", Map.of()), 404, null, "no-such-search");
		problem(delete(TestUsers.MEMBER, "/api/saved-searches/{id}/subscription", "no-such-search"), 404, null,
				"no-such-search");
		assertThat(search(TestUsers.MEMBER, id)).containsEntry("subscribers", 0);
	}

	@Test
	void deletingASearchEndsItsSubscriptions() throws IOException {
		String id = id(save(AMY, Map.of("name", "Brand", "query", "topic:brand")));
		subscribe(TestUsers.MEMBER, id, Map.of("timeZone", "Europe/Paris")).expectStatus().isOk();
		subscribe(AMY, id, Map.of()).expectStatus().isOk();
		assertThat(subscriptionDocument(id + ":" + AMY)).isNotNull();

		delete(AMY, "/api/saved-searches/{id}", id).expectStatus().isNoContent();

		assertThat(subscriptionDocument(id + ":" + TestUsers.MEMBER)).isNull();
		assertThat(subscriptionDocument(id + ":" + AMY)).isNull();
	}

	@Test
	void theIndicesHaveExplicitMappingsThatTakeNoFieldTheyDoNotKnow() throws IOException {
		String id = id(save(AMY, Map.of("name", "Mapped", "filters", Map.of("department", List.of("people")))));
		subscribe(AMY, id, Map.of()).expectStatus().isOk();

		for (String index : List.of("saved-searches", "saved-search-subscriptions")) {
			GetMappingResponse mapping = this.elasticsearch.indices().getMapping((get) -> get.index(index));
			assertThat(mapping.get(index).mappings().dynamic()).as(index).hasToString("False");
		}
		Map<String, Object> stored = document("saved-searches", id);
		assertThat(stored).containsEntry("id", id)
			.containsEntry("name", "Mapped")
			.containsEntry("createdBy", AMY)
			.containsKeys("createdAt", "updatedAt", "query");
		assertThat(map(stored, "filters")).containsEntry("department", List.of("people"))
			.containsEntry("sort", "newest")
			.containsEntry("collapse", false);
	}

	@Test
	void savedSearchesNeedSignIn() {
		this.anonymous.get().uri("/api/saved-searches").exchange().expectStatus().isUnauthorized();
		this.anonymous.post()
			.uri("/api/saved-searches")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "Anyone"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	private ResponseSpec save(String user, Map<String, Object> body) {
		return as(user, HttpMethod.POST, "/api/saved-searches").bodyValue(body).exchange();
	}

	private static String id(ResponseSpec created) {
		return (String) created.expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody().get("id");
	}

	private ResponseSpec read(String user, String id) {
		return this.web.get()
			.uri("/api/saved-searches/{id}", id)
			.headers((headers) -> headers.setBasicAuth(user, password(user)))
			.exchange();
	}

	private ResponseSpec rename(String user, String id, String name) {
		return as(user, HttpMethod.PATCH, "/api/saved-searches/" + id).bodyValue(Map.of("name", name)).exchange();
	}

	private ResponseSpec subscribe(String user, String id, Map<String, Object> body) {
		RequestBodySpec request = as(user, HttpMethod.PUT, "/api/saved-searches/" + id + "/subscription");
		return (body != null) ? request.bodyValue(body).exchange() : request.exchange();
	}

	private ResponseSpec delete(String user, String uri, String id) {
		return this.web.delete()
			.uri(uri, id)
			.headers((headers) -> headers.setBasicAuth(user, password(user)))
			.exchange();
	}

	private RequestBodySpec as(String user, HttpMethod method, String uri) {
		return this.web.method(method)
			.uri(uri)
			.headers((headers) -> headers.setBasicAuth(user, password(user)))
			.contentType(MediaType.APPLICATION_JSON);
	}

	private List<Map<String, Object>> searches(String user) {
		return list(body(this.web.get()
			.uri("/api/saved-searches")
			.headers((headers) -> headers.setBasicAuth(user, password(user)))
			.exchange()), "searches");
	}

	private Map<String, Object> search(String user, String id) {
		return searches(user).stream()
			.filter((search) -> id.equals(search.get("id")))
			.findFirst()
			.orElseThrow(() -> new AssertionError(user + " does not see the saved search " + id));
	}

	private static Map<String, Object> filters(Map<String, Object> filters) {
		return Map.of("name", "Filtered", "filters", filters);
	}

	private Map<String, Object> assertRefused(Map<String, Object> body, String field, String detail) {
		return problem(save(AMY, body), 400, field, detail);
	}

	private static Map<String, Object> problem(ResponseSpec response, int status, String field, String detail) {
		Map<String, Object> problem = response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		assertThat(problem).containsEntry("status", status);
		assertThat((String) problem.get("detail")).contains(detail);
		if (field != null) {
			assertThat(problem).as("the field named").containsEntry("field", field);
		}
		return problem;
	}

	private static Map<String, Object> body(ResponseSpec response) {
		return response.expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
	}

	private Map<String, Object> subscriptionDocument(String id) throws IOException {
		return document("saved-search-subscriptions", id);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> document(String index, String id) throws IOException {
		var response = this.elasticsearch.get((get) -> get.index(index).id(id), ObjectNode.class);
		if (!response.found()) {
			return null;
		}
		return new ObjectMapper().convertValue(response.source(), Map.class);
	}

	private static String password(String user) {
		return TestUsers.ADMIN.equals(user) ? TestUsers.ADMIN_PASSWORD : TestUsers.MEMBER_PASSWORD;
	}

}
