package io.grapevine.digest.composition;

import io.grapevine.digest.audience.Period;

import java.util.List;
import java.util.Objects;

/**
 * The board's monthly digest as composed, before it is rendered or sent.
 *
 * @param organization the organization's name
 * @param recipients the board's members
 * @param period the month it covers
 * @param figures its numbers and top mentions
 */
public record BoardDigest(String organization, List<String> recipients, Period period, BoardFigures figures) {

	public BoardDigest {
		Objects.requireNonNull(organization, "organization");
		Objects.requireNonNull(period, "period");
		Objects.requireNonNull(figures, "figures");
		recipients = (recipients != null) ? List.copyOf(recipients) : List.of();
	}

	/**
	 * The email subject: "Harbor City Transit · board digest · November 2026 · 1234
	 * mentions".
	 * @return the subject
	 */
	public String subject() {
		return "%s · board digest · %s · %s".formatted(this.organization, this.period.label(),
				Digest.mentions(this.figures.total()));
	}

}
