package io.grapevine.listening.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.grapevine.listening.mention.Repost;

/**
 * Parses the listening query language into a {@link Node}.
 * <p>
 * Grammar, by falling precedence: a word, phrase, field or parenthesised group; then
 * {@code NEAR/n} between two words; then {@code NOT} and {@code -}; then {@code AND},
 * also implied between neighbours; then {@code OR}. Operators are upper case;
 * {@code and}, {@code or} are words. A word is a field only when what precedes its colon
 * is letters (or a known field's name, such as {@code repost-of}) and what follows is not
 * {@code //}, so {@code https://example.org} is a phrase of its words and {@code foo:bar}
 * is an unknown field.
 */
final class QueryParser {

	private static final int MAX_DISTANCE = 100;

	private static final String TERM = "a term or '('";

	/** The longest query read, in characters, as the commercial listening tools allow. */
	static final int MAX_LENGTH = 4_096;

	/** The deepest nesting of parentheses and NOT, so no query can exhaust a stack. */
	static final int MAX_DEPTH = 32;

	/**
	 * The deepest nesting of AND, OR and NOT in the parsed query, each of which becomes a
	 * bool query: with the filters a search wraps it in, it stays well within the 30
	 * levels Elasticsearch parses.
	 */
	static final int MAX_NESTING = 20;

	private final String source;

	private final List<Token> tokens;

	private int next;

	private int depth;

	private int deepest;

	private int deepestPosition;

	private QueryParser(String source) {
		this.source = source;
		this.tokens = new Lexer(source).lex();
	}

	static Node parse(String source) {
		if (source == null || source.isBlank()) {
			int end = (source != null) ? source.length() : 0;
			throw new QueryParseException(
					"the query is empty; write at least one term, phrase or field, such as food bank or lang:en", end,
					"end of query", TERM);
		}
		if (source.length() > MAX_LENGTH) {
			throw new QueryParseException(
					"the query is " + source.length() + " characters long; at most " + MAX_LENGTH
							+ " are read, so split it into topics or shorten it (it passes the limit at position "
							+ MAX_LENGTH + ")",
					MAX_LENGTH, "more than " + MAX_LENGTH + " characters", "a shorter query");
		}
		QueryParser parser = new QueryParser(source);
		Node root = parser.parseOr(null);
		Token rest = parser.peek();
		if (rest.type() != Type.END) {
			throw new QueryParseException(
					"unexpected ')' at position " + rest.position()
							+ " with no '(' to close; remove it or add a '(' before it",
					rest.position(), rest.describe(), "an operator, a term or end of query");
		}
		if (nesting(root) > MAX_NESTING) {
			throw new QueryParseException(
					"the query nests AND, OR and NOT more than " + MAX_NESTING
							+ " levels deep (the deepest part is at position " + parser.deepestPosition
							+ "); write it with fewer levels",
					parser.deepestPosition, "more than " + MAX_NESTING + " levels",
					"at most " + MAX_NESTING + " levels of AND, OR and NOT");
		}
		if (!requiresAMatch(root)) {
			throw new QueryParseException(
					"the query '" + source.strip()
							+ "' only excludes mentions; it needs something to match, such as food -spam",
					0, "only exclusions", "a term to match");
		}
		return root;
	}

	// Bounded by MAX_DEPTH: a level of AND or OR below the top needs parentheses.
	private static int nesting(Node node) {
		if (node instanceof Node.Not not) {
			return 1 + nesting(not.operand());
		}
		List<Node> operands = List.of();
		if (node instanceof Node.And and) {
			operands = and.operands();
		}
		else if (node instanceof Node.Or or) {
			operands = or.operands();
		}
		else {
			return 0;
		}
		int deepestOperand = 0;
		for (Node operand : operands) {
			deepestOperand = Math.max(deepestOperand, nesting(operand));
		}
		return 1 + deepestOperand;
	}

	private static boolean requiresAMatch(Node node) {
		if (node instanceof Node.Not not) {
			return not.operand() instanceof Node.Not twice && requiresAMatch(twice.operand());
		}
		if (node instanceof Node.And and) {
			return and.operands().stream().anyMatch(QueryParser::requiresAMatch);
		}
		if (node instanceof Node.Or or) {
			return or.operands().stream().allMatch(QueryParser::requiresAMatch);
		}
		return true;
	}

	private void deeper(Token token) {
		if (++this.depth > this.deepest) {
			this.deepest = this.depth;
			this.deepestPosition = token.position();
		}
		if (this.depth > MAX_DEPTH) {
			throw new QueryParseException(
					"the query nests parentheses and NOT more than " + MAX_DEPTH + " levels deep at position "
							+ token.position() + "; write it with fewer levels",
					token.position(), token.describe(), "at most " + MAX_DEPTH + " levels of parentheses and NOT");
		}
	}

	private Token peek() {
		return this.tokens.get(this.next);
	}

	private Token take() {
		return this.tokens.get(this.next++);
	}

	private Node parseOr(Token after) {
		List<Node> operands = new ArrayList<>();
		add(operands, parseAnd(after), Node.Or.class);
		while (peek().type() == Type.OR) {
			Token operator = take();
			add(operands, parseAnd(operator), Node.Or.class);
		}
		return (operands.size() == 1) ? operands.get(0) : new Node.Or(operands);
	}

	private Node parseAnd(Token after) {
		List<Node> operands = new ArrayList<>();
		add(operands, parseUnary(after), Node.And.class);
		while (true) {
			Type type = peek().type();
			if (type == Type.AND) {
				Token operator = take();
				add(operands, parseUnary(operator), Node.And.class);
			}
			else if (type == Type.WORD || type == Type.PHRASE || type == Type.FIELD || type == Type.OPEN
					|| type == Type.NOT || type == Type.MINUS) {
				add(operands, parseUnary(null), Node.And.class);
			}
			else if (type == Type.NEAR) {
				Token near = peek();
				throw new QueryParseException(
						near.describe() + " at position " + near.position()
								+ " needs a single word on each side, such as food NEAR/5 bank",
						near.position(), near.describe(), "a single word before it");
			}
			else {
				break;
			}
		}
		return (operands.size() == 1) ? operands.get(0) : new Node.And(operands);
	}

	private static void add(List<Node> operands, Node operand, Class<? extends Node> flatten) {
		if (flatten == Node.And.class && operand instanceof Node.And and) {
			operands.addAll(and.operands());
		}
		else if (flatten == Node.Or.class && operand instanceof Node.Or or) {
			operands.addAll(or.operands());
		}
		else {
			operands.add(operand);
		}
	}

	private Node parseUnary(Token after) {
		Type type = peek().type();
		if (type == Type.NOT || type == Type.MINUS) {
			Token operator = take();
			deeper(operator);
			Node operand = parseUnary(operator);
			this.depth--;
			return new Node.Not(operand);
		}
		return parseNear(after);
	}

	private Node parseNear(Token after) {
		Token leftToken = peek();
		Node left = parsePrimary(after);
		while (peek().type() == Type.NEAR) {
			Token operator = take();
			Token rightToken = peek();
			Node right = parsePrimary(operator);
			String leftWord = singleWord(left, leftToken, operator);
			String rightWord = singleWord(right, rightToken, operator);
			left = new Node.Near(List.of(leftWord, rightWord), operator.number());
			leftToken = rightToken;
		}
		return left;
	}

	private static String singleWord(Node operand, Token token, Token operator) {
		if (operand instanceof Node.Term term) {
			return term.word();
		}
		String found = (operand instanceof Node.Near) ? "another NEAR" : token.describe();
		int position = (operand instanceof Node.Near) ? operator.position() : token.position();
		throw new QueryParseException(operator.describe() + " needs a single word on each side, at position " + position
				+ ", found " + found + "; for more words write \"a b c\"~" + operator.number(), position, found,
				"a single word");
	}

	private Node parsePrimary(Token after) {
		Token token = peek();
		String context = (after != null) ? " after " + after.describe() : "";
		switch (token.type()) {
			case WORD:
				take();
				return word(token);
			case PHRASE:
				take();
				return phrase(token);
			case FIELD:
				take();
				return field(token);
			case OPEN:
				take();
				deeper(token);
				Node inner = parseOr(token);
				this.depth--;
				Token close = peek();
				if (close.type() != Type.CLOSE) {
					throw QueryParseException.expected("')' to close the '(' at position " + token.position(), "",
							close.position(), close.describe());
				}
				take();
				return inner;
			default:
				throw QueryParseException.expected(TERM, context, token.position(), token.describe());
		}
	}

	private Node word(Token token) {
		String text = token.text();
		int position = token.position();
		if (text.startsWith("#") || text.startsWith("@")) {
			String kind = text.startsWith("#") ? "hashtag" : "handle";
			String value = TextAnalysis.normalize(text.substring(1));
			if (!TextAnalysis.isAllWordChars(value)) {
				throw new QueryParseException("a " + kind + " is '" + text.charAt(0)
						+ "' followed by letters, digits or '_' only, at position " + position + ", found '" + text
						+ "'", position, "'" + text + "'", "a " + kind);
			}
			return text.startsWith("#") ? new Node.Hashtag(value) : new Node.Handle(value);
		}
		int star = text.indexOf('*');
		if (star >= 0) {
			if (star != text.length() - 1) {
				throw new QueryParseException("a wildcard '*' may only end a word, at position " + (position + star)
						+ ", found '" + text + "'", position + star, "'" + text + "'", "'*' at the end of a word");
			}
			List<String> stem = TextAnalysis.tokens(TextAnalysis.normalize(text.substring(0, star)));
			if (stem.size() != 1 || stem.get(0).codePointCount(0, stem.get(0).length()) < 2) {
				throw new QueryParseException(
						"a wildcard needs one word of at least two letters or digits before '*', at position "
								+ position + ", found '" + text + "'",
						position, "'" + text + "'", "a word of two or more letters before '*'");
			}
			return new Node.Prefix(stem.get(0));
		}
		List<String> words = TextAnalysis.tokens(TextAnalysis.normalize(text));
		if (words.isEmpty()) {
			throw QueryParseException.expected("a term with letters or digits", "", position, "'" + text + "'");
		}
		return (words.size() == 1) ? new Node.Term(words.get(0)) : new Node.Phrase(words);
	}

	private Node phrase(Token token) {
		List<String> words = TextAnalysis.tokens(TextAnalysis.normalize(token.text()));
		if (words.isEmpty()) {
			throw QueryParseException.expected("letters or digits inside the quotes", "", token.position(),
					token.describe());
		}
		if (words.size() == 1) {
			return new Node.Term(words.get(0));
		}
		return (token.number() < 0) ? new Node.Phrase(words) : new Node.Near(words, token.number());
	}

	private Node field(Token token) {
		QueryField field = token.field();
		String raw = token.text().strip();
		int position = token.position();
		String value;
		switch (field) {
			case LANG:
				value = raw.toLowerCase(Locale.ROOT).replace('_', '-');
				if (!value.matches("[a-z]{2,3}(-[a-z0-9]+)*")) {
					throw invalidValue(token, "a language code such as en or pt-br");
				}
				break;
			case SITE:
				value = raw.toLowerCase(Locale.ROOT);
				if (value.startsWith(".")) {
					value = value.substring(1);
				}
				if (value.isEmpty() || !value.codePoints()
					.allMatch((cp) -> Character.isLetterOrDigit(cp) || cp == '.' || cp == '-')) {
					throw invalidValue(token, "a domain such as example.org");
				}
				break;
			case SENTIMENT:
				value = raw.toLowerCase(Locale.ROOT);
				try {
					Sentiment.valueOf(value.toUpperCase(Locale.ROOT));
				}
				catch (IllegalArgumentException ex) {
					throw invalidValue(token, "positive, negative or neutral");
				}
				break;
			case AUTHOR:
				value = MatchContext.handle(raw);
				break;
			case IS:
				value = raw.toLowerCase(Locale.ROOT);
				if (Arrays.stream(Repost.Kind.values()).map(Repost.Kind::label).noneMatch(value::equals)) {
					throw invalidValue(token, "repost, quote or crosspost");
				}
				break;
			case REPOST_OF:
				// A mention id is compared as written: native ids are case-sensitive.
				value = raw;
				if (value.indexOf(':') <= 0 || value.endsWith(":")
						|| value.codePoints().anyMatch(Character::isWhitespace)) {
					throw invalidValue(token, "a mention id (source:nativeId) such as x:1460323737035677698");
				}
				break;
			default:
				value = TextAnalysis.normalize(raw);
		}
		if (value.isEmpty()) {
			throw QueryParseException.expected("a value after '" + field.key() + ":'", "", position, token.describe());
		}
		return new Node.FieldMatch(field, value);
	}

	private static QueryParseException invalidValue(Token token, String expected) {
		return new QueryParseException(token.field().key() + ": takes " + expected + ", at position " + token.position()
				+ ", found " + token.describe(), token.position(), token.describe(), expected);
	}

	enum Type {

		WORD, PHRASE, FIELD, OPEN, CLOSE, AND, OR, NOT, MINUS, NEAR, END

	}

	record Token(Type type, String text, int position, int number, QueryField field) {

		String describe() {
			switch (this.type) {
				case END:
					return "end of query";
				case PHRASE:
					return "\"" + this.text + "\"" + ((this.number >= 0) ? "~" + this.number : "");
				case FIELD:
					return "'" + this.field.key() + ":" + this.text + "'";
				case OPEN:
					return "'('";
				case CLOSE:
					return "')'";
				case MINUS:
					return "'-'";
				case NEAR:
					return "NEAR/" + this.number;
				case WORD:
					return "'" + this.text + "'";
				default:
					return this.type.name();
			}
		}

	}

	private static final class Lexer {

		private final String source;

		private final List<Token> tokens = new ArrayList<>();

		private int at;

		Lexer(String source) {
			this.source = source;
		}

		List<Token> lex() {
			int length = this.source.length();
			while (true) {
				while (this.at < length && Character.isWhitespace(this.source.charAt(this.at))) {
					this.at++;
				}
				if (this.at >= length) {
					this.tokens.add(new Token(Type.END, "", length, -1, null));
					return this.tokens;
				}
				char c = this.source.charAt(this.at);
				int start = this.at;
				if (c == '(' || c == ')') {
					this.tokens.add(new Token((c == '(') ? Type.OPEN : Type.CLOSE, String.valueOf(c), start, -1, null));
					this.at++;
				}
				else if (c == '"') {
					String content = quoted(start);
					int distance = -1;
					if (this.at < length && this.source.charAt(this.at) == '~') {
						distance = distance(this.at + 1, "'~'");
					}
					this.tokens.add(new Token(Type.PHRASE, content, start, distance, null));
				}
				else if (c == '-') {
					if (start + 1 >= length || Character.isWhitespace(this.source.charAt(start + 1))
							|| this.source.charAt(start + 1) == ')') {
						throw QueryParseException.expected("a term, phrase or '(' right after '-'", "", start + 1,
								describeAt(start + 1));
					}
					this.tokens.add(new Token(Type.MINUS, "-", start, -1, null));
					this.at++;
				}
				else {
					word(start);
				}
			}
		}

		private void word(int start) {
			int end = wordEnd(start);
			String word = this.source.substring(start, end);
			this.at = end;
			int colon = word.indexOf(':');
			if (colon > 0 && isFieldName(word.substring(0, colon)) && !word.startsWith("//", colon + 1)) {
				String name = word.substring(0, colon);
				Optional<QueryField> field = QueryField.byKey(name);
				if (field.isEmpty()) {
					throw new QueryParseException(
							"unknown field '" + name + "' at position " + start + "; known fields are "
									+ QueryField.knownKeys() + " (quote the text to search for it)",
							start, "'" + word + "'", "one of " + QueryField.knownKeys());
				}
				String value = word.substring(colon + 1);
				if (value.isEmpty() && this.at < this.source.length() && this.source.charAt(this.at) == '"') {
					value = quoted(this.at);
				}
				if (value.isBlank()) {
					throw QueryParseException.expected("a value after '" + name + ":'", "", start + colon + 1,
							describeAt(start + colon + 1));
				}
				this.tokens.add(new Token(Type.FIELD, value, start, -1, field.get()));
				return;
			}
			switch (word) {
				case "AND":
					this.tokens.add(new Token(Type.AND, word, start, -1, null));
					return;
				case "OR":
					this.tokens.add(new Token(Type.OR, word, start, -1, null));
					return;
				case "NOT":
					this.tokens.add(new Token(Type.NOT, word, start, -1, null));
					return;
				default:
			}
			if (word.equals("NEAR") || word.startsWith("NEAR/")) {
				if (!word.startsWith("NEAR/")) {
					throw QueryParseException.expected("'/' and a number after NEAR, such as NEAR/5", "", end,
							describeAt(end));
				}
				int number = distance(start + 5, "NEAR/");
				if (this.at != end) {
					throw QueryParseException.expected("a number from 0 to " + MAX_DISTANCE + " after NEAR/", "",
							start + 5, "'" + word.substring(5) + "'");
				}
				this.tokens.add(new Token(Type.NEAR, word, start, number, null));
				return;
			}
			this.tokens.add(new Token(Type.WORD, word, start, -1, null));
		}

		// Letters, or a known field whose name has a hyphen: wi-fi:6 stays a phrase.
		private static boolean isFieldName(String name) {
			return name.chars().allMatch(Character::isLetter)
					|| (name.matches("\\p{L}+(-\\p{L}+)+") && QueryField.byKey(name).isPresent());
		}

		private int wordEnd(int start) {
			int end = start;
			while (end < this.source.length()) {
				char c = this.source.charAt(end);
				if (Character.isWhitespace(c) || c == '(' || c == ')' || c == '"') {
					break;
				}
				end++;
			}
			return end;
		}

		private String quoted(int open) {
			int close = this.source.indexOf('"', open + 1);
			if (close < 0) {
				throw new QueryParseException(
						"unterminated quote: the '\"' at position " + open
								+ " has no closing '\"' before the end of the query",
						this.source.length(), "end of query", "'\"'");
			}
			this.at = close + 1;
			return this.source.substring(open + 1, close);
		}

		private int distance(int from, String after) {
			int end = from;
			while (end < this.source.length() && end - from < 4 && isAsciiDigit(this.source.charAt(end))) {
				end++;
			}
			int number = (end > from) ? Integer.parseInt(this.source.substring(from, end)) : -1;
			boolean moreDigits = end < this.source.length() && isAsciiDigit(this.source.charAt(end));
			if (number < 0 || number > MAX_DISTANCE || moreDigits) {
				int stop = wordEnd(from);
				String found = (stop > from) ? "'" + this.source.substring(from, stop) + "'" : describeAt(from);
				throw QueryParseException.expected("a number from 0 to " + MAX_DISTANCE + " after " + after, "", from,
						found);
			}
			this.at = end;
			return number;
		}

		private String describeAt(int position) {
			if (position >= this.source.length()) {
				return "end of query";
			}
			char c = this.source.charAt(position);
			return Character.isWhitespace(c) ? "a space" : "'" + c + "'";
		}

		private static boolean isAsciiDigit(char c) {
			return c >= '0' && c <= '9';
		}

	}

}
