package io.grapevine.listening.query;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Mention;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of generated queries, most of them hostile: each parses and matches, or is
 * refused with a position inside the query; none escapes as another error.
 */
class HostileQueryProperties {

	private static final Mention MENTION = Mention.builder("x", "1")
		.url(URI.create("https://x.com/amy/status/1"))
		.text("The 42 bus was late again #hctransit @hct_help, café fermé? 🙂")
		.author(Author.of("amy"))
		.publishedAt(Instant.parse("2026-11-20T09:15:00Z"))
		.build();

	@Property(tries = 3000)
	void everyQueryParsesOrIsRefusedWithAPositionInsideIt(@ForAll("queries") String query) {
		try {
			ListeningQuery parsed = ListeningQuery.parse(query);
			parsed.matches(MENTION);
		}
		catch (QueryParseException ex) {
			assertThat(ex.position()).isBetween(0, query.length());
			assertThat(ex.getMessage()).isNotBlank();
		}
	}

	@Provide
	Arbitrary<String> queries() {
		Arbitrary<String> pieces = Arbitraries
			.frequencyOf(net.jqwik.api.Tuple.of(20, Arbitraries.of("(", ")", "NOT ", "-", "\"", "OR ", "AND ", " ")),
					net.jqwik.api.Tuple.of(10, Arbitraries.of("bus ", "late ", "café ", "42 ", "#hctransit ",
							"@hct_help ", "del* ", "a*b ", "lang:en ", "lang:xx-zz-99 ", "site:x.com ", "site:// ",
							"source:x ", "sentiment:angry ", "topic:fares ", "author:amy ", "foo:bar ", "NEAR/5 ",
							"NEAR/999 ", "NEAR ", "~3 ", "~ ", "*", ":", "\u0000", "\u202e", "🙂", "\\", "'", "%")),
					net.jqwik.api.Tuple.of(3, Arbitraries.strings().ofMaxLength(12)));
		Arbitrary<String> generated = pieces.list().ofMaxSize(300).map((parts) -> String.join("", parts));
		Arbitrary<String> deep = Arbitraries.integers()
			.between(1, 2_000)
			.flatMap((depth) -> Arbitraries.of("(", "NOT ", "-", "(NOT ")
				.map((open) -> open.repeat(depth) + "bus" + (open.contains("(") ? ")".repeat(depth) : "")));
		Arbitrary<String> long_ = Arbitraries.integers().between(1, 3_000).map((n) -> "bus OR ".repeat(n) + "late");
		return Arbitraries.oneOf(List.of(generated, deep, long_));
	}

}
