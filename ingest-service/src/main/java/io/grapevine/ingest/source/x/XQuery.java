package io.grapevine.ingest.source.x;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.grapevine.listening.organization.Account;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;
import io.grapevine.listening.query.dialect.XDialect;

/**
 * The recent-search query built from the organization's own X accounts
 * ({@code from:<handle>}) and its topics: each topic's listening query compiled to X's
 * syntax and parenthesised, or its keywords with phrases quoted when it has no query (or
 * nothing of it can be said to X), all of them OR-ed, retweets left out, kept under the
 * length limit of the basic tier.
 *
 * @param text the query as sent
 * @param dropped topic queries and keywords that did not fit under the limit
 */
record XQuery(String text, List<String> dropped) {

	/** Longest query the basic access tier accepts. */
	static final int MAX_LENGTH = 512;

	private static final String SUFFIX = ") -is:retweet";

	static XQuery of(Organization organization) {
		return of(organization, SUFFIX, MAX_LENGTH);
	}

	/**
	 * The query built from the organization's topics.
	 * @param organization the organization
	 * @param suffix what closes the OR-ed terms and leaves retweets out, in the API's
	 * syntax
	 * @param maxLength the longest query the API accepts
	 * @return the query, with what did not fit
	 */
	static XQuery of(Organization organization, String suffix, int maxLength) {
		Set<String> seen = new LinkedHashSet<>();
		List<String> terms = new ArrayList<>();
		// The organization's own tweets first, so they are never left out: its replies
		// seldom repeat a topic's words, yet they answer the tweets they reply to.
		for (Account account : organization.accounts().own()) {
			if (XPageMapper.SOURCE.equals(account.network()) && seen.add("from:" + account.key())) {
				terms.add("from:" + account.key());
			}
		}
		for (Topic topic : organization.listenedTopics()) {
			for (String term : terms(topic)) {
				if (seen.add(term.toLowerCase(Locale.ROOT))) {
					terms.add(term);
				}
			}
		}
		StringBuilder query = new StringBuilder("(");
		List<String> dropped = new ArrayList<>();
		for (String term : terms) {
			String separator = (query.length() > 1) ? " OR " : "";
			if (query.length() + separator.length() + term.length() + suffix.length() > maxLength) {
				dropped.add(term);
				continue;
			}
			query.append(separator).append(term);
		}
		return new XQuery(query + suffix, List.copyOf(dropped));
	}

	static XQuery of(String configured) {
		return new XQuery(configured.strip(), List.of());
	}

	private static List<String> terms(Topic topic) {
		if (topic.query().isPresent()) {
			List<String> compiled = XDialect.compile(topic.query().get());
			if (!compiled.equals(List.of(""))) {
				// An empty list means no post can match: the topic adds nothing to fetch.
				return compiled.stream().map((text) -> "(" + text + ")").toList();
			}
		}
		return topic.keywords().stream().map(XQuery::term).toList();
	}

	private static String term(String keyword) {
		String stripped = keyword.strip().replace("\"", "");
		boolean operator = stripped.startsWith("#") || stripped.startsWith("@");
		if (operator && stripped.chars().skip(1).allMatch((c) -> Character.isLetterOrDigit(c) || c == '_')) {
			return stripped;
		}
		if (stripped.chars().allMatch((c) -> Character.isLetterOrDigit(c) || c == '_')) {
			return stripped;
		}
		return '"' + stripped + '"';
	}

}
