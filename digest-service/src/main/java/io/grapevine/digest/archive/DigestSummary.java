package io.grapevine.digest.archive;

import java.time.Instant;
import java.util.List;

import io.grapevine.digest.composition.DigestFigures;

/**
 * An archived digest without its bodies, for listings.
 *
 * @param id the archive id
 * @param kind {@code daily} or {@code manual}
 * @param departmentId the department id
 * @param departmentName the department's name when it was sent
 * @param period the day it covered
 * @param sentAt when it was sent
 * @param recipients who it was sent to
 * @param subject the email subject
 * @param figures the numbers and top mentions it showed
 */
public record DigestSummary(String id, String kind, String departmentId, String departmentName,
		ArchivedDigest.ArchivedPeriod period, Instant sentAt, ArchivedDigest.Recipients recipients, String subject,
		DigestFigures figures) {

	public DigestSummary {
		recipients = (recipients != null) ? recipients : ArchivedDigest.Recipients.of(List.of());
		subject = (subject != null) ? subject : "";
		kind = (kind != null) ? kind : ArchivedDigest.DAILY;
		departmentName = (departmentName != null) ? departmentName : departmentId;
	}

	/**
	 * Whether this digest was sent on request rather than by the schedule.
	 * @return true when someone asked for it
	 */
	public boolean sentOnRequest() {
		return ArchivedDigest.sentOnRequest(this.kind, this.id);
	}

}
