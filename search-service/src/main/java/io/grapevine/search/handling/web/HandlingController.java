package io.grapevine.search.handling.web;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.grapevine.listening.organization.Organization;
import io.grapevine.search.handling.ActionKind;
import io.grapevine.search.handling.ActionRequest;
import io.grapevine.search.handling.Handling;
import io.grapevine.search.handling.HandlingFilter;
import io.grapevine.search.handling.HandlingState;
import io.grapevine.search.handling.HandlingSummary;
import io.grapevine.search.handling.InvalidActionException;
import io.grapevine.search.handling.MentionHandling;
import io.grapevine.search.handling.elasticsearch.HandlingStore;
import io.grapevine.search.mentions.Cursor;
import io.grapevine.search.mentions.MentionFilter;
import io.grapevine.search.mentions.MentionPage;
import io.grapevine.search.mentions.MentionQuery;
import io.grapevine.search.mentions.MentionQuery.Order;
import io.grapevine.search.mentions.elasticsearch.MentionSearch;
import io.grapevine.search.mentions.web.MentionSearchParameters;
import io.grapevine.search.web.InvalidParameterException;
import io.grapevine.search.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who answers: takes actions on mentions as the signed-in user, and serves a mention's
 * history, each department's queue and how it answers.
 */
@RestController
class HandlingController {

	/** The most mentions one action takes at once. */
	static final int MAX_BULK = 100;

	// Taken side by side, then made visible to searches at once when all are taken.
	private static final int BULK_CONCURRENCY = 8;

	private final HandlingStore store;

	private final MentionSearch search;

	private final Organization organization;

	HandlingController(HandlingStore store, MentionSearch search, Organization organization) {
		this.store = store;
		this.search = search;
		this.organization = organization;
	}

	@PostMapping("/api/mentions/{id}/actions")
	@Operation(summary = "Assign, answer, escalate, dismiss or reopen a mention, as the signed-in user",
			description = "answer needs answerUrl; escalate needs department and reason; dismiss needs reason; "
					+ "assign needs department and/or assignee. Answers the mention's new handling.")
	Mono<Handling> act(@PathVariable String id, @RequestBody(required = false) ActionBody body,
			ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.map(Principal::getName)
			.filter((name) -> !name.isBlank())
			.switchIfEmpty(Mono.error(NotSignedInException::new))
			.flatMap((actor) -> {
				if (body == null) {
					throw new InvalidActionException("action", "Send the action as JSON, e.g. "
							+ "{\"action\": \"answer\", \"answerUrl\": \"https://…\"}");
				}
				ActionRequest request = ActionRequest.parse(body.action(), body.department(), body.assignee(),
						body.answerUrl(), body.reason());
				return this.store.act(id, request, actor);
			});
	}

	@GetMapping("/api/mentions/{id}/handling")
	@Operation(summary = "A mention's handling and every action taken on it, newest first")
	Mono<MentionHandling> handling(@PathVariable String id) {
		return this.store.handling(id);
	}

	@GetMapping("/api/handling")
	@Operation(summary = "A department's mentions in a handling state: waiting ones most urgent first",
			description = "Waiting mentions come most urgent first: the sum of their reach, 2 when negative, 2 when "
					+ "they ask, and 1 for each of four hours and one day waited since publication (each item "
					+ "says why, under 'urgency'); the others newest first. 'sort' chooses another order.")
	Mono<MentionPage> queue(
			@Parameter(description = "a department id") @RequestParam(required = false) String department,
			@Parameter(description = "open (every waiting state, the default), assigned, answered, escalated, "
					+ "dismissed or reopened") @RequestParam(required = false) String state,
			@Parameter(description = "ISO-8601 instant, inclusive") @RequestParam(required = false) String from,
			@Parameter(description = "ISO-8601 instant, exclusive") @RequestParam(required = false) String to,
			@Parameter(description = "topic ids") @RequestParam(required = false) List<String> topic,
			@Parameter(description = "source kinds") @RequestParam(required = false) List<String> source,
			@Parameter(description = "positive, negative or neutral") @RequestParam(
					required = false) List<String> sentiment,
			@Parameter(description = "the least reach, 0 to 20") @RequestParam(required = false) String minReach,
			@Parameter(description = "true for mentions that ask, false for the others") @RequestParam(
					required = false) String question,
			@Parameter(description = "urgency (the default for waiting mentions), reach or newest (the default "
					+ "for the others)") @RequestParam(required = false) String sort,
			@Parameter(description = "1 to 100, default 20") @RequestParam(required = false) String size,
			@Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor) {
		Set<HandlingState> states = (state == null || state.isBlank()) ? HandlingState.WAITING : states("state", state);
		Optional<String> holder = department("department", department);
		HandlingFilter byHandling = HandlingFilter.of(states, holder, this.organization);
		MentionFilter mentions = new MentionSearchParameters(null, from, to, source, null, topic, null, sentiment, null,
				null, question, minReach, null)
			.filter(this.organization)
			.withHandling(Optional.of(byHandling));
		Order order = queueOrder(sort, byHandling);
		int pageSize = QueryParameters.integer("size", size, 1, MentionQuery.MAX_SIZE, MentionQuery.DEFAULT_SIZE);
		Optional<Cursor> after = QueryParameters.cursor(cursor);
		try {
			return this.search.search(new MentionQuery(Optional.empty(), mentions, pageSize, after, order, false));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidParameterException("cursor",
					"'cursor' belongs to a page of another 'state' or 'sort'; start again without it");
		}
	}

	@PostMapping("/api/mentions/actions")
	@Operation(summary = "Assign, dismiss, escalate or reopen several mentions at once, as the signed-in user",
			description = "Each mention is acted on as by POST /api/mentions/{id}/actions, with one history entry "
					+ "each; the answer lists each mention's new handling or the problem that stopped it.")
	Mono<BulkResult> actOnMany(@RequestBody(required = false) BulkActionBody body, ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.map(Principal::getName)
			.filter((name) -> !name.isBlank())
			.switchIfEmpty(Mono.error(NotSignedInException::new))
			.flatMap((actor) -> {
				if (body == null || body.mentions() == null || body.mentions().isEmpty()) {
					throw new InvalidActionException("mentions",
							"Send the ids of the mentions to act on as 'mentions', e.g. "
									+ "{\"mentions\": [\"x:1\", \"x:2\"], \"action\": \"dismiss\", \"reason\": \"spam\"}");
				}
				List<String> ids = body.mentions()
					.stream()
					.filter((id) -> id != null && !id.isBlank())
					.distinct()
					.toList();
				if (ids.size() > MAX_BULK) {
					throw new InvalidActionException("mentions",
							"Act on at most " + MAX_BULK + " mentions at once, not " + ids.size());
				}
				if (ActionKind.of(body.action()).filter((kind) -> kind == ActionKind.ANSWER).isPresent()) {
					throw new InvalidActionException("action",
							"Answer mentions one at a time, each with the link to its own answer");
				}
				ActionRequest request = ActionRequest.parse(body.action(), body.department(), body.assignee(), null,
						body.reason());
				return Flux.fromIterable(ids)
					.flatMapSequential((id) -> actOn(id, request, actor), BULK_CONCURRENCY)
					.collectList()
					.flatMap((items) -> this.store.refresh().thenReturn(new BulkResult(items)));
			});
	}

	@GetMapping("/api/handling/summary")
	@Operation(summary = "What waits now and for how long, and the answers, dismissals and escalations of a period",
			description = "open, longestWaitSeconds and medianWaitSeconds describe the mentions waiting now; "
					+ "the other figures count the actions taken in [from, to).")
	Mono<HandlingSummary> summary(
			@Parameter(description = "a department id; the whole organization when absent") @RequestParam(
					required = false) String department,
			@Parameter(description = "ISO-8601 instant, inclusive") @RequestParam(required = false) String from,
			@Parameter(description = "ISO-8601 instant, exclusive") @RequestParam(required = false) String to) {
		Optional<String> holder = department("department", department);
		Optional<Instant> start = QueryParameters.instant("from", from);
		Optional<Instant> end = QueryParameters.instant("to", to);
		QueryParameters.requireOrdered(start, end);
		return this.store.summary(holder, start, end);
	}

	private Optional<String> department(String name, String value) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		String id = value.strip();
		if (this.organization.department(id).isEmpty()) {
			throw new InvalidParameterException(name,
					"'" + name + "' must be a department id ("
							+ String.join(", ", this.organization.departments().stream().map((d) -> d.id()).toList())
							+ "), was '" + value + "'");
		}
		return Optional.of(id);
	}

	private Mono<BulkItem> actOn(String id, ActionRequest request, String actor) {
		return this.store.act(id, request, actor, false)
			.map((handling) -> BulkItem.done(id, handling))
			.onErrorResume((ex) -> {
				Optional<ProblemDetail> problem = HandlingProblems.of(ex);
				return problem.isPresent() ? Mono.just(BulkItem.failed(id, problem.get())) : Mono.error(ex);
			});
	}

	private static Order queueOrder(String value, HandlingFilter filter) {
		if (value == null || value.isBlank()) {
			return filter.waiting() ? Order.URGENCY : Order.NEWEST;
		}
		return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
			case "urgency" -> Order.URGENCY;
			case "reach" -> Order.REACH;
			case "newest" -> Order.NEWEST;
			default -> throw new InvalidParameterException("sort",
					"'sort' must be urgency, reach or newest, was '" + value + "'");
		};
	}

	static Set<HandlingState> states(String name, String value) {
		return HandlingFilter.states(value)
			.orElseThrow(() -> new InvalidParameterException(name, "'" + name
					+ "' must be open, assigned, answered, escalated, dismissed or reopened, was '" + value + "'"));
	}

	/**
	 * The JSON body of an action.
	 *
	 * @param action assign, answer, escalate, dismiss or reopen
	 * @param department the department to assign or escalate to
	 * @param assignee the person to assign to
	 * @param answerUrl the link to the answer
	 * @param reason why
	 */
	record ActionBody(String action, String department, String assignee, String answerUrl, String reason) {
	}

	/**
	 * The JSON body of an action on several mentions.
	 *
	 * @param mentions the ids of the mentions
	 * @param action assign, escalate, dismiss or reopen
	 * @param department the department to assign or escalate to
	 * @param assignee the person to assign to
	 * @param reason why
	 */
	record BulkActionBody(List<String> mentions, String action, String department, String assignee, String reason) {
	}

	/**
	 * What an action on several mentions did to each.
	 *
	 * @param results one per mention, in the order asked
	 */
	record BulkResult(List<BulkItem> results) {
	}

	/**
	 * What an action did to one mention: its new handling, or the problem that stopped
	 * it.
	 *
	 * @param mentionId the mention
	 * @param handling its handling after the action
	 * @param problem why the action was not taken
	 */
	@JsonInclude(JsonInclude.Include.NON_ABSENT)
	record BulkItem(String mentionId, Optional<Handling> handling, Optional<ProblemDetail> problem) {

		static BulkItem done(String mentionId, Handling handling) {
			return new BulkItem(mentionId, Optional.of(handling), Optional.empty());
		}

		static BulkItem failed(String mentionId, ProblemDetail problem) {
			return new BulkItem(mentionId, Optional.empty(), Optional.of(problem));
		}

	}

}
