package io.grapevine.digest.alerting;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;
import io.grapevine.security.PageAccount;

/**
 * The alerts page of the digest archive, {@code /alerts}: per department, the recent
 * alerts on the topics it owns or follows (what raised each, its figures against the
 * baseline, how many updates it had and where it stands) and its muted topics.
 */
public final class AlertPages {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.US);

	private static final int RECENT = 200;

	private AlertPages() {
	}

	/**
	 * The routes.
	 * @param archive the alert archive
	 * @param mutes the mutes of this replica, refreshed from the archive
	 * @param organization the organization
	 * @param clock the clock
	 * @return the router
	 */
	public static RouterFunction<ServerResponse> routes(AlertArchive archive, AlertMutes mutes,
			Organization organization, Clock clock) {
		return RouterFunctions.route()
			.GET("/alerts", (request) -> Mono.zip(archive.latest(RECENT), archive.mutes()).flatMap((read) -> {
				mutes.replaceWith(read.getT2());
				Map<String, Object> model = new LinkedHashMap<>();
				model.put(PageAccount.ATTRIBUTE, PageAccount.of(request.exchange()));
				model.put("organization", organization.name());
				model.put("departments", departments(read.getT1(), mutes.at(clock.instant()), organization));
				return ServerResponse.ok().contentType(MediaType.TEXT_HTML).render("alerts/list", model);
			}))
			.build();
	}

	private static List<DepartmentAlerts> departments(List<Alert> alerts, Map<String, Instant> muted,
			Organization organization) {
		List<DepartmentAlerts> departments = new ArrayList<>();
		for (Department department : organization.departments()) {
			ZoneId zone = department.timeZone();
			List<Row> rows = alerts.stream()
				.filter((alert) -> department.listensTo(alert.topicId()))
				.map((alert) -> row(alert, organization, zone))
				.toList();
			List<Muted> mutedTopics = muted.entrySet()
				.stream()
				.filter((mute) -> department.listensTo(mute.getKey()))
				.map((mute) -> new Muted(topicName(organization, mute.getKey()),
						mute.getValue().equals(Instant.MAX) ? "until the setting grapevine.alerts.muted changes"
								: "until " + WHEN.format(mute.getValue().atZone(zone)) + " " + zone))
				.toList();
			departments.add(new DepartmentAlerts(department.id(), department.name(), zone.getId(), rows, mutedTopics));
		}
		return departments;
	}

	private static Row row(Alert alert, Organization organization, ZoneId zone) {
		String topic = topicName(organization, alert.topicId());
		String at = WHEN.format(alert.at().atZone(zone));
		if (alert.kind() == Alert.Kind.REACH) {
			return new Row(alert.id(), "High-reach author", "reach", topic, "@" + alert.author().orElse("?"),
					String.format(Locale.ROOT, "reach %,.0f", alert.reach().orElse(0.0)), alert.text().orElse(""), "",
					at);
		}
		String figures = String.format(Locale.ROOT,
				"%d mentions in the hour against %.1f expected; %.0f%% negative against %.0f%% usually", alert.count(),
				alert.expected(), alert.negativeShare() * 100, alert.baselineNegativeShare() * 100);
		int updates = (alert.state() == Alert.State.OVER) ? alert.revision() - 1 : alert.revision();
		String state = switch (alert.state()) {
			case OPENED, UPDATED -> "ongoing";
			case OVER -> "over";
		};
		return new Row(alert.id(), (alert.kind() == Alert.Kind.VOLUME) ? "Volume spike" : "Negative spike", state,
				topic, "", figures, "", (updates == 1) ? "1 update" : updates + " updates", at);
	}

	private static String topicName(Organization organization, String topicId) {
		return organization.topic(topicId).map(Topic::name).orElse(topicId);
	}

	/**
	 * A department's part of the page.
	 *
	 * @param id the department id
	 * @param name its name
	 * @param zone the zone its times are shown in
	 * @param alerts its recent alerts, newest first
	 * @param muted its muted topics
	 */
	public record DepartmentAlerts(String id, String name, String zone, List<Row> alerts, List<Muted> muted) {
	}

	/**
	 * One alert on the page.
	 *
	 * @param id the alert id
	 * @param kind what raised it, in words
	 * @param state ongoing, over, or reach
	 * @param topic the topic's name
	 * @param author the author of a reach alert
	 * @param figures the figures against the baseline, or the reach
	 * @param text the mention's text of a reach alert
	 * @param updates how many updates a storm had
	 * @param at when its latest message was raised
	 */
	public record Row(String id, String kind, String state, String topic, String author, String figures, String text,
			String updates, String at) {
	}

	/**
	 * A muted topic on the page.
	 *
	 * @param topic the topic's name
	 * @param until until when, in words
	 */
	public record Muted(String topic, String until) {
	}

}
