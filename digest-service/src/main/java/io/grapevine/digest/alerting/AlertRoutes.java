package io.grapevine.digest.alerting;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.grapevine.listening.organization.Organization;

/**
 * The alerts API: {@code GET /api/alerts} lists the latest alerts, {@code GET
 * /api/alerts/mutes} the topics muted now, {@code POST /api/alerts/mute} with
 * {@code {"topic": "delays", "for": "PT2H"}} (or {@code "until"}: an instant) mutes a
 * topic on every replica, and {@code DELETE /api/alerts/mutes/{topic}} unmutes it. A
 * request it cannot take is answered {@code 400} with a problem detail whose
 * {@code field} names the field to fix.
 */
public final class AlertRoutes {

	private static final Duration LONGEST_MUTE = Duration.ofDays(90);

	private AlertRoutes() {
	}

	/**
	 * The routes.
	 * @param archive the alert archive
	 * @param mutes the mutes of this replica
	 * @param organization the organization
	 * @param clock the clock
	 * @return the router
	 */
	public static RouterFunction<ServerResponse> routes(AlertArchive archive, AlertMutes mutes,
			Organization organization, Clock clock) {
		return RouterFunctions.route()
			.GET("/api/alerts", (request) -> archive
				.latest(request.queryParam("size").map(AlertRoutes::size).orElse(50))
				.flatMap((alerts) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(alerts)))
			.GET("/api/alerts/mutes", (request) -> archive.mutes().flatMap((stored) -> {
				mutes.replaceWith(stored);
				return ServerResponse.ok()
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(describe(mutes.at(clock.instant()), mutes, organization));
			}))
			.POST("/api/alerts/mute", (request) -> mute(request, archive, mutes, organization, clock))
			.DELETE("/api/alerts/mutes/{topic}",
					(request) -> unmute(request.pathVariable("topic"), archive, mutes, organization))
			.build();
	}

	private static List<Map<String, Object>> describe(Map<String, Instant> muted, AlertMutes mutes,
			Organization organization) {
		return muted.entrySet()
			.stream()
			.filter((entry) -> organization.topic(entry.getKey()).isPresent())
			.map((entry) -> {
				Map<String, Object> mute = new LinkedHashMap<>();
				mute.put("topic", entry.getKey());
				boolean forGood = mutes.mutedForGood(entry.getKey());
				mute.put("until", forGood ? null : entry.getValue().toString());
				mute.put("setting", forGood ? "grapevine.alerts.muted" : null);
				return mute;
			})
			.toList();
	}

	private static int size(String value) {
		try {
			return Math.max(1, Math.min(500, Integer.parseInt(value)));
		}
		catch (NumberFormatException ex) {
			return 50;
		}
	}

	private static Mono<ServerResponse> mute(ServerRequest request, AlertArchive archive, AlertMutes mutes,
			Organization organization, Clock clock) {
		return request.bodyToMono(JsonNode.class)
			.onErrorResume((ex) -> Mono.just(NullNode.getInstance()))
			.defaultIfEmpty(NullNode.getInstance())
			.flatMap((body) -> {
				if (!body.isObject()) {
					return problem("body",
							"the body must be a JSON object such as {\"topic\": \"delays\", \"for\": \"PT2H\"}");
				}
				JsonNode topicNode = body.path("topic");
				String topic = topicNode.isTextual() ? topicNode.asText() : "";
				if (topic.isBlank()) {
					return problem("topic", "topic is required: the id of a topic of the organization file");
				}
				if (organization.topic(topic).isEmpty()) {
					return problem("topic", "topic must name a topic of the organization file, not '" + topic + "'");
				}
				boolean hasUntil = body.hasNonNull("until");
				boolean hasFor = body.hasNonNull("for");
				if (hasUntil == hasFor) {
					return problem(hasUntil ? "until" : "for",
							"give either until (an instant such as 2026-11-22T18:00:00Z) or for (a duration such as PT2H), "
									+ (hasUntil ? "not both" : "one of them"));
				}
				String field = hasUntil ? "until" : "for";
				Instant now = clock.instant();
				Instant until;
				try {
					until = hasUntil ? Instant.parse(body.get("until").asText())
							: now.plus(Duration.parse(body.get("for").asText()));
				}
				catch (DateTimeParseException | ArithmeticException ex) {
					return problem(field, hasUntil
							? "until must be an instant such as 2026-11-22T18:00:00Z, not '"
									+ body.get("until").asText() + "'"
							: "for must be a duration such as PT2H or P1D, not '" + body.get("for").asText() + "'");
				}
				if (!until.isAfter(now) || until.isAfter(now.plus(LONGEST_MUTE))) {
					return problem(field,
							field + " must end the mute in the future and within " + LONGEST_MUTE.toDays() + " days");
				}
				return archive.mute(topic, until)
					.then(Mono.fromRunnable(() -> mutes.mute(topic, until)))
					.then(ServerResponse.ok()
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue(Map.of("topic", topic, "until", until.toString())));
			});
	}

	private static Mono<ServerResponse> unmute(String topic, AlertArchive archive, AlertMutes mutes,
			Organization organization) {
		if (organization.topic(topic).isEmpty()) {
			return problem("topic", "topic must name a topic of the organization file, not '" + topic + "'");
		}
		if (mutes.mutedForGood(topic)) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "the topic '" + topic
					+ "' is muted by the setting grapevine.alerts.muted; remove it there to unmute it");
			problem.setTitle("Muted by configuration");
			problem.setProperty("field", "topic");
			return ServerResponse.status(HttpStatus.CONFLICT)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.bodyValue(problem);
		}
		return archive.unmute(topic)
			.doOnNext((removed) -> mutes.unmute(topic))
			.flatMap((removed) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("topic", topic, "wasMuted", removed)));
	}

	private static Mono<ServerResponse> problem(String field, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid request");
		problem.setType(URI.create("about:blank"));
		problem.setProperty("field", field);
		return ServerResponse.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).bodyValue(problem);
	}

}
