package io.grapevine.digest.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import io.grapevine.digest.composition.DailyPeriod;
import io.grapevine.digest.composition.DigestFigures;

/**
 * A digest as it was sent and archived: what it covered, who got it, and exactly what it
 * said.
 *
 * @param id {@code <department>-<yyyy-MM-dd>} for a scheduled daily digest, with a
 * {@code -run-<millis>-<random hex>} suffix for one sent on request
 * @param kind {@code daily} when sent on the schedule, {@code manual} when sent on
 * request
 * @param departmentId the department id
 * @param departmentName the department's name when it was sent
 * @param period the day it covered
 * @param sentAt when it was delivered (or archived, for a department without members)
 * @param recipients who it was sent to
 * @param subject the email subject
 * @param html the HTML body
 * @param text the plain-text body
 * @param figures the numbers and top mentions it showed
 */
public record ArchivedDigest(String id, String kind, String departmentId, String departmentName, Period period,
		Instant sentAt, Recipients recipients, String subject, String html, String text, DigestFigures figures) {

	/** The kind of a digest sent by the schedule. */
	public static final String DAILY = "daily";

	/** The kind of a digest sent on request. */
	public static final String MANUAL = "manual";

	public ArchivedDigest {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(departmentId, "departmentId");
		Objects.requireNonNull(period, "period");
		Objects.requireNonNull(sentAt, "sentAt");
		kind = (kind != null) ? kind : DAILY;
		departmentName = (departmentName != null) ? departmentName : departmentId;
		recipients = (recipients != null) ? recipients : new Recipients(0, List.of());
		subject = (subject != null) ? subject : "";
		html = (html != null) ? html : "";
		text = (text != null) ? text : "";
	}

	/**
	 * The archive id of a department's scheduled digest for a day.
	 * @param departmentId the department id
	 * @param day the local day
	 * @return {@code <department>-<yyyy-MM-dd>}
	 */
	public static String dailyId(String department, LocalDate day) {
		return department + "-" + day;
	}

	/**
	 * The period a digest covered.
	 *
	 * @param day the local day
	 * @param from start of the day
	 * @param to end of the day (exclusive)
	 * @param zone the time zone the day is counted in
	 */
	public record Period(LocalDate day, Instant from, Instant to, String zone) {

		/**
		 * The archived form of a daily period.
		 * @param period the period
		 * @return its archived form
		 */
		public static Period of(DailyPeriod period) {
			return new Period(period.day(), period.from(), period.to(), period.zone().getId());
		}

	}

	/**
	 * Who a digest was sent to.
	 *
	 * @param count how many addresses
	 * @param addresses the addresses
	 */
	public record Recipients(int count, List<String> addresses) {

		public Recipients {
			addresses = (addresses != null) ? List.copyOf(addresses) : List.of();
		}

		/**
		 * Recipients from a list of addresses.
		 * @param addresses the addresses
		 * @return the recipients
		 */
		public static Recipients of(List<String> addresses) {
			return new Recipients(addresses.size(), addresses);
		}

	}

}
