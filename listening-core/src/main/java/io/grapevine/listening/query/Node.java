package io.grapevine.listening.query;

import java.util.List;
import java.util.Objects;

/**
 * The syntax tree of a listening query; every word and value in it is already normalised
 * (lower case, NFKC, accents stripped), so a compiler only translates it.
 */
public sealed interface Node {

	/**
	 * Let a visitor translate this node.
	 * @param <R> what the visitor produces
	 * @param visitor the visitor
	 * @return what the visitor produced for this node
	 */
	<R> R accept(Visitor<R> visitor);

	/**
	 * Translates each kind of node, for evaluation, formatting or compilation to another
	 * query language.
	 *
	 * @param <R> what the visitor produces
	 */
	interface Visitor<R> {

		R term(Term term);

		R prefix(Prefix prefix);

		R phrase(Phrase phrase);

		R near(Near near);

		R hashtag(Hashtag hashtag);

		R handle(Handle handle);

		R field(FieldMatch field);

		R not(Not not);

		R and(And and);

		R or(Or or);

	}

	/**
	 * One word, matched as a whole token.
	 *
	 * @param word the normalised word
	 */
	record Term(String word) implements Node {

		public Term {
			requireText(word, "word");
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.term(this);
		}

	}

	/**
	 * A word ending in {@code *}: any token that starts with the stem.
	 *
	 * @param stem the normalised part before the {@code *}
	 */
	record Prefix(String stem) implements Node {

		public Prefix {
			requireText(stem, "stem");
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.prefix(this);
		}

	}

	/**
	 * Words next to each other in this order.
	 *
	 * @param words two or more normalised words
	 */
	record Phrase(List<String> words) implements Node {

		public Phrase {
			words = List.copyOf(words);
			if (words.size() < 2) {
				throw new IllegalArgumentException("a phrase needs at least two words, was " + words);
			}
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.phrase(this);
		}

	}

	/**
	 * Words in any order with at most {@code distance} other words between them, like an
	 * unordered Elasticsearch {@code span_near} with that slop.
	 *
	 * @param words two or more normalised words
	 * @param distance how many other words may stand between them in all
	 */
	record Near(List<String> words, int distance) implements Node {

		public Near {
			words = List.copyOf(words);
			if (words.size() < 2) {
				throw new IllegalArgumentException("a proximity needs at least two words, was " + words);
			}
			if (distance < 0) {
				throw new IllegalArgumentException("distance cannot be negative, was " + distance);
			}
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.near(this);
		}

	}

	/**
	 * A hashtag, matched as a whole tag in the text.
	 *
	 * @param tag the normalised tag without {@code #}
	 */
	record Hashtag(String tag) implements Node {

		public Hashtag {
			requireText(tag, "tag");
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.hashtag(this);
		}

	}

	/**
	 * A handle, matched as a whole {@code @handle} in the text or as the author's handle.
	 *
	 * @param handle the normalised handle without {@code @}
	 */
	record Handle(String handle) implements Node {

		public Handle {
			requireText(handle, "handle");
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.handle(this);
		}

	}

	/**
	 * A restriction on one field of the mention.
	 *
	 * @param field the field
	 * @param value the normalised value
	 */
	record FieldMatch(QueryField field, String value) implements Node {

		public FieldMatch {
			Objects.requireNonNull(field, "field");
			requireText(value, "value");
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.field(this);
		}

	}

	/**
	 * Mentions that do not match the operand.
	 *
	 * @param operand what must not match
	 */
	record Not(Node operand) implements Node {

		public Not {
			Objects.requireNonNull(operand, "operand");
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.not(this);
		}

	}

	/**
	 * Mentions that match every operand.
	 *
	 * @param operands two or more nodes, none of them an {@code And}
	 */
	record And(List<Node> operands) implements Node {

		public And {
			operands = List.copyOf(operands);
			if (operands.size() < 2) {
				throw new IllegalArgumentException("AND needs at least two operands, was " + operands);
			}
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.and(this);
		}

	}

	/**
	 * Mentions that match at least one operand.
	 *
	 * @param operands two or more nodes, none of them an {@code Or}
	 */
	record Or(List<Node> operands) implements Node {

		public Or {
			operands = List.copyOf(operands);
			if (operands.size() < 2) {
				throw new IllegalArgumentException("OR needs at least two operands, was " + operands);
			}
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.or(this);
		}

	}

	private static void requireText(String value, String name) {
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException(name + " cannot be empty");
		}
	}

}
