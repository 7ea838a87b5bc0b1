package io.grapevine.ingest.source;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the times sources write (RFC 3339 / ISO 8601 as JSON APIs and Atom write them,
 * RFC 822 as RSS writes them, X v1.1's {@code created_at}, epoch seconds) into instants,
 * in one place, so that every source keeps a time's precision and zone alike.
 *
 * <p>
 * Fractional seconds are a fraction whatever their number of digits ({@code .39885} is
 * 398.85 ms, not 39 885 ms); digits past nanoseconds are dropped. A time without a zone
 * is read as UTC, as feed readers do.
 */
public final class SourceTimes {

	private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt ](\\d{2}):(\\d{2})"
			+ "(?::(\\d{2})(?:[.,](\\d+))?)?)?\\s*(Z|z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?");

	private static final Pattern RFC_822 = Pattern
		.compile("(?:[A-Za-z]{2,9}\\.?,?\\s*)?(\\d{1,2})[\\s-]+([A-Za-z]{3})[A-Za-z]*\\.?[\\s-]+(\\d{2}|\\d{4})\\s+"
				+ "(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?\\s*([A-Za-z]{1,5}|[+-]\\d{2}:?\\d{2})?"
				+ "(?:\\s*\\(.*\\))?");

	// Twitter's v1.1 created_at: "Wed Oct 10 20:19:24 +0000 2018".
	private static final Pattern X_V1 = Pattern.compile(
			"[A-Za-z]{3}\\s+([A-Za-z]{3})\\s+(\\d{1,2})\\s+(\\d{2}):(\\d{2}):(\\d{2})\\s+([+-]\\d{2}:?\\d{2})\\s+(\\d{4})");

	private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
			Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
			Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));

	// The zone names RFC 822 allows; military letters other than Z are read as UTC, as
	// RFC 2822 advises since their sign was specified backwards.
	private static final Map<String, Integer> ZONE_HOURS = Map.ofEntries(Map.entry("UT", 0), Map.entry("UTC", 0),
			Map.entry("GMT", 0), Map.entry("Z", 0), Map.entry("EST", -5), Map.entry("EDT", -4), Map.entry("CST", -6),
			Map.entry("CDT", -5), Map.entry("MST", -7), Map.entry("MDT", -6), Map.entry("PST", -8),
			Map.entry("PDT", -7));

	private SourceTimes() {
	}

	/**
	 * Read a time in any of the forms sources write.
	 * @param value the text, or {@code null}
	 * @return the instant, empty when the text is no time this can read
	 */
	public static Optional<Instant> parse(String value) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		String text = value.strip();
		try {
			Matcher iso = ISO.matcher(text);
			if (iso.matches()) {
				return Optional.of(iso(iso));
			}
			Matcher xv1 = X_V1.matcher(text);
			if (xv1.matches()) {
				return Optional.of(at(Integer.parseInt(xv1.group(7)), month(xv1.group(1)),
						Integer.parseInt(xv1.group(2)), Integer.parseInt(xv1.group(3)), Integer.parseInt(xv1.group(4)),
						xv1.group(5), null, offset(xv1.group(6))));
			}
			Matcher rfc822 = RFC_822.matcher(text);
			if (rfc822.matches()) {
				return Optional.of(rfc822(rfc822));
			}
		}
		catch (DateTimeException | IllegalArgumentException ex) {
			return Optional.empty();
		}
		return Optional.empty();
	}

	/**
	 * A time given as seconds since the epoch, with or without a fraction.
	 * @param seconds the seconds
	 * @return the instant, to the microsecond the fraction holds
	 */
	public static Instant ofEpochSeconds(double seconds) {
		long whole = (long) Math.floor(seconds);
		long micros = Math.round((seconds - whole) * 1_000_000);
		return Instant.ofEpochSecond(whole).plusNanos(micros * 1_000);
	}

	private static Instant iso(Matcher matcher) {
		int year = Integer.parseInt(matcher.group(1));
		int month = Integer.parseInt(matcher.group(2));
		int day = Integer.parseInt(matcher.group(3));
		if (matcher.group(4) == null) {
			return LocalDate.of(year, month, day).atStartOfDay().toInstant(offset(matcher.group(8)));
		}
		return at(year, month, day, Integer.parseInt(matcher.group(4)), Integer.parseInt(matcher.group(5)),
				matcher.group(6), matcher.group(7), offset(matcher.group(8)));
	}

	private static Instant rfc822(Matcher matcher) {
		int year = Integer.parseInt(matcher.group(3));
		if (matcher.group(3).length() == 2) {
			// RFC 2822: two-digit years below 50 are of this century.
			year += (year < 50) ? 2000 : 1900;
		}
		return at(year, month(matcher.group(2)), Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(4)),
				Integer.parseInt(matcher.group(5)), matcher.group(6), matcher.group(7), offset(matcher.group(8)));
	}

	private static Instant at(int year, int month, int day, int hour, int minute, String second, String fraction,
			ZoneOffset offset) {
		LocalTime time = LocalTime.of(hour, minute, (second != null) ? Integer.parseInt(second) : 0, nanos(fraction));
		return LocalDateTime.of(LocalDate.of(year, month, day), time).toInstant(offset);
	}

	private static int nanos(String fraction) {
		if (fraction == null || fraction.isEmpty()) {
			return 0;
		}
		String digits = (fraction.length() > 9) ? fraction.substring(0, 9) : fraction;
		return Integer.parseInt(digits + "0".repeat(9 - digits.length()));
	}

	private static int month(String name) {
		Integer month = MONTHS.get(name.toLowerCase(Locale.ROOT));
		if (month == null) {
			throw new IllegalArgumentException("no month: " + name);
		}
		return month;
	}

	private static ZoneOffset offset(String zone) {
		if (zone == null || zone.isEmpty()) {
			return ZoneOffset.UTC;
		}
		char sign = zone.charAt(0);
		if (sign == '+' || sign == '-') {
			String digits = zone.substring(1).replace(":", "");
			int hours = Integer.parseInt(digits.substring(0, 2));
			int minutes = (digits.length() >= 4) ? Integer.parseInt(digits.substring(2, 4)) : 0;
			int total = hours * 3600 + minutes * 60;
			return ZoneOffset.ofTotalSeconds((sign == '-') ? -total : total);
		}
		String name = zone.toUpperCase(Locale.ROOT);
		Integer hours = ZONE_HOURS.get(name);
		if (hours != null) {
			return ZoneOffset.ofHours(hours);
		}
		if (name.length() == 1) {
			return ZoneOffset.UTC;
		}
		throw new IllegalArgumentException("no zone: " + zone);
	}

}
