package io.grapevine.listening.query.dialect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.listening.query.Node;
import io.grapevine.listening.query.dialect.Grammar.Feature;

/**
 * Translates a listening query into the queries of one grammar, widening whatever the
 * grammar cannot express: first into terms of atoms (an approximation that is wider than
 * the query, or narrower under a negation), then dropping what the grammar lacks, keeping
 * a positive atom in every query, splitting OR for grammars without it and shortening
 * queries that are too long.
 */
final class DialectCompiler {

	private final Grammar grammar;

	DialectCompiler(Grammar grammar) {
		this.grammar = grammar;
	}

	List<String> compile(ListeningQuery query) {
		Objects.requireNonNull(query, "query");
		Expr expr = anchor(restrict(translate(query.root(), false)));
		List<Expr> queries = split(expr);
		List<String> written = new ArrayList<>();
		for (Expr one : queries) {
			for (Expr fitted : fit(one)) {
				if (fitted.equals(Expr.TRUE)) {
					return List.of("");
				}
				String text = write(fitted);
				if (!written.contains(text)) {
					written.add(text);
				}
			}
		}
		return List.copyOf(this.grammar.combine().apply(written));
	}

	// The node itself when negated is false, its negation otherwise, in negation normal
	// form; where atoms cannot say it exactly, something wider.
	private Expr translate(Node node, boolean negated) {
		if (node instanceof Node.Term term) {
			return literal(new Atom.Word(term.word()), negated);
		}
		if (node instanceof Node.Phrase phrase) {
			return literal(new Atom.Phrase(phrase.words()), negated);
		}
		if (node instanceof Node.Hashtag hashtag) {
			return literal(new Atom.Tag(hashtag.tag()), negated);
		}
		if (node instanceof Node.Handle handle) {
			List<Expr> either = List.of(literal(new Atom.Mentions(handle.handle()), negated),
					literal(new Atom.From(handle.handle()), negated));
			return negated ? Expr.all(either) : Expr.any(either);
		}
		if (node instanceof Node.Prefix) {
			return Expr.TRUE;
		}
		if (node instanceof Node.Near near) {
			// Every word must be there for a proximity, and a phrase of its words is one.
			return negated ? literal(new Atom.Phrase(near.words()), true)
					: Expr.all(near.words().stream().map((word) -> literal(new Atom.Word(word), false)).toList());
		}
		if (node instanceof Node.FieldMatch field) {
			return field(field, negated);
		}
		if (node instanceof Node.Not not) {
			return translate(not.operand(), !negated);
		}
		if (node instanceof Node.And and) {
			List<Expr> operands = and.operands().stream().map((operand) -> translate(operand, negated)).toList();
			return negated ? Expr.any(operands) : Expr.all(operands);
		}
		Node.Or or = (Node.Or) node;
		List<Expr> operands = or.operands().stream().map((operand) -> translate(operand, negated)).toList();
		return negated ? Expr.all(operands) : Expr.any(operands);
	}

	private Expr field(Node.FieldMatch field, boolean negated) {
		return switch (field.field()) {
			case LANG -> literal(new Atom.Lang(field.value()), negated);
			case AUTHOR -> literal(new Atom.From(field.value()), negated);
			case SOURCE -> (field.value().equals(this.grammar.source()) != negated) ? Expr.TRUE : Expr.FALSE;
			// The networks' own filters (X's is:quote) differ in what they count, so the
			// source query stays wider and the mentions are matched here.
			case SITE, TOPIC, SENTIMENT, IS, REPOST_OF -> Expr.TRUE;
		};
	}

	private static Expr literal(Atom atom, boolean negated) {
		return new Expr.Literal(atom, negated);
	}

	// Replaces every literal the grammar cannot write by something wider.
	private Expr restrict(Expr expr) {
		if (expr instanceof Expr.All all) {
			return Expr.all(all.operands().stream().map(this::restrict).toList());
		}
		if (expr instanceof Expr.Any any) {
			return Expr.any(any.operands().stream().map(this::restrict).toList());
		}
		if (expr instanceof Expr.Literal literal) {
			return literal.negated() ? restrictNegated(literal) : restrictPositive(literal.atom());
		}
		return expr;
	}

	private Expr restrictNegated(Expr.Literal literal) {
		Atom atom = literal.atom();
		Feature needed = (atom instanceof Atom.Phrase) ? Feature.NEGATED_PHRASE
				: (atom instanceof Atom.Tag) ? Feature.HASHTAG
						: (atom instanceof Atom.Mentions) ? Feature.MENTIONS : (atom instanceof Atom.From)
								? Feature.FROM : (atom instanceof Atom.Lang) ? Feature.LANG : Feature.NEGATION;
		return (this.grammar.has(Feature.NEGATION) && this.grammar.has(needed)) ? literal : Expr.TRUE;
	}

	private Expr restrictPositive(Atom atom) {
		if (atom instanceof Atom.Phrase phrase && !this.grammar.has(Feature.PHRASE)) {
			return Expr.all(phrase.words().stream().map((word) -> literal(new Atom.Word(word), false)).toList());
		}
		// The words of a hashtag or of a handle written in the text are words of the
		// text.
		if (atom instanceof Atom.Tag tag && !this.grammar.has(Feature.HASHTAG)) {
			return words(tag.tag());
		}
		if (atom instanceof Atom.Mentions mentions && !this.grammar.has(Feature.MENTIONS)) {
			return words(mentions.handle());
		}
		if ((atom instanceof Atom.From && !this.grammar.has(Feature.FROM))
				|| (atom instanceof Atom.Lang && !this.grammar.has(Feature.LANG))) {
			return Expr.TRUE;
		}
		return literal(atom, false);
	}

	private Expr words(String value) {
		Node node = ListeningQuery.anyOf(List.of(value)).root();
		Atom atom = (node instanceof Node.Phrase phrase) ? new Atom.Phrase(phrase.words())
				: new Atom.Word(((Node.Term) node).word());
		return restrictPositive(atom);
	}

	// An API cannot search for exclusions or a language alone: where a conjunction holds
	// no positive atom to search for, its filters are dropped.
	private static Expr anchor(Expr expr) {
		if (expr instanceof Expr.Literal literal) {
			return isFilter(literal) ? Expr.TRUE : literal;
		}
		if (expr instanceof Expr.Any any) {
			return Expr.any(any.operands().stream().map(DialectCompiler::anchor).toList());
		}
		if (expr instanceof Expr.All all) {
			List<Expr> exclusions = new ArrayList<>();
			List<Expr> anchored = new ArrayList<>();
			for (Expr operand : all.operands()) {
				if (operand instanceof Expr.Literal literal && isFilter(literal)) {
					exclusions.add(literal);
				}
				else {
					Expr one = anchor(operand);
					if (!one.equals(Expr.TRUE)) {
						anchored.add(one);
					}
				}
			}
			if (anchored.isEmpty()) {
				return Expr.TRUE;
			}
			anchored.addAll(exclusions);
			return Expr.all(anchored);
		}
		return expr;
	}

	private static boolean isFilter(Expr.Literal literal) {
		return literal.negated() || literal.atom() instanceof Atom.Lang;
	}

	private List<Expr> split(Expr expr) {
		if (expr.equals(Expr.FALSE)) {
			return List.of();
		}
		if (this.grammar.has(Feature.OR)) {
			return List.of(expr);
		}
		Expr current = expr;
		List<List<Expr>> conjunctions = disjunctiveForm(current);
		while (conjunctions.size() > this.grammar.maxQueries()) {
			current = anchor(dropLargestAny(current));
			conjunctions = disjunctiveForm(current);
		}
		return conjunctions.stream().map(Expr::all).toList();
	}

	private static List<List<Expr>> disjunctiveForm(Expr expr) {
		if (expr instanceof Expr.Any any) {
			List<List<Expr>> result = new ArrayList<>();
			any.operands().forEach((operand) -> result.addAll(disjunctiveForm(operand)));
			return result;
		}
		if (expr instanceof Expr.All all) {
			List<List<Expr>> result = List.of(List.of());
			for (Expr operand : all.operands()) {
				List<List<Expr>> product = new ArrayList<>();
				for (List<Expr> left : result) {
					for (List<Expr> right : disjunctiveForm(operand)) {
						List<Expr> joined = new ArrayList<>(left);
						joined.addAll(right);
						product.add(joined);
					}
				}
				result = product;
			}
			return result;
		}
		if (expr.equals(Expr.FALSE)) {
			return List.of();
		}
		return expr.equals(Expr.TRUE) ? List.of(List.of()) : List.of(List.of(expr));
	}

	// Widens by dropping the OR with the most operands; in negation normal form every OR
	// stands in a positive place, so matching everything there only widens.
	private static Expr dropLargestAny(Expr expr) {
		Expr.Any largest = largestAny(expr);
		return (largest != null) ? replace(expr, largest) : Expr.TRUE;
	}

	private static Expr.Any largestAny(Expr expr) {
		Expr.Any largest = (expr instanceof Expr.Any any) ? any : null;
		List<Expr> operands = (expr instanceof Expr.All all) ? all.operands()
				: (expr instanceof Expr.Any any) ? any.operands() : List.of();
		for (Expr operand : operands) {
			Expr.Any inner = largestAny(operand);
			if (inner != null && (largest == null || inner.operands().size() > largest.operands().size())) {
				largest = inner;
			}
		}
		return largest;
	}

	private static Expr replace(Expr expr, Expr target) {
		if (expr == target) {
			return Expr.TRUE;
		}
		if (expr instanceof Expr.All all) {
			return Expr.all(all.operands().stream().map((operand) -> replace(operand, target)).toList());
		}
		if (expr instanceof Expr.Any any) {
			return Expr.any(any.operands().stream().map((operand) -> replace(operand, target)).toList());
		}
		return expr;
	}

	// Queries no longer than the grammar allows that together match at least what expr
	// matches: an OR is split into several queries, an AND loses its longest operand.
	private List<Expr> fit(Expr expr) {
		if (expr.equals(Expr.TRUE) || write(expr).length() <= this.grammar.maxLength()) {
			return List.of(expr);
		}
		if (expr instanceof Expr.Any any) {
			return pack(any.operands());
		}
		if (expr instanceof Expr.All all) {
			Expr longest = all.operands()
				.stream()
				.max(Comparator.comparingInt((operand) -> write(operand).length()))
				.orElseThrow();
			List<Expr> rest = new ArrayList<>(all.operands());
			int at = rest.indexOf(longest);
			if (longest instanceof Expr.Any any) {
				// (a OR b OR c OR d) x is (a OR b) x OR (c OR d) x.
				int half = any.operands().size() / 2;
				List<Expr> split = new ArrayList<>();
				for (List<Expr> part : List.of(any.operands().subList(0, half),
						any.operands().subList(half, any.operands().size()))) {
					rest.set(at, Expr.any(part));
					split.addAll(fit(Expr.all(rest)));
				}
				return split;
			}
			rest.remove(at);
			return fit(anchor(Expr.all(rest)));
		}
		return List.of(Expr.TRUE);
	}

	private List<Expr> pack(List<Expr> operands) {
		List<Expr> packed = new ArrayList<>();
		List<Expr> group = new ArrayList<>();
		for (Expr operand : operands) {
			List<Expr> grown = new ArrayList<>(group);
			grown.add(operand);
			if (group.isEmpty() || write(Expr.any(grown)).length() <= this.grammar.maxLength()) {
				group = grown;
			}
			else {
				packed.addAll(fit(Expr.any(group)));
				group = new ArrayList<>(List.of(operand));
			}
		}
		if (!group.isEmpty()) {
			packed.addAll(fit(Expr.any(group)));
		}
		return packed;
	}

	private String write(Expr expr) {
		if (expr instanceof Expr.Literal literal) {
			String atom = this.grammar.writer().apply(literal.atom());
			return literal.negated() ? this.grammar.negation().apply(atom) : atom;
		}
		if (expr instanceof Expr.All all) {
			List<String> parts = new ArrayList<>();
			for (Expr operand : all.operands()) {
				parts.add((operand instanceof Expr.Any) ? "(" + write(operand) + ")" : write(operand));
			}
			return String.join(" ", parts);
		}
		if (expr instanceof Expr.Any any) {
			List<String> parts = new ArrayList<>();
			for (Expr operand : any.operands()) {
				parts.add((operand instanceof Expr.All) ? "(" + write(operand) + ")" : write(operand));
			}
			return String.join(this.grammar.or(), parts);
		}
		return "";
	}

	/**
	 * Writes a phrase in double quotes.
	 * @param phrase the phrase
	 * @return the phrase in quotes
	 */
	static String quoted(Atom.Phrase phrase) {
		return "\"" + joinWords(phrase.words()) + "\"";
	}

	/**
	 * Writes the words of a phrase as one string: with spaces between words, except
	 * between two characters of scripts written without spaces (Han, Hiragana), which the
	 * query language reads as one word each.
	 * @param words the words
	 * @return the phrase
	 */
	static String joinWords(List<String> words) {
		StringBuilder joined = new StringBuilder();
		for (String word : words) {
			if (!joined.isEmpty() && !(standsAlone(word.codePointAt(0))
					&& standsAlone(joined.codePointBefore(joined.length())) && isOneCharacter(word))) {
				joined.append(' ');
			}
			joined.append(word);
		}
		return joined.toString();
	}

	private static boolean isOneCharacter(String word) {
		return word.codePointCount(0, word.length()) == 1;
	}

	private static boolean standsAlone(int cp) {
		Character.UnicodeScript script = Character.UnicodeScript.of(cp);
		return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA;
	}

}
