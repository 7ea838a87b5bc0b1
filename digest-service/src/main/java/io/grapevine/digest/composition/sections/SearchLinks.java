package io.grapevine.digest.composition.sections;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Links to the search dashboard for a digest's department and period, which it reads from
 * its URL ({@code q}, {@code department}, {@code from}, {@code to}).
 *
 * @param dashboard the dashboard's URL
 * @param department the department, or empty for the whole organization
 * @param from start of the period
 * @param to end of the period
 */
public record SearchLinks(URI dashboard, Optional<String> department, Instant from, Instant to) {

	/** How many words of a mention make the phrase that finds it and its copies. */
	static final int PHRASE_WORDS = 6;

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

	public SearchLinks {
		Objects.requireNonNull(dashboard, "dashboard");
		department = (department != null) ? department : Optional.empty();
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
	}

	/**
	 * The search for a listening query within the department and period.
	 * @param query the query, or empty for every mention
	 * @return the link
	 */
	public URI search(String query) {
		StringBuilder link = new StringBuilder(this.dashboard.toString());
		link.append(link.indexOf("?") >= 0 ? '&' : '?');
		if (!query.isEmpty()) {
			link.append("q=").append(encode(query)).append('&');
		}
		this.department.ifPresent((id) -> link.append("department=").append(encode(id)).append('&'));
		link.append("from=").append(encode(this.from.toString())).append("&to=").append(encode(this.to.toString()));
		return URI.create(link.toString());
	}

	/**
	 * The search that finds a mention and its copies: the phrase of its first words.
	 * @param text the mention's text
	 * @return the link
	 */
	public URI around(String text) {
		List<String> words = new ArrayList<>();
		Matcher matcher = WORD.matcher(text);
		while (words.size() < PHRASE_WORDS && matcher.find()) {
			words.add(matcher.group());
		}
		return search(words.isEmpty() ? "" : "\"" + String.join(" ", words) + "\"");
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
