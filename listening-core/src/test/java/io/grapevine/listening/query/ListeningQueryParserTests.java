package io.grapevine.listening.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.grapevine.listening.query.Node.And;
import io.grapevine.listening.query.Node.FieldMatch;
import io.grapevine.listening.query.Node.Handle;
import io.grapevine.listening.query.Node.Hashtag;
import io.grapevine.listening.query.Node.Near;
import io.grapevine.listening.query.Node.Not;
import io.grapevine.listening.query.Node.Or;
import io.grapevine.listening.query.Node.Phrase;
import io.grapevine.listening.query.Node.Prefix;
import io.grapevine.listening.query.Node.Term;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ListeningQueryParserTests {

	@Test
	void aWordIsATermInLowerCaseWithoutAccents() {
		assertThat(parse("Café")).isEqualTo(term("cafe"));
	}

	@Test
	void adjacentTermsAreJoinedByAnd() {
		assertThat(parse("food bank")).isEqualTo(new And(List.of(term("food"), term("bank"))));
	}

	@Test
	void aQuotedPhraseKeepsItsWordsInOrder() {
		assertThat(parse("\"Food  Bank\"")).isEqualTo(new Phrase(List.of("food", "bank")));
	}

	@Test
	void aQuotedSingleWordIsATerm() {
		assertThat(parse("\"food\"")).isEqualTo(term("food"));
	}

	@Test
	void aHyphenatedWordIsAPhraseOfItsParts() {
		assertThat(parse("wi-fi")).isEqualTo(new Phrase(List.of("wi", "fi")));
	}

	@Test
	void andBindsTighterThanOr() {
		assertThat(parse("a1 OR b1 AND c1"))
			.isEqualTo(new Or(List.of(term("a1"), new And(List.of(term("b1"), term("c1"))))));
	}

	@Test
	void notBindsTighterThanAnd() {
		assertThat(parse("NOT a1 b1")).isEqualTo(new And(List.of(new Not(term("a1")), term("b1"))));
	}

	@Test
	void implicitAndBindsTighterThanOr() {
		assertThat(parse("a1 OR b1 c1"))
			.isEqualTo(new Or(List.of(term("a1"), new And(List.of(term("b1"), term("c1"))))));
	}

	@Test
	void parenthesesGroupBeforeAnd() {
		assertThat(parse("(a1 OR b1) c1"))
			.isEqualTo(new And(List.of(new Or(List.of(term("a1"), term("b1"))), term("c1"))));
	}

	@Test
	void chainsOfTheSameOperatorAreFlattened() {
		assertThat(parse("a1 AND (b1 AND c1) d1"))
			.isEqualTo(new And(List.of(term("a1"), term("b1"), term("c1"), term("d1"))));
		assertThat(parse("a1 OR (b1 OR c1)")).isEqualTo(new Or(List.of(term("a1"), term("b1"), term("c1"))));
	}

	@Test
	void aMinusNegatesATermAPhraseOrAGroup() {
		assertThat(parse("bus -late -\"on time\" -(strike OR closed)"))
			.isEqualTo(new And(List.of(term("bus"), new Not(term("late")), new Not(new Phrase(List.of("on", "time"))),
					new Not(new Or(List.of(term("strike"), term("closed")))))));
	}

	@Test
	void aHyphenInsideAWordDoesNotNegate() {
		assertThat(parse("e-mail")).isEqualTo(new Phrase(List.of("e", "mail")));
	}

	@Test
	void aTrailingStarIsAPrefix() {
		assertThat(parse("Volunteer*")).isEqualTo(new Prefix("volunteer"));
	}

	@Test
	void aQuotedPhraseWithATildeIsAProximity() {
		assertThat(parse("\"food bank\"~5")).isEqualTo(new Near(List.of("food", "bank"), 5));
	}

	@Test
	void nearJoinsTwoWordsAndBindsTighterThanNot() {
		assertThat(parse("bus NOT food NEAR/3 bank"))
			.isEqualTo(new And(List.of(term("bus"), new Not(new Near(List.of("food", "bank"), 3)))));
	}

	@Test
	void hashtagsAndHandlesKeepTheirKind() {
		assertThat(parse("#FoodBank @CityHall"))
			.isEqualTo(new And(List.of(new Hashtag("foodbank"), new Handle("cityhall"))));
	}

	@Test
	void fieldsAreRecognisedIgnoringTheCaseOfTheirName() {
		assertThat(parse("LANG:EN source:Reddit author:@Alice site:News.Example.org sentiment:Negative topic:Delays"))
			.isEqualTo(new And(List.of(new FieldMatch(QueryField.LANG, "en"),
					new FieldMatch(QueryField.SOURCE, "reddit"), new FieldMatch(QueryField.AUTHOR, "alice"),
					new FieldMatch(QueryField.SITE, "news.example.org"),
					new FieldMatch(QueryField.SENTIMENT, "negative"), new FieldMatch(QueryField.TOPIC, "delays"))));
	}

	@Test
	void isTellsHowAMentionPassesAPostOnAndRepostOfNamesTheOriginalAsWritten() {
		assertThat(parse("IS:Quote repost-of:x:1460323737035677698 -is:crosspost"))
			.isEqualTo(new And(List.of(new FieldMatch(QueryField.IS, "quote"),
					new FieldMatch(QueryField.REPOST_OF, "x:1460323737035677698"),
					new Not(new FieldMatch(QueryField.IS, "crosspost")))));
		// Native ids are case-sensitive, and Bluesky's are AT URIs, quoted or not.
		String original = "bluesky:at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3kGhIjK";
		assertThat(parse("repost-of:" + original)).isEqualTo(new FieldMatch(QueryField.REPOST_OF, original));
		assertThat(parse("repost-of:\"" + original + "\"")).isEqualTo(new FieldMatch(QueryField.REPOST_OF, original));
		assertThat(parse("is:repost OR is:quote")).isEqualTo(
				new Or(List.of(new FieldMatch(QueryField.IS, "repost"), new FieldMatch(QueryField.IS, "quote"))));
	}

	@Test
	void theNormalisedFormOfRepostFieldsReadsBackTheSame() {
		for (String query : List.of("is:quote", "repost-of:reddit:t3_1abcDE",
				"food -repost-of:\"mastodon:mastodon.social:1\"",
				"repost-of:bluesky:at://did:plc:abc/app.bsky.feed.post/3kGh")) {
			ListeningQuery parsed = ListeningQuery.parse(query);
			assertThat(ListeningQuery.parse(parsed.toString())).as(parsed.toString()).isEqualTo(parsed);
		}
		assertThat(ListeningQuery.parse("Repost-Of:x:42")).hasToString("repost-of:\"x:42\"");
	}

	@Test
	void isTakesOnlyTheKindsAndRepostOfOnlyAMentionId() {
		assertThatExceptionOfType(QueryParseException.class).isThrownBy(() -> ListeningQuery.parse("bus is:retweet"))
			.withMessageContaining("is: takes repost, quote or crosspost, at position 4")
			.satisfies((ex) -> assertThat(ex.position()).isEqualTo(4));
		for (String id : List.of("1460323737035677698", ":1460323737035677698", "x:")) {
			assertThatExceptionOfType(QueryParseException.class)
				.isThrownBy(() -> ListeningQuery.parse("repost-of:" + id))
				.withMessageContaining("repost-of: takes a mention id (source:nativeId)");
		}
	}

	@Test
	void aHyphenatedWordBeforeAColonIsAFieldOnlyWhenItNamesOne() {
		assertThat(parse("wi-fi:free")).isEqualTo(new Phrase(List.of("wi", "fi", "free")));
		assertThatExceptionOfType(QueryParseException.class).isThrownBy(() -> ListeningQuery.parse("bus:late"))
			.withMessageContaining("unknown field 'bus'");
	}

	@Test
	void aFieldValueMayBeQuoted() {
		assertThat(parse("topic:\"Food Bank\"")).isEqualTo(new FieldMatch(QueryField.TOPIC, "food bank"));
	}

	@Test
	void aUrlIsAPhraseOfItsWordsNotAField() {
		assertThat(parse("https://example.org/help")).isEqualTo(new Phrase(List.of("https", "example", "org", "help")));
	}

	@Test
	void lowerCaseOperatorsAreWords() {
		assertThat(parse("salt and pepper")).isEqualTo(new And(List.of(term("salt"), term("and"), term("pepper"))));
	}

	@Test
	void japaneseIsTokenisedIdeographByIdeograph() {
		assertThat(parse("東京")).isEqualTo(new Phrase(List.of("東", "京")));
		assertThat(parse("ボランティア")).isEqualTo(term("ボランティア"));
	}

	@Test
	void theSourceTextIsKept() {
		assertThat(ListeningQuery.parse(" food  bank ").source()).isEqualTo(" food  bank ");
	}

	@ParameterizedTest(name = "{0}  ->  {1}")
	@CsvSource(delimiter = '|', textBlock = """
			food bank                                 | food AND bank
			Food OR Bank                              | food OR bank
			(a1 OR b1) c1                             | (a1 OR b1) AND c1
			a1 OR b1 c1                               | a1 OR b1 AND c1
			-(a1 OR b1) c1                            | NOT (a1 OR b1) AND c1
			"food bank"~5 -"Spam Bot"                 | food NEAR/5 bank AND NOT "spam bot"
			"a1 b1 c1"~2                              | "a1 b1 c1"~2
			volunteer* #Café @Bob                     | volunteer* AND #cafe AND @bob
			topic:"Food Bank" lang:en_GB              | topic:"food bank" AND lang:en-gb
			""")
	void theNormalisedFormIsLowerCaseWithExplicitOperators(String query, String normalised) {
		assertThat(ListeningQuery.parse(query)).hasToString(normalised);
		assertThat(ListeningQuery.parse(normalised)).isEqualTo(ListeningQuery.parse(query));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					``                       | 0  | the query is empty
					`   `                    | 3  | the query is empty
					food AND                 | 8  | expected a term or '(' after AND at position 8, found end of query
					food OR                  | 7  | expected a term or '(' after OR at position 7, found end of query
					AND food                 | 0  | expected a term or '(' at position 0, found AND
					food AND OR bank         | 9  | expected a term or '(' after AND at position 9, found OR
					food NOT                 | 8  | expected a term or '(' after NOT at position 8, found end of query
					(food bank               | 10 | expected ')' to close the '(' at position 0 at position 10, found end of query
					((food) OR bank          | 15 | expected ')' to close the '(' at position 0
					food bank)               | 9  | unexpected ')' at position 9 with no '(' to close
					()                       | 1  | expected a term or '(' after '(' at position 1, found ')'
					"food bank               | 10 | unterminated quote: the '"' at position 0
					food "bank               | 10 | unterminated quote: the '"' at position 5
					foo:bar                  | 0  | unknown field 'foo' at position 0; known fields are lang, source, author, site, sentiment, topic, is, repost-of
					food Foo:bar             | 5  | unknown field 'Foo'
					lang:                    | 5  | expected a value after 'lang:' at position 5, found end of query
					lang: en                 | 5  | expected a value after 'lang:' at position 5, found a space
					sentiment:happy          | 0  | sentiment: takes positive, negative or neutral
					site:http://example.org  | 0  | site: takes a domain such as example.org
					lang:english!            | 0  | lang: takes a language code
					"food bank"~             | 12 | expected a number from 0 to 100 after '~' at position 12, found end of query
					"food bank"~x            | 12 | expected a number from 0 to 100 after '~' at position 12, found 'x'
					"food bank"~1000         | 12 | expected a number from 0 to 100 after '~' at position 12, found '1000'
					food NEAR/ bank          | 10 | expected a number from 0 to 100 after NEAR/ at position 10, found a space
					food NEAR/x bank         | 10 | expected a number from 0 to 100 after NEAR/ at position 10, found 'x'
					food NEAR/5x bank        | 10 | expected a number from 0 to 100 after NEAR/ at position 10, found '5x'
					food NEAR bank           | 9  | expected '/' and a number after NEAR
					food NEAR/5              | 11 | expected a term or '(' after NEAR/5 at position 11, found end of query
					NEAR/5 bank              | 0  | expected a term or '(' at position 0, found NEAR/5
					"food bank" NEAR/5 x1    | 0  | NEAR/5 needs a single word on each side, at position 0, found "food bank"
					a1 NEAR/2 b1 NEAR/2 c1   | 13 | NEAR/2 needs a single word on each side, at position 13, found another NEAR
					-spam                    | 0  | only excludes mentions; it needs something to match
					NOT spam -ham            | 0  | only excludes mentions; it needs something to match
					food OR -spam            | 0  | only excludes mentions; it needs something to match
					food -                   | 6  | expected a term, phrase or '(' right after '-' at position 6, found end of query
					food - bank              | 6  | expected a term, phrase or '(' right after '-' at position 6, found a space
					vol*teer                 | 3  | a wildcard '*' may only end a word, at position 3
					a*                       | 0  | a wildcard needs one word of at least two letters or digits before '*'
					*                        | 0  | a wildcard needs one word
					!!!                      | 0  | expected a term with letters or digits at position 0, found '!!!'
					"?!"                     | 0  | expected letters or digits inside the quotes at position 0
					#                        | 0  | a hashtag is '#' followed by letters, digits or '_' only
					#food-bank               | 0  | a hashtag is '#' followed by letters, digits or '_' only
					@                        | 0  | a handle is '@' followed by letters, digits or '_' only
					""")
	void anInvalidQueryIsRejectedWithItsPosition(String query, int position, String message) {
		assertThatExceptionOfType(QueryParseException.class).isThrownBy(() -> ListeningQuery.parse(query))
			.withMessageContaining(message)
			.satisfies((ex) -> assertThat(ex.position()).isEqualTo(position))
			.satisfies((ex) -> assertThat(ex.found()).isNotBlank())
			.satisfies((ex) -> assertThat(ex.expected()).isNotBlank());
	}

	@Test
	void anUnknownFieldErrorSaysWhatWasFoundAndWhatWasExpected() {
		assertThatExceptionOfType(QueryParseException.class).isThrownBy(() -> ListeningQuery.parse("food foo:bar"))
			.satisfies((ex) -> {
				assertThat(ex.position()).isEqualTo(5);
				assertThat(ex.found()).isEqualTo("'foo:bar'");
				assertThat(ex.expected())
					.isEqualTo("one of lang, source, author, site, sentiment, topic, is, repost-of");
			});
	}

	@Test
	void fiveHundredNestedParenthesesAreRefusedWithThePositionWhereTheLimitIsPassed() {
		String query = "(".repeat(500) + "food" + ")".repeat(500);
		assertThatExceptionOfType(QueryParseException.class).isThrownBy(() -> ListeningQuery.parse(query))
			.withMessageContaining("more than 32 levels deep at position 32")
			.satisfies((ex) -> assertThat(ex.position()).isEqualTo(32));
		assertThat(parse("(".repeat(32) + "food" + ")".repeat(32))).isEqualTo(term("food"));
	}

	@Test
	void andOrAndNotNestedMoreThanTwentyLevelsDeepAreRefusedSoElasticsearchCanReadEveryQueryAccepted() {
		assertThat(ListeningQuery.parse("fare " + "-".repeat(18) + "refund")).isNotNull();
		assertThatExceptionOfType(QueryParseException.class)
			.isThrownBy(() -> ListeningQuery.parse("fare " + "-".repeat(20) + "refund"))
			.withMessageContaining("more than 20 levels deep (the deepest part is at position 24)")
			.satisfies((ex) -> assertThat(ex.position()).isEqualTo(24));
		// Parentheses alone nest nothing; an OR and an AND NOT inside each pair do.
		assertThat(ListeningQuery.parse("(".repeat(30) + "fare" + ")".repeat(30))).isNotNull();
		assertThat(ListeningQuery.parse(alternating(6))).isNotNull();
		assertThatExceptionOfType(QueryParseException.class).isThrownBy(() -> ListeningQuery.parse(alternating(7)))
			.withMessageContaining("levels deep");
	}

	// fare OR (bus NOT (fare OR (bus NOT (...)))): three levels of OR, AND and NOT a
	// pair.
	private static String alternating(int pairs) {
		StringBuilder query = new StringBuilder();
		for (int i = 0; i < pairs; i++) {
			query.append("fare OR (bus NOT (");
		}
		query.append("refund");
		query.append("))".repeat(pairs));
		return query.toString();
	}

	@Test
	void longChainsOfNotAndMinusAreRefusedRatherThanNestedWithoutEnd() {
		assertThatExceptionOfType(QueryParseException.class)
			.isThrownBy(() -> ListeningQuery.parse("food " + "NOT ".repeat(250) + "bank"))
			.withMessageContaining("levels deep");
		assertThatExceptionOfType(QueryParseException.class)
			.isThrownBy(() -> ListeningQuery.parse("food " + "-".repeat(1_000) + "bank"))
			.withMessageContaining("levels deep");
	}

	@Test
	void aQueryLongerThanTheLimitIsRefusedSayingHowLongItIs() {
		String query = "food OR ".repeat(600) + "bank";
		assertThatExceptionOfType(QueryParseException.class).isThrownBy(() -> ListeningQuery.parse(query))
			.withMessageStartingWith("the query is " + query.length() + " characters long; at most 4096");
		assertThat(ListeningQuery.parse("food OR ".repeat(500) + "bank")).isNotNull();
	}

	@Test
	void aNullQueryIsRejectedAsEmpty() {
		assertThatExceptionOfType(QueryParseException.class).isThrownBy(() -> ListeningQuery.parse(null))
			.withMessageStartingWith("the query is empty");
	}

	private static Node parse(String query) {
		return ListeningQuery.parse(query).root();
	}

	private static Term term(String word) {
		return new Term(word);
	}

}
