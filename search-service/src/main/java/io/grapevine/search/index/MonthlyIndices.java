package io.grapevine.search.index;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Names of the monthly mention indices ({@code mentions-YYYY.MM}, by publish month in
 * UTC) and which of them have outlived the retention.
 */
public final class MonthlyIndices {

	/** The alias every monthly index sits behind; search reads through it. */
	public static final String ALIAS = "mentions";

	/** The name of the composable index template. */
	public static final String TEMPLATE = "mentions";

	/** The pattern that matches every monthly index. */
	public static final String PATTERN = "mentions-*";

	private static final String PREFIX = "mentions-";

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu.MM");

	private MonthlyIndices() {
	}

	/**
	 * The index a mention published at the given instant belongs in.
	 * @param publishedAt when the mention was published
	 * @return the index name, e.g. {@code mentions-2026.11}
	 */
	public static String indexFor(Instant publishedAt) {
		return PREFIX + MONTH.format(YearMonth.from(publishedAt.atOffset(ZoneOffset.UTC)));
	}

	/**
	 * The month an index holds, if the name is one of ours.
	 * @param indexName an index name
	 * @return the month, or empty for any other index
	 */
	public static Optional<YearMonth> monthOf(String indexName) {
		if (!indexName.startsWith(PREFIX)) {
			return Optional.empty();
		}
		try {
			return Optional.of(YearMonth.parse(indexName.substring(PREFIX.length()), MONTH));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The indices whose whole month lies further back than the retention.
	 * @param indexNames existing index names
	 * @param now the current time
	 * @param retention how long mentions are kept
	 * @return the names of the indices to delete, oldest first
	 */
	public static List<String> expired(Collection<String> indexNames, Instant now, Duration retention) {
		Instant cutoff = now.minus(retention);
		return indexNames.stream()
			.filter((name) -> monthOf(name)
				.map((month) -> !month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(cutoff))
				.orElse(false))
			.sorted()
			.toList();
	}

}
