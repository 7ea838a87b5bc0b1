package io.grapevine.digest.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

import io.grapevine.digest.archive.ArchivedDigest;
import io.grapevine.digest.archive.DigestArchive;
import io.grapevine.digest.archive.DigestSummary;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.security.PageAccount;

/**
 * The archive pages anyone in the organization can open: the list of sent digests and
 * each digest as it was emailed.
 */
@Controller
class DigestPagesController {

	private static final DateTimeFormatter SENT = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.US);

	private static final int PAGE_SIZE = 100;

	private final DigestArchive archive;

	private final Organization organization;

	DigestPagesController(DigestArchive archive, Organization organization) {
		this.archive = archive;
		this.organization = organization;
	}

	@GetMapping("/")
	Rendering home() {
		return Rendering.redirectTo("/digests").build();
	}

	@GetMapping("/digests")
	Mono<Rendering> list(@RequestParam Optional<String> department, @RequestParam Optional<String> kind,
			@RequestParam Optional<String> q, ServerWebExchange exchange) {
		Optional<String> selected = department.filter((id) -> !id.isBlank()).map(String::strip);
		Optional<String> selectedKind = kind.filter((value) -> !value.isBlank()).map(String::strip);
		Optional<String> words = q.filter((value) -> !value.isBlank()).map(String::strip);
		return this.archive.list(selected, selectedKind, words, PAGE_SIZE)
			.map((digests) -> Rendering.view("digests/list")
				.modelAttribute(PageAccount.ATTRIBUTE, PageAccount.of(exchange))
				.modelAttribute("q", words.orElse(""))
				.modelAttribute("organization", this.organization.name())
				.modelAttribute("kinds", ArchivedDigest.KINDS)
				.modelAttribute("kind", selectedKind.orElse(""))
				.modelAttribute("departments", this.organization.departments().stream().map(Choice::of).toList())
				.modelAttribute("selected", selected.orElse(""))
				.modelAttribute("rows", digests.stream().map(this::row).toList())
				.build());
	}

	@GetMapping("/digests/{id}")
	Mono<Rendering> show(@PathVariable String id, ServerWebExchange exchange) {
		return this.archive.find(id)
			.map((digest) -> Rendering.view("digests/show")
				.modelAttribute(PageAccount.ATTRIBUTE, PageAccount.of(exchange))
				.modelAttribute("organization", this.organization.name())
				.modelAttribute("digest", digest)
				.modelAttribute("day", digest.period().label())
				.modelAttribute("sentAt", sent(digest.sentAt(), digest.period().zone()))
				.build())
			.switchIfEmpty(Mono.fromSupplier(() -> Rendering.view("digests/missing")
				.status(HttpStatus.NOT_FOUND)
				.modelAttribute(PageAccount.ATTRIBUTE, PageAccount.of(exchange))
				.modelAttribute("organization", this.organization.name())
				.modelAttribute("id", id)
				.build()));
	}

	private Row row(DigestSummary digest) {
		return new Row(digest.id(), digest.departmentName(), digest.period().label(), digest.period().zone(),
				(digest.figures() != null) ? digest.figures().total() : 0,
				(digest.figures() != null) ? digest.figures().change() : "",
				sent(digest.sentAt(), digest.period().zone()), digest.recipients().count(),
				digest.sentOnRequest() ? "on request" : "scheduled", digest.period().rhythm());
	}

	private static String sent(Instant sentAt, String zone) {
		ZoneId zoneId = ZoneId.of(zone);
		return SENT.format(sentAt.atZone(zoneId));
	}

	/**
	 * One row of the archive list.
	 *
	 * @param id the archive id
	 * @param department the department's name
	 * @param day the day covered
	 * @param zone the zone of the day
	 * @param total mentions on the day
	 * @param change the change in words
	 * @param sentAt when it was sent, in the department's zone
	 * @param recipients how many it went to
	 * @param kind scheduled or on request
	 * @param rhythm daily or weekly
	 */
	record Row(String id, String department, String day, String zone, long total, String change, String sentAt,
			int recipients, String kind, String rhythm) {

	}

	/**
	 * A department in the filter.
	 *
	 * @param id the department id
	 * @param name its name
	 */
	record Choice(String id, String name) {

		static Choice of(Department department) {
			return new Choice(department.id(), department.name());
		}

	}

}
