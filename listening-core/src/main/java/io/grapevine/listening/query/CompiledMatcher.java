package io.grapevine.listening.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A query compiled to nested matchers that test an analysed mention.
 */
@FunctionalInterface
interface CompiledMatcher {

	boolean matches(MatchContext context);

	static CompiledMatcher compile(Node node) {
		return node.accept(new Compiler());
	}

	/**
	 * Turns each node into the matcher that evaluates it.
	 */
	final class Compiler implements Node.Visitor<CompiledMatcher> {

		@Override
		public CompiledMatcher term(Node.Term term) {
			String word = term.word();
			return (context) -> context.hasToken(word);
		}

		@Override
		public CompiledMatcher prefix(Node.Prefix prefix) {
			String stem = prefix.stem();
			return (context) -> context.hasTokenStartingWith(stem);
		}

		@Override
		public CompiledMatcher phrase(Node.Phrase phrase) {
			String[] words = phrase.words().toArray(String[]::new);
			return (context) -> {
				for (int start : context.positionsOf(words[0])) {
					if (followedBy(context, start, words)) {
						return true;
					}
				}
				return false;
			};
		}

		private static boolean followedBy(MatchContext context, int start, String[] words) {
			for (int i = 1; i < words.length; i++) {
				if (!words[i].equals(context.tokenAt(start + i))) {
					return false;
				}
			}
			return true;
		}

		@Override
		public CompiledMatcher near(Node.Near near) {
			Map<String, Integer> counts = new LinkedHashMap<>();
			near.words().forEach((word) -> counts.merge(word, 1, Integer::sum));
			String[] words = counts.keySet().toArray(String[]::new);
			int[] required = counts.values().stream().mapToInt(Integer::intValue).toArray();
			int distance = near.distance();
			int wanted = near.words().size();
			return (context) -> withinDistance(context, words, required, wanted, distance);
		}

		// The smallest window holding every word, found by sliding over their merged
		// positions.
		private static boolean withinDistance(MatchContext context, String[] words, int[] required, int wanted,
				int distance) {
			List<int[]> occurrences = new ArrayList<>();
			for (int w = 0; w < words.length; w++) {
				int[] positions = context.positionsOf(words[w]);
				if (positions.length < required[w]) {
					return false;
				}
				for (int position : positions) {
					occurrences.add(new int[] { position, w });
				}
			}
			occurrences.sort((a, b) -> Integer.compare(a[0], b[0]));
			int[] inWindow = new int[words.length];
			int satisfied = 0;
			int left = 0;
			for (int[] right : occurrences) {
				if (++inWindow[right[1]] == required[right[1]]) {
					satisfied++;
				}
				while (satisfied == words.length) {
					int[] first = occurrences.get(left);
					if (right[0] - first[0] + 1 - wanted <= distance) {
						return true;
					}
					if (inWindow[first[1]]-- == required[first[1]]) {
						satisfied--;
					}
					left++;
				}
			}
			return false;
		}

		@Override
		public CompiledMatcher hashtag(Node.Hashtag hashtag) {
			String tag = hashtag.tag();
			return (context) -> context.hasHashtag(tag);
		}

		@Override
		public CompiledMatcher handle(Node.Handle handle) {
			String name = handle.handle();
			return (context) -> context.hasHandle(name);
		}

		@Override
		public CompiledMatcher field(Node.FieldMatch field) {
			String value = field.value();
			switch (field.field()) {
				case LANG:
					return (context) -> context.isInLanguage(value);
				case SOURCE:
					return (context) -> context.isFromSource(value);
				case AUTHOR:
					return (context) -> context.isByAuthor(value);
				case SITE:
					return (context) -> context.isOnSite(value);
				case TOPIC:
					return (context) -> context.hasTopic(value);
				case SENTIMENT:
					Sentiment sentiment = Sentiment.valueOf(value.toUpperCase(Locale.ROOT));
					return (context) -> context.hasSentiment(sentiment);
				case IS:
					return (context) -> context.isPassedOnAs(value);
				case REPOST_OF:
					return (context) -> context.passesOn(value);
				default:
					throw new IllegalStateException("no matcher for field " + field.field());
			}
		}

		@Override
		public CompiledMatcher not(Node.Not not) {
			CompiledMatcher operand = not.operand().accept(this);
			return (context) -> !operand.matches(context);
		}

		@Override
		public CompiledMatcher and(Node.And and) {
			CompiledMatcher[] operands = compileAll(and.operands());
			return (context) -> {
				for (CompiledMatcher operand : operands) {
					if (!operand.matches(context)) {
						return false;
					}
				}
				return true;
			};
		}

		@Override
		public CompiledMatcher or(Node.Or or) {
			CompiledMatcher[] operands = compileAll(or.operands());
			return (context) -> {
				for (CompiledMatcher operand : operands) {
					if (operand.matches(context)) {
						return true;
					}
				}
				return false;
			};
		}

		private CompiledMatcher[] compileAll(List<Node> nodes) {
			return nodes.stream().map((node) -> node.accept(this)).toArray(CompiledMatcher[]::new);
		}

	}

}
