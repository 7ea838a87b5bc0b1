package io.grapevine.listening.query.dialect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.listening.query.MatchContext;
import io.grapevine.listening.query.Node;

/**
 * A small evaluator of the dialects' query strings, as the APIs document them: words and
 * phrases in the text, AND by space, OR or {@code |}, {@code -} or {@code NOT},
 * parentheses, {@code #tag}, {@code @handle} and {@code mentions:} for a handle written
 * in the text, {@code from:} and {@code author:} for the author, {@code lang:}.
 */
final class DialectSemantics {

	private final String query;

	private final List<String> words;

	private final Set<String> hashtags;

	private final Set<String> textHandles;

	private final String author;

	private final String language;

	private int at;

	private DialectSemantics(String query, Mention mention) {
		this.query = query;
		MatchContext context = MatchContext.of(mention);
		this.words = context.words();
		this.hashtags = context.hashtags();
		this.author = context.authorHandle();
		String nobody = "nobody-at-all";
		Mention anonymous = new Mention(mention.schemaVersion(), mention.id(), mention.source(), mention.nativeId(),
				mention.url(), mention.text(), Author.of(nobody), mention.publishedAt(), mention.ingestedAt(),
				mention.language(), mention.engagement(), mention.inReplyTo(), mention.matchedBy(), mention.topics(),
				mention.departments(), mention.sentiment(), mention.clusterId(), mention.reach());
		Set<String> inText = new HashSet<>(MatchContext.of(anonymous).handles());
		inText.remove(nobody);
		this.textHandles = inText;
		this.language = mention.language().map((code) -> code.toLowerCase(Locale.ROOT)).orElse("");
	}

	static boolean matches(String query, Mention mention) {
		if (query.isEmpty()) {
			return true;
		}
		DialectSemantics semantics = new DialectSemantics(query, mention);
		boolean result = semantics.or();
		if (semantics.at < query.length()) {
			throw new IllegalArgumentException("unexpected '" + query.substring(semantics.at) + "' in " + query);
		}
		return result;
	}

	private boolean or() {
		boolean result = and();
		while (true) {
			skipSpaces();
			if (this.query.startsWith("OR ", this.at)) {
				this.at += 3;
			}
			else if (this.query.startsWith("|", this.at)) {
				this.at += 1;
			}
			else {
				return result;
			}
			result |= and();
		}
	}

	private boolean and() {
		boolean result = true;
		boolean any = false;
		while (true) {
			skipSpaces();
			if (this.at >= this.query.length() || this.query.startsWith(")", this.at)
					|| this.query.startsWith("OR ", this.at) || this.query.startsWith("|", this.at)) {
				if (!any) {
					throw new IllegalArgumentException("empty operand at " + this.at + " in " + this.query);
				}
				return result;
			}
			result &= unary();
			any = true;
		}
	}

	private boolean unary() {
		if (this.query.startsWith("-", this.at)) {
			this.at++;
			return !unary();
		}
		if (this.query.startsWith("NOT ", this.at)) {
			this.at += 4;
			return !unary();
		}
		if (this.query.startsWith("(", this.at)) {
			this.at++;
			boolean inner = or();
			if (!this.query.startsWith(")", this.at)) {
				throw new IllegalArgumentException("unclosed '(' in " + this.query);
			}
			this.at++;
			return inner;
		}
		if (this.query.startsWith("\"", this.at)) {
			int close = this.query.indexOf('"', this.at + 1);
			String phrase = this.query.substring(this.at + 1, close);
			this.at = close + 1;
			return hasWords(phrase);
		}
		int end = this.at;
		while (end < this.query.length() && " ()|\"".indexOf(this.query.charAt(end)) < 0) {
			end++;
		}
		String token = this.query.substring(this.at, end);
		this.at = end;
		return atom(token);
	}

	private boolean atom(String token) {
		if (token.startsWith("#")) {
			return this.hashtags.contains(token.substring(1));
		}
		if (token.startsWith("@")) {
			return this.textHandles.contains(token.substring(1));
		}
		if (token.startsWith("mentions:")) {
			return this.textHandles.contains(token.substring("mentions:".length()));
		}
		if (token.startsWith("from:") || token.startsWith("author:")) {
			String handle = token.substring(token.indexOf(':') + 1);
			return this.author.equals(handle) || this.author.startsWith(handle + "@");
		}
		if (token.startsWith("lang:")) {
			String code = token.substring("lang:".length());
			return this.language.equals(code) || this.language.startsWith(code + "-");
		}
		return hasWords(token);
	}

	private boolean hasWords(String text) {
		Node node = ListeningQuery.anyOf(List.of(text)).root();
		List<String> wanted = (node instanceof Node.Phrase phrase) ? phrase.words()
				: new ArrayList<>(List.of(((Node.Term) node).word()));
		return Collections.indexOfSubList(this.words, wanted) >= 0;
	}

	private void skipSpaces() {
		while (this.at < this.query.length() && this.query.charAt(this.at) == ' ') {
			this.at++;
		}
	}

}
