package io.grapevine.digest.sending;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.grapevine.digest.analytics.BoardAnalyticsClient;
import io.grapevine.digest.archive.ArchivedDigest;
import io.grapevine.digest.archive.DeliveryLedger;
import io.grapevine.digest.archive.DigestArchive;
import io.grapevine.digest.composition.BoardComposer;
import io.grapevine.digest.composition.BoardDigest;
import io.grapevine.digest.composition.BoardFigures;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.DigestFigures;
import io.grapevine.digest.composition.Share;
import io.grapevine.digest.delivery.BoardChannel;
import io.grapevine.digest.delivery.BoardChannels;
import io.grapevine.digest.rendering.BoardRenderer;
import io.grapevine.digest.rendering.RenderedDigest;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Composes, renders, delivers and archives the board's monthly digest, each channel
 * claimed in the {@link DeliveryLedger} as departments' digests are, so it reaches each
 * channel once across retries and replicas, and is archived once every channel took it.
 */
public class BoardSender {

	private static final Logger logger = LoggerFactory.getLogger(BoardSender.class);

	private final Organization organization;

	private final BoardAnalyticsClient analytics;

	private final BoardRenderer renderer;

	private final BoardChannels channels;

	private final LedgerDelivery delivery;

	private final DigestArchive archive;

	private final Clock clock;

	private final int topMentions;

	public BoardSender(Organization organization, BoardAnalyticsClient analytics, BoardRenderer renderer,
			BoardChannels channels, DeliveryLedger ledger, DigestArchive archive, Clock clock, int topMentions) {
		this.organization = organization;
		this.analytics = analytics;
		this.renderer = renderer;
		this.channels = channels;
		this.delivery = new LedgerDelivery(ledger);
		this.archive = archive;
		this.clock = clock;
		this.topMentions = topMentions;
	}

	/**
	 * The archive id of the scheduled board digest of a month.
	 * @param period the month
	 * @return {@code board-<yyyy-MM>}
	 */
	public static String scheduledId(Period period) {
		return ArchivedDigest.scheduledId(Organization.BOARD, period);
	}

	/**
	 * Send the board digest of last month (in the board's zone) now, even if the schedule
	 * already sent it; archived under its own id.
	 * @return the archived digest; fails with {@link UnknownDepartmentException} when the
	 * organization file has no board
	 */
	public Mono<ArchivedDigest> sendNow() {
		return Mono.defer(() -> {
			Department board = this.organization.board().orElseThrow(UnknownDepartmentException::noBoard);
			Instant now = this.clock.instant();
			Period period = Period.monthBefore(now, board.timeZone());
			String id = ArchivedDigest.onRequestId(scheduledId(period), now);
			return send(board, period, id);
		});
	}

	/**
	 * Send the board digest of last month (in the board's zone) under the id the schedule
	 * gives it, unless it was already sent: a restart sends no second copy.
	 * @return the archived digest, sent now or before; fails with
	 * {@link UnknownDepartmentException} when the organization file has no board
	 */
	public Mono<ArchivedDigest> sendUnlessSent() {
		return Mono.defer(() -> {
			Department board = this.organization.board().orElseThrow(UnknownDepartmentException::noBoard);
			Period period = Period.monthBefore(this.clock.instant(), board.timeZone());
			String id = scheduledId(period);
			return this.archive.find(id).switchIfEmpty(Mono.defer(() -> send(board, period, id)));
		});
	}

	/**
	 * Send the board digest of a month and archive it.
	 * @param board the board's audience
	 * @param period the month
	 * @param id the archive id
	 * @return the archived digest
	 */
	public Mono<ArchivedDigest> send(Department board, Period period, String id) {
		// One call after the other, so a search-service that is down reports one error.
		return this.analytics.month(this.organization, period)
			.flatMap((current) -> this.analytics.month(this.organization, period.previous())
				.flatMap((before) -> this.analytics.widestReach(this.organization, period, this.topMentions)
					.map((widest) -> BoardComposer.compose(this.organization, board, period, current, before, widest,
							this.topMentions))))
			.flatMap((digest) -> deliverAndArchive(board, digest, id));
	}

	private Mono<ArchivedDigest> deliverAndArchive(Department board, BoardDigest digest, String id) {
		RenderedDigest rendered = this.renderer.render(digest, id);
		URI archiveLink = this.renderer.archiveLink(id);
		URI searchLink = this.renderer.dashboardLink(digest);
		List<BoardChannel> channels = this.channels.of(board);
		return this.delivery
			.deliver(id, channels, BoardChannel::name,
					(channel) -> channel.deliver(digest, rendered, archiveLink, searchLink))
			.then(Mono.defer(() -> archive(board, digest, id, rendered)));
	}

	private Mono<ArchivedDigest> archive(Department board, BoardDigest digest, String id, RenderedDigest rendered) {
		return Mono
			.fromCallable(() -> new ArchivedDigest(id, ArchivedDigest.BOARD, board.id(), board.name(),
					ArchivedDigest.ArchivedPeriod.of(digest.period()), this.clock.instant(),
					ArchivedDigest.Recipients.of(board.members()), rendered.subject(), rendered.html(), rendered.text(),
					commonFigures(digest.figures())))
			.flatMap((archived) -> this.archive.save(archived, "board", digest.figures()))
			.doOnNext((archived) -> logger.info("Sent and archived board digest {} ({}, {} mentions, {} recipient(s))",
					archived.id(), digest.period().label(), archived.figures().total(), archived.recipients().count()));
	}

	// The figures every archived digest has, so listings and pages show a board digest as
	// they show the others; the board's own figures are archived beside them.
	private static DigestFigures commonFigures(BoardFigures figures) {
		long total = figures.total();
		List<Share> byDepartment = figures.departments()
			.stream()
			.filter((department) -> department.mentions() > 0)
			.map((department) -> new Share(department.id(), department.name(), department.mentions(),
					(total > 0) ? (int) Math.round(department.mentions() * 100.0 / total) : 0))
			.toList();
		BoardFigures.Sentiment sentiment = figures.sentiment();
		long judged = sentiment.judged();
		List<Share> bySentiment = (judged > 0)
				? List.of(new Share("positive", "Positive", sentiment.positive(), sentiment.positivePercent()),
						new Share("negative", "Negative", sentiment.negative(), sentiment.negativePercent()),
						new Share("neutral", "Neutral", sentiment.neutral(),
								(int) Math.round(sentiment.neutral() * 100.0 / judged)))
				: List.of();
		return new DigestFigures(total, figures.previousTotal(), figures.change(), List.of(), List.of(),
				figures.topMentions(), byDepartment, bySentiment, Map.of());
	}

}
