package io.grapevine.digest.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
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
import io.grapevine.digest.audience.Audience;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.sending.DigestSender;
import io.grapevine.digest.sending.UnknownDepartmentException;
import io.grapevine.listening.organization.Organization;

/**
 * The digest API: send an audience's digest of a period now, list and read archived
 * digests.
 */
@RestController
@RequestMapping("/api/digests")
class DigestApiController {

	private final DigestSender sender;

	private final DigestArchive archive;

	private final Organization organization;

	private final Clock clock;

	DigestApiController(DigestSender sender, DigestArchive archive, Organization organization, Clock clock) {
		this.sender = sender;
		this.archive = archive;
		this.organization = organization;
		this.clock = clock;
	}

	@PostMapping("/run")
	Mono<ArchivedDigest> run(@RequestBody RunRequest request) {
		Audience audience = audience(request);
		Period period = period(request, audience);
		return request.unlessSent() ? this.sender.sendUnlessSent(audience, period)
				: this.sender.sendNow(audience, period);
	}

	private Audience audience(RunRequest request) {
		Optional<String> department = value(request.department());
		Optional<String> audience = value(request.audience());
		if (department.isPresent() && audience.isPresent()) {
			throw new InvalidRequestException("audience",
					"the body names a 'department' and an 'audience'; name one of them");
		}
		if (isBoardKind(request)) {
			if (department.isPresent() || audience.filter((id) -> !Organization.BOARD.equals(id)).isPresent()) {
				throw new InvalidRequestException("kind",
						"the board digest goes to the board of the organization "
								+ "file, not to a department or an audience; send {\"audience\": \"board\"} "
								+ "or {\"kind\": \"board\"} alone");
			}
			return this.sender.audience(Organization.BOARD);
		}
		if (department.isPresent()) {
			return this.sender.audience(department.get());
		}
		String id = audience.orElseThrow(() -> new InvalidRequestException("audience",
				"the body needs an 'audience': a department id, all-staff or board, e.g. "
						+ "{\"audience\": \"operations\"}, {\"audience\": \"board\"} (the older "
						+ "{\"department\": \"operations\"} works too)"));
		try {
			return this.sender.audience(id);
		}
		catch (UnknownDepartmentException ex) {
			throw new InvalidRequestException("audience",
					"'audience' must be a department id, all-staff or board: " + ex.getMessage());
		}
	}

	private Period period(RunRequest request, Audience audience) {
		Optional<String> word = value(request.period());
		Optional<String> kind = value(request.kind()).filter((value) -> !ArchivedDigest.BOARD.equals(value));
		if (word.isPresent() && kind.isPresent()) {
			throw new InvalidRequestException("period",
					"the body names a 'kind' and a 'period'; name the period alone: day, week or month");
		}
		Period.Rhythm rhythm = word.map(DigestApiController::rhythm)
			.or(() -> kind.map(DigestApiController::kindRhythm))
			.orElseGet(() -> defaultRhythm(audience));
		boolean board = audience instanceof Audience.Board;
		if (board && rhythm != Period.Rhythm.MONTHLY) {
			throw new InvalidRequestException(word.isPresent() ? "period" : "kind",
					"the board's digest covers a calendar month: send \"period\": \"month\" or leave it out");
		}
		if (!board && rhythm == Period.Rhythm.MONTHLY) {
			throw new InvalidRequestException("period", "a month is the board's period; the digest of " + audience.id()
					+ " covers a day or a week: send \"period\": \"day\" or \"week\"");
		}
		Instant now = this.clock.instant();
		Period last = Period.before(rhythm, now, audience.zone());
		Optional<String> date = value(request.date());
		if (date.isEmpty()) {
			return last;
		}
		LocalDate day;
		try {
			day = LocalDate.parse(date.get());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidRequestException("date", "'date' must be a day written yyyy-MM-dd, any day of the "
					+ rhythm.noun() + " to send, was '" + date.get() + "'");
		}
		Period period = switch (rhythm) {
			case DAILY -> Period.day(day, audience.zone());
			case WEEKLY -> Period.isoWeek(day, audience.zone());
			case MONTHLY -> Period.month(YearMonth.from(day), audience.zone());
		};
		if (period.to().isAfter(now)) {
			throw new InvalidRequestException("date",
					"the " + rhythm.noun() + " of " + day + " (" + period.label() + ") has not ended yet in "
							+ audience.zone() + "; the last whole one is " + last.label()
							+ ", sent when 'date' is left out");
		}
		return period;
	}

	private static boolean isBoardKind(RunRequest request) {
		return value(request.kind()).filter(ArchivedDigest.BOARD::equals).isPresent();
	}

	private static Period.Rhythm rhythm(String word) {
		return switch (word) {
			case "day", "daily" -> Period.Rhythm.DAILY;
			case "week", "weekly" -> Period.Rhythm.WEEKLY;
			case "month", "monthly" -> Period.Rhythm.MONTHLY;
			default -> throw new InvalidRequestException("period",
					"'period' must be day, week or month, was '" + word + "'; leave it out for the audience's own");
		};
	}

	private static Period.Rhythm kindRhythm(String kind) {
		return Stream.of(Period.Rhythm.DAILY, Period.Rhythm.WEEKLY)
			.filter((candidate) -> candidate.word().equals(kind))
			.findFirst()
			.orElseThrow(() -> new InvalidRequestException("kind",
					"'kind' must be daily or weekly (or board, for the board's monthly digest), was '" + kind
							+ "'; leave it out for a daily digest, or send a 'period' instead"));
	}

	// The board's digest is monthly; all staff's runs in its own rhythm; a department's
	// is daily unless the body names another period.
	private Period.Rhythm defaultRhythm(Audience audience) {
		if (audience instanceof Audience.Board) {
			return Period.Rhythm.MONTHLY;
		}
		if (audience instanceof Audience.AllStaff) {
			return this.organization.allStaff().map((settings) -> !settings.rhythm().daily()).orElse(false)
					? Period.Rhythm.WEEKLY : Period.Rhythm.DAILY;
		}
		return Period.Rhythm.DAILY;
	}

	private static Optional<String> value(String field) {
		return Optional.ofNullable(field).map(String::strip).filter((value) -> !value.isEmpty());
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
	 * What {@code POST /api/digests/run} takes: an audience and, if not its own, a
	 * period.
	 *
	 * @param audience a department id, {@code all-staff} or {@code board}
	 * @param period {@code day}, {@code week} (an ISO week) or {@code month} (the
	 * board's); by default a department's day, all staff's own rhythm, the board's month
	 * @param date any day of the period to send, {@code yyyy-MM-dd}, in the audience's
	 * zone; by default the last whole period
	 * @param department the older way to name a department, instead of {@code audience}
	 * @param kind the older way to name the period: {@code daily}, {@code weekly}, or
	 * {@code board} for the board's digest of last month
	 * @param unlessSent {@code true} to send the period's digest under the id the
	 * schedule gives it, and only if it was not sent yet (answering the one sent before);
	 * by default a new digest is sent on request every time
	 */
	record RunRequest(String audience, String period, String date, String department, String kind, boolean unlessSent) {

	}

}
