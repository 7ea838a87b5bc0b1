package io.grapevine.listening.query;

import java.util.stream.Collectors;

/**
 * Writes a {@link Node} back as a normalised query that parses to the same tree.
 */
final class QueryFormatter implements Node.Visitor<String> {

	static final QueryFormatter INSTANCE = new QueryFormatter();

	private QueryFormatter() {
	}

	@Override
	public String term(Node.Term term) {
		return term.word();
	}

	@Override
	public String prefix(Node.Prefix prefix) {
		return prefix.stem() + "*";
	}

	@Override
	public String phrase(Node.Phrase phrase) {
		return "\"" + String.join(" ", phrase.words()) + "\"";
	}

	@Override
	public String near(Node.Near near) {
		if (near.words().size() == 2) {
			return near.words().get(0) + " NEAR/" + near.distance() + " " + near.words().get(1);
		}
		return "\"" + String.join(" ", near.words()) + "\"~" + near.distance();
	}

	@Override
	public String hashtag(Node.Hashtag hashtag) {
		return "#" + hashtag.tag();
	}

	@Override
	public String handle(Node.Handle handle) {
		return "@" + handle.handle();
	}

	@Override
	public String field(Node.FieldMatch field) {
		String value = field.value();
		boolean plain = value.codePoints()
			.allMatch((cp) -> TextAnalysis.isWordChar(cp) || cp == '.' || cp == '-' || cp == '@');
		return field.field().key() + ":" + (plain ? value : "\"" + value + "\"");
	}

	@Override
	public String not(Node.Not not) {
		return "NOT " + grouped(not.operand());
	}

	@Override
	public String and(Node.And and) {
		return and.operands()
			.stream()
			.map((operand) -> (operand instanceof Node.Or) ? "(" + operand.accept(this) + ")" : operand.accept(this))
			.collect(Collectors.joining(" AND "));
	}

	@Override
	public String or(Node.Or or) {
		return or.operands().stream().map((operand) -> operand.accept(this)).collect(Collectors.joining(" OR "));
	}

	private String grouped(Node node) {
		String text = node.accept(this);
		return (node instanceof Node.And || node instanceof Node.Or) ? "(" + text + ")" : text;
	}

}
