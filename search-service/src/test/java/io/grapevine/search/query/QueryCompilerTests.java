package io.grapevine.search.query;

import java.io.IOException;
import java.io.StringWriter;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grapevine.listening.query.ListeningQuery;
import jakarta.json.stream.JsonGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryCompilerTests {

	private static final JsonpMapper MAPPER = new JacksonJsonpMapper();

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void aWordBecomesATermOnTheFoldedWordsTheIndexerWrites() {
		assertThat(compiled("Volunteer")).isEqualTo(json("{'term':{'match.words':{'value':'volunteer'}}}"));
		assertThat(compiled("CAFÉ")).isEqualTo(json("{'term':{'match.words':{'value':'cafe'}}}"));
	}

	@Test
	void aQuotedPhraseBecomesAnOrderedSpanOfItsNormalisedWordsWithoutSlop() {
		assertThat(compiled("\"Crème  Brûlée\"")).isEqualTo(json("{'span_near':{'clauses':["
				+ "{'span_term':{'match.words':{'value':'creme'}}},{'span_term':{'match.words':{'value':'brulee'}}}],"
				+ "'in_order':true,'slop':0}}"));
	}

	@Test
	void aTrailingWildcardBecomesAPrefixQueryOnTheWords() {
		assertThat(compiled("volunteer*")).isEqualTo(json("{'prefix':{'match.words':{'value':'volunteer'}}}"));
	}

	@Test
	void aProximityBecomesAnUnorderedSpanNearWithTheDistanceAsSlop() {
		assertThat(compiled("food NEAR/5 bank")).isEqualTo(json("{'span_near':{'clauses':["
				+ "{'span_term':{'match.words':{'value':'food'}}},{'span_term':{'match.words':{'value':'bank'}}}],"
				+ "'in_order':false,'slop':5}}"));
	}

	@Test
	void aProximityOfOneWordRepeatedIsOrderedSoEachOccurrenceCounts() {
		assertThat(compiled("\"bank bank\"~1")).isEqualTo(json("{'span_near':{'clauses':["
				+ "{'span_term':{'match.words':{'value':'bank'}}},{'span_term':{'match.words':{'value':'bank'}}}],"
				+ "'in_order':true,'slop':1}}"));
	}

	@Test
	void aLanguageAlsoMatchesItsRegionalVariantsIgnoringCase() {
		assertThat(compiled("lang:en"))
			.isEqualTo(json("{'bool':{'should':[" + "{'term':{'language':{'value':'en','case_insensitive':true}}},"
					+ "{'prefix':{'language':{'value':'en-','case_insensitive':true}}},"
					+ "{'prefix':{'language':{'value':'en_','case_insensitive':true}}}],'minimum_should_match':'1'}}"));
	}

	@Test
	void fieldsBecomeTermsOnTheirKeywordFields() {
		assertThat(compiled("source:Reddit")).isEqualTo(term("source", "reddit"));
		assertThat(compiled("topic:Délais")).isEqualTo(exact("match.topics", "delais"));
		assertThat(compiled("site:Example.org")).isEqualTo(exact("site", "example.org"));
		assertThat(compiled("sentiment:NEGATIVE")).isEqualTo(exact("sentiment.label", "negative"));
	}

	@Test
	void aHashtagAndAHandleAreExactTermsOnTheirKeywordLists() {
		assertThat(compiled("#FoodBank")).isEqualTo(exact("match.hashtags", "foodbank"));
		assertThat(compiled("@CityHall")).isEqualTo(exact("match.handles", "cityhall"));
	}

	@Test
	void anAuthorIsTheHandleWithOrWithoutAnInstance() {
		assertThat(compiled("author:@Alice").at("/bool/should")).containsExactly(exact("match.author", "alice"),
				json("{'prefix':{'match.author':{'value':'alice@'}}}"));
	}

	@Test
	void booleanOperatorsBecomeBoolClausesWithOneShouldClauseRequired() {
		assertThat(compiled("(bus OR train) -late"))
			.isEqualTo(json("{'bool':{'must':[" + "{'bool':{'should':[{'term':{'match.words':{'value':'bus'}}},"
					+ "{'term':{'match.words':{'value':'train'}}}],'minimum_should_match':'1'}},"
					+ "{'bool':{'must_not':[{'term':{'match.words':{'value':'late'}}}]}}]}}"));
	}

	@Test
	void theHighlightQueryHoldsOnlyWhatTheQueryLooksForInTheText() {
		Query highlight = QueryCompiler
			.highlightQuery(ListeningQuery.parse("\"food bank\" OR volunteer* -spam lang:es"))
			.orElseThrow();
		assertThat(serialized(highlight)).isEqualTo(json("{'bool':{'should':["
				+ "{'match_phrase':{'text':{'query':'food bank'}}},{'prefix':{'text':{'value':'volunteer'}}}],"
				+ "'minimum_should_match':'1'}}"));
	}

	@Test
	void aQueryOfOnlyFieldsHasNothingToHighlight() {
		assertThat(QueryCompiler.highlightQuery(ListeningQuery.parse("lang:es source:x -author:bob"))).isEmpty();
	}

	private static JsonNode term(String field, String value) {
		return json("{'term':{'" + field + "':{'value':'" + value + "','case_insensitive':true}}}");
	}

	private static JsonNode exact(String field, String value) {
		return json("{'term':{'" + field + "':{'value':'" + value + "'}}}");
	}

	private static JsonNode compiled(String source) {
		return serialized(QueryCompiler.compile(ListeningQuery.parse(source)));
	}

	private static JsonNode serialized(Query query) {
		StringWriter out = new StringWriter();
		try (JsonGenerator generator = MAPPER.jsonProvider().createGenerator(out)) {
			query.serialize(generator, MAPPER);
		}
		return json(out.toString());
	}

	private static JsonNode json(String text) {
		try {
			return JSON.readTree(text.replace('\'', '"'));
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Not JSON: " + text, ex);
		}
	}

}
