package io.grapevine.digest.composition;

import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

import io.grapevine.digest.audience.Audience;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.sections.DigestSections;

/**
 * A digest as composed for an audience and a period, before it is rendered or sent.
 *
 * @param organization the organization's name
 * @param audience who it is for
 * @param period the day, ISO week or month it covers
 * @param figures its numbers and top mentions, as every digest has them and the archive
 * keeps them
 * @param sections what a department's or all staff's digest says in order, from volume
 * and sentiment to what waits for an answer ({@link DigestSections#none()} when composed
 * from the summary alone)
 * @param board what the board's digest says in their place: the month's volume and
 * sentiment in sentences, the share of voice and each department's month; empty for any
 * other audience
 */
public record Digest(String organization, Audience audience, Period period, DigestFigures figures,
		DigestSections sections, Optional<BoardFigures> board) {

	/** How days are written in subjects and headings: "Thu 20 Nov 2026". */
	public static final DateTimeFormatter DAY = Period.DAY;

	public Digest {
		Objects.requireNonNull(organization, "organization");
		Objects.requireNonNull(audience, "audience");
		Objects.requireNonNull(period, "period");
		Objects.requireNonNull(figures, "figures");
		sections = (sections != null) ? sections : DigestSections.none();
		board = (board != null) ? board : Optional.empty();
	}

	/**
	 * A department's or all staff's digest with its sections.
	 * @param organization the organization's name
	 * @param audience who it is for
	 * @param period the day or week it covers
	 * @param figures its numbers and top mentions
	 * @param sections what it says in order
	 */
	public Digest(String organization, Audience audience, Period period, DigestFigures figures,
			DigestSections sections) {
		this(organization, audience, period, figures, sections, Optional.empty());
	}

	/**
	 * A department's or all staff's digest without sections.
	 * @param organization the organization's name
	 * @param audience who it is for
	 * @param period the day or week it covers
	 * @param figures its numbers and top mentions
	 */
	public Digest(String organization, Audience audience, Period period, DigestFigures figures) {
		this(organization, audience, period, figures, DigestSections.none());
	}

	/**
	 * The same digest with its sections.
	 * @param sections the sections
	 * @return the digest
	 */
	public Digest withSections(DigestSections sections) {
		return new Digest(this.organization, this.audience, this.period, this.figures, sections, this.board);
	}

	/**
	 * The email subject: "Operations · daily listening digest · Thu 20 Nov 2026 · 37
	 * mentions", "Operations · weekly listening digest · 16–22 Nov 2026 · 212 mentions",
	 * "Harbor City Transit · board digest · November 2026 · 1234 mentions".
	 * @return the subject
	 */
	public String subject() {
		if (this.board.isPresent()) {
			return "%s · board digest · %s · %s".formatted(this.organization, this.period.label(),
					mentions(this.figures.total()));
		}
		return "%s · %s listening digest · %s · %s".formatted(this.audience.name(), this.period.rhythm().word(),
				this.period.label(), mentions(this.figures.total()));
	}

	/**
	 * A count of mentions in words.
	 * @param count the count
	 * @return "1 mention", "37 mentions"
	 */
	public static String mentions(long count) {
		return count + ((count == 1) ? " mention" : " mentions");
	}

}
