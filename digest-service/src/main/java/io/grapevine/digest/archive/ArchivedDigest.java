package io.grapevine.digest.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.DigestFigures;

/**
 * A digest as it was sent and archived: what it covered, who got it, and exactly what it
 * said.
 *
 * @param id {@code <department>-<yyyy-MM-dd>} for a scheduled daily digest,
 * {@code <department>-week-<yyyy>-W<ww>} for a weekly one, with a
 * {@code -run-<millis>-<random hex>} suffix for one sent on request
 * @param kind {@code daily} or {@code weekly} when sent on the schedule, {@code manual}
 * when sent on request (its period says whether it covered a day or a week),
 * {@code all-staff} for the organization-wide digest, {@code board} for the board's
 * monthly digest
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
public record ArchivedDigest(String id, String kind, String departmentId, String departmentName, ArchivedPeriod period,
		Instant sentAt, Recipients recipients, String subject, String html, String text, DigestFigures figures) {

	/** The kind of a digest sent by the schedule. */
	public static final String DAILY = "daily";

	/** The kind of a weekly digest sent by the schedule. */
	public static final String WEEKLY = "weekly";

	/** The kind of a digest sent on request. */
	public static final String MANUAL = "manual";

	/** The kind of the organization-wide digest sent by the schedule. */
	public static final String ALL_STAFF = "all-staff";

	/** The kind of the board's monthly digest, sent by the schedule or on request. */
	public static final String BOARD = "board";

	/** Every kind, as the archive filters by them. */
	public static final List<String> KINDS = List.of(DAILY, WEEKLY, ALL_STAFF, MANUAL, BOARD);

	// Marks the archive id of a digest sent on request, after the id the schedule would
	// give.
	private static final String ON_REQUEST = "-run-";

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
	 * The archive id of an audience's scheduled digest for a day, an ISO week or a month.
	 * @param department the audience's id
	 * @param period the day, week or month
	 * @return {@code <department>-<yyyy-MM-dd>}, {@code <department>-week-<yyyy>-W<ww>}
	 * or {@code <department>-<yyyy-MM>}
	 */
	public static String scheduledId(String department, Period period) {
		return switch (period.rhythm()) {
			case DAILY -> dailyId(department, period.day());
			case WEEKLY -> department + "-week-" + period.isoWeekLabel();
			case MONTHLY -> department + "-" + period.month();
		};
	}

	/**
	 * The period a digest covered, as its archived document holds it.
	 *
	 * @param day the first local day
	 * @param from start of the first day
	 * @param to end of the last day (exclusive)
	 * @param zone the time zone the days are counted in
	 * @param last the last local day, the first one for a daily digest
	 * @param rhythm {@code daily}, {@code weekly} or {@code monthly}
	 */
	public record ArchivedPeriod(LocalDate day, Instant from, Instant to, String zone, LocalDate last, String rhythm) {

		public ArchivedPeriod {
			last = (last != null) ? last : day;
			rhythm = (rhythm != null) ? rhythm : Period.Rhythm.DAILY.word();
		}

		/**
		 * The archived form of a day, a week or a month.
		 * @param period the period
		 * @return its archived form
		 */
		public static ArchivedPeriod of(Period period) {
			return new ArchivedPeriod(period.day(), period.from(), period.to(), period.zone().getId(), period.last(),
					period.rhythm().word());
		}

		/**
		 * The period this archived form is of.
		 * @return the day, week or month
		 */
		public Period period() {
			return new Period(Period.Rhythm.of(this.rhythm), this.day, ZoneId.of(this.zone));
		}

		/**
		 * The period as written in subjects and headings.
		 * @return "Thu 20 Nov 2026", "16–22 Nov 2026" or "November 2026"
		 */
		public String label() {
			return period().label();
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

	/**
	 * The archive id of a digest sent on request: each run is its own digest, with
	 * channels of its own in the delivery ledger.
	 * @param scheduledId the id the schedule gives the digest of the same period
	 * @param now when it is sent
	 * @return the id
	 */
	public static String onRequestId(String scheduledId, Instant now) {
		return scheduledId + ON_REQUEST + now.toEpochMilli() + "-"
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
	}

	/**
	 * Whether a digest was sent on request rather than by the schedule: a department's
	 * run by hand has its own kind, the board's keeps {@link #BOARD} and is told by its
	 * id.
	 * @param kind the digest's kind
	 * @param id the digest's archive id
	 * @return true when someone asked for it
	 */
	public static boolean sentOnRequest(String kind, String id) {
		return MANUAL.equals(kind) || (id != null && id.contains(ON_REQUEST));
	}

	/**
	 * Whether this digest was sent on request rather than by the schedule.
	 * @return true when someone asked for it
	 */
	public boolean sentOnRequest() {
		return sentOnRequest(this.kind, this.id);
	}

}
