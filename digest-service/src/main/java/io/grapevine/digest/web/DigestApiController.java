package io.grapevine.digest.web;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.grapevine.digest.archive.ArchivedDigest;
import io.grapevine.digest.archive.DigestArchive;
import io.grapevine.digest.archive.DigestNotFoundException;
import io.grapevine.digest.archive.DigestSummary;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.sending.DigestSender;
import io.grapevine.listening.organization.Organization;

/**
 * The digest API: send a department's digest now, list and read archived digests.
 */
@RestController
@RequestMapping("/api/digests")
class DigestApiController {

	private final DigestSender sender;

	private final DigestArchive archive;

	private final Organization organization;

	DigestApiController(DigestSender sender, DigestArchive archive, Organization organization) {
		this.sender = sender;
		this.archive = archive;
		this.organization = organization;
	}

	@PostMapping("/run")
	Mono<ArchivedDigest> run(@RequestBody RunRequest request) {
		boolean hasDepartment = request.department() != null && !request.department().isBlank();
		boolean hasAudience = request.audience() != null && !request.audience().isBlank();
		if (hasDepartment && hasAudience) {
			throw new InvalidRequestException("the body names a 'department' and an 'audience'; name one of them");
		}
		String requestedKind = (request.kind() != null) ? request.kind().strip() : "";
		if (ArchivedDigest.BOARD.equals(requestedKind)) {
			if (hasDepartment || hasAudience) {
				throw new InvalidRequestException("the board digest goes to the board of the organization file, "
						+ "not to a department or an audience; send {\"kind\": \"board\"} alone");
			}
			return request.unlessSent() ? this.sender.sendUnlessSent(Organization.BOARD, Period.Rhythm.MONTHLY)
					: this.sender.sendNow(Organization.BOARD, Period.Rhythm.MONTHLY);
		}
		if (hasAudience && !Organization.ALL_STAFF.equals(request.audience().strip())) {
			throw new InvalidRequestException("'audience' must be all-staff, was '" + request.audience().strip()
					+ "'; for a department's digest send {\"department\": \"<id>\"}");
		}
		if (!hasDepartment && !hasAudience) {
			throw new InvalidRequestException(
					"the body needs a 'department' with a department id, e.g. {\"department\": \"operations\"}, "
							+ "{\"audience\": \"all-staff\"} or {\"kind\": \"board\"}");
		}
		String target = hasAudience ? Organization.ALL_STAFF : request.department().strip();
		String kind = (request.kind() != null && !request.kind().isBlank()) ? request.kind().strip()
				: defaultKind(target);
		Period.Rhythm rhythm = Stream.of(Period.Rhythm.DAILY, Period.Rhythm.WEEKLY)
			.filter((candidate) -> candidate.word().equals(kind))
			.findFirst()
			.orElseThrow(() -> new InvalidRequestException(
					"'kind' must be daily or weekly (or board, for the board's monthly digest), was '" + kind
							+ "'; leave it out for a daily digest"));
		return request.unlessSent() ? this.sender.sendUnlessSent(target, rhythm) : this.sender.sendNow(target, rhythm);
	}

	// The organization-wide digest runs in its own rhythm unless the body names one.
	private String defaultKind(String target) {
		return Organization.ALL_STAFF.equals(target)
				&& this.organization.allStaff().map((audience) -> !audience.rhythm().daily()).orElse(false)
						? Period.Rhythm.WEEKLY.word() : Period.Rhythm.DAILY.word();
	}

	@GetMapping
	Mono<List<DigestSummary>> list(@RequestParam Optional<String> department, @RequestParam Optional<String> kind,
			@RequestParam Optional<String> q, @RequestParam(defaultValue = "20") int size) {
		if (size < 1 || size > 100) {
			throw new InvalidRequestException("size must be between 1 and 100, was " + size);
		}
		Optional<String> selectedKind = kind.filter((value) -> !value.isBlank()).map(String::strip);
		if (selectedKind.isPresent() && !ArchivedDigest.KINDS.contains(selectedKind.get())) {
			throw new InvalidRequestException("kind must be one of " + String.join(", ", ArchivedDigest.KINDS)
					+ ", was '" + selectedKind.get() + "'");
		}
		return this.archive.list(department.filter((id) -> !id.isBlank()).map(String::strip), selectedKind,
				q.filter((words) -> !words.isBlank()).map(String::strip), size);
	}

	@GetMapping("/{id}")
	Mono<ArchivedDigest> one(@PathVariable String id) {
		return this.archive.find(id).switchIfEmpty(Mono.error(() -> new DigestNotFoundException(id)));
	}

	/**
	 * What {@code POST /api/digests/run} takes.
	 *
	 * @param department the id of the department to send a digest to
	 * @param kind {@code daily} (the default) for yesterday, {@code weekly} for the
	 * previous ISO week, {@code board} for the board's digest of last month
	 * @param audience {@code all-staff} for the organization-wide digest, instead of a
	 * department
	 * @param unlessSent {@code true} to send the period's digest under the id the
	 * schedule gives it, and only if it was not sent yet (answering the one sent before);
	 * by default a new digest is sent on request every time
	 */
	record RunRequest(String department, String kind, String audience, boolean unlessSent) {

	}

}
