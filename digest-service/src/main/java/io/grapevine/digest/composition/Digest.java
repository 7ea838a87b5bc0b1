package io.grapevine.digest.composition;

import io.grapevine.digest.audience.Period;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.grapevine.digest.composition.sections.DigestSections;

/**
 * A department's daily or weekly digest as composed, before it is rendered or sent.
 *
 * @param organization the organization's name
 * @param departmentId the department id
 * @param departmentName the department's display name
 * @param recipients the department's members
 * @param period the local day or ISO week the digest covers
 * @param figures its numbers and top mentions
 * @param sections what it says in order, from volume and sentiment to what waits for an
 * answer ({@link DigestSections#none()} when composed from the summary alone)
 */
public record Digest(String organization, String departmentId, String departmentName, List<String> recipients,
		Period period, DigestFigures figures, DigestSections sections) {

	/** How days are written in subjects and headings: "Thu 20 Nov 2026". */
	public static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.US);

	public Digest {
		Objects.requireNonNull(departmentId, "departmentId");
		Objects.requireNonNull(period, "period");
		Objects.requireNonNull(figures, "figures");
		recipients = (recipients != null) ? List.copyOf(recipients) : List.of();
		sections = (sections != null) ? sections : DigestSections.none();
	}

	/**
	 * A daily or weekly digest without sections.
	 * @param organization the organization's name
	 * @param departmentId the department id
	 * @param departmentName the department's display name
	 * @param recipients the department's members
	 * @param period the local day or ISO week the digest covers
	 * @param figures its numbers and top mentions
	 */
	public Digest(String organization, String departmentId, String departmentName, List<String> recipients,
			Period period, DigestFigures figures) {
		this(organization, departmentId, departmentName, recipients, period, figures, DigestSections.none());
	}

	/**
	 * The same digest with its sections.
	 * @param sections the sections
	 * @return the digest
	 */
	public Digest withSections(DigestSections sections) {
		return new Digest(this.organization, this.departmentId, this.departmentName, this.recipients, this.period,
				this.figures, sections);
	}

	/**
	 * The email subject: "Operations · daily listening digest · Thu 20 Nov 2026 · 37
	 * mentions", "Operations · weekly listening digest · 16–22 Nov 2026 · 212 mentions".
	 * @return the subject
	 */
	public String subject() {
		return "%s · %s listening digest · %s · %s".formatted(this.departmentName, this.period.rhythm().word(),
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
