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
	void aWordBecomesAPhraseMatchOnTheTextSoWordsTheAnalyzerSplitsStayTogether() {
		assertThat(compiled("Volunteer")).isEqualTo(json("{'match_phrase':{'text':{'query':'volunteer'}}}"));
	}

	@Test
	void aQuotedPhraseBecomesAPhraseMatchOfItsNormalisedWords() {
		assertThat(compiled("\"Crème  Brûlée\"")).isEqualTo(json("{'match_phrase':{'text':{'query':'creme brulee'}}}"));
	}

	@Test
	void aTrailingWildcardBecomesAPrefixQueryOnTheText() {
		assertThat(compiled("volunteer*")).isEqualTo(json("{'prefix':{'text':{'value':'volunteer'}}}"));
	}

	@Test
	void aProximityBecomesAnUnorderedSpanNearWithTheDistanceAsSlop() {
		assertThat(compiled("food NEAR/5 bank")).isEqualTo(json("{'span_near':{'clauses':["
				+ "{'span_term':{'text':{'value':'food'}}},{'span_term':{'text':{'value':'bank'}}}],"
				+ "'in_order':false,'slop':5}}"));
	}

	@Test
	void aProximityOfOneWordRepeatedIsOrderedSoEachOccurrenceCounts() {
		assertThat(compiled("\"bank bank\"~1")).isEqualTo(json("{'span_near':{'clauses':["
				+ "{'span_term':{'text':{'value':'bank'}}},{'span_term':{'text':{'value':'bank'}}}],"
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
	void fieldsBecomeCaseInsensitiveTermsOnTheirKeywordFields() {
		assertThat(compiled("source:Reddit")).isEqualTo(term("source", "reddit"));
		assertThat(compiled("topic:delays")).isEqualTo(term("topics", "delays"));
		assertThat(compiled("site:example.org")).isEqualTo(term("site", "example.org"));
		assertThat(compiled("sentiment:negative")).isEqualTo(term("sentiment.label", "negative"));
	}

	@Test
	void aHandleIsFoundInTheTextOrAsTheAuthorWithOrWithoutAnInstance() {
		JsonNode handle = compiled("@CityHall");
		assertThat(handle.at("/bool/should/0")).isEqualTo(json("{'match_phrase':{'text':{'query':'cityhall'}}}"));
		assertThat(handle.at("/bool/should/1/bool/should")).containsExactly(term("author.handle", "cityhall"),
				term("author.handle", "@cityhall"),
				json("{'prefix':{'author.handle':{'value':'cityhall@','case_insensitive':true}}}"),
				json("{'prefix':{'author.handle':{'value':'@cityhall@','case_insensitive':true}}}"));
	}

	@Test
	void booleanOperatorsBecomeBoolClausesWithOneShouldClauseRequired() {
		assertThat(compiled("(bus OR train) -late"))
			.isEqualTo(json("{'bool':{'must':[" + "{'bool':{'should':[{'match_phrase':{'text':{'query':'bus'}}},"
					+ "{'match_phrase':{'text':{'query':'train'}}}],'minimum_should_match':'1'}},"
					+ "{'bool':{'must_not':[{'match_phrase':{'text':{'query':'late'}}}]}}]}}"));
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
