package io.grapevine.search.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.mention.Repost;
import io.grapevine.listening.mention.SentimentScore;
import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.listening.query.Sentiment;
import io.grapevine.localstack.LocalStackExtension;
import io.grapevine.search.indexing.MentionDocument;
import io.grapevine.search.indexing.MentionDocuments;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Runs every row of listening-core's matching table against the real Elasticsearch node:
 * the row's mention is indexed as the indexer's {@link MentionDocuments} builds it, with
 * the mappings of the mentions template, and the compiled query must find it exactly when
 * {@link ListeningQuery#matches} does, on every row.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(Lifecycle.PER_CLASS)
class QueryCompilerIntegrationTests {

	private static final Path CASES = Path.of("../listening-core/src/test/resources/query/cases.tsv");

	private static final String INDEX = "query-compiler-cases";

	private static final ObjectMapper JSON = MentionJson.mapper();

	private final List<Row> rows = readRows();

	private RestClient restClient;

	private ElasticsearchClient client;

	@BeforeAll
	void indexOneDocumentPerRow() throws IOException {
		this.restClient = RestClient.builder(HttpHost.create(LocalStackExtension.stack().elasticsearchUri().toString()))
			.build();
		this.client = new ElasticsearchClient(new RestClientTransport(this.restClient, new JacksonJsonpMapper(JSON)));
		this.client.indices().delete((delete) -> delete.index(INDEX).ignoreUnavailable(true));
		String mappings = mappings().toString();
		this.client.indices()
			.create((create) -> create.index(INDEX)
				.settings((settings) -> settings.numberOfShards("1").numberOfReplicas("0"))
				.mappings((mapping) -> mapping.withJson(new StringReader(mappings))));
		BulkResponse bulk = this.client.bulk((request) -> {
			for (Row row : this.rows) {
				request.operations((operation) -> operation
					.index((index) -> index.index(INDEX).id(row.id()).document(document(row))));
			}
			return request.refresh(Refresh.True);
		});
		assertThat(bulk.errors()).as("bulk errors: %s", bulk.items()).isFalse();
	}

	@AfterAll
	void deleteTheIndex() throws IOException {
		if (this.client != null) {
			this.client.indices().delete((delete) -> delete.index(INDEX).ignoreUnavailable(true));
			this.restClient.close();
		}
	}

	@Test
	void everyRowOfTheMatchingTableAgreesWithInProcessMatching() throws IOException {
		Map<String, String> disagreeing = new LinkedHashMap<>();
		for (Row row : this.rows) {
			ListeningQuery query = ListeningQuery.parse(row.query());
			boolean inProcess = query.matches(row.mention());
			boolean found = isFound(row, QueryCompiler.compile(query));
			assertThat(inProcess).as("in-process result of %s", row).isEqualTo(row.expected());
			if (found != inProcess) {
				disagreeing.put(row.line(), "Elasticsearch " + (found ? "finds" : "misses") + " it");
			}
		}
		int agreeing = this.rows.size() - disagreeing.size();
		System.out.printf("QueryCompiler: %d of %d rows agree%n", agreeing, this.rows.size());
		assertThat(disagreeing).as("rows that disagree").isEmpty();
	}

	@Test
	void sentimentFindsTheMentionsEnrichmentLabelledSoAndOnlyThose() throws IOException {
		List<Mention> judged = List.of(judged("s-pos", Sentiment.POSITIVE), judged("s-neg", Sentiment.NEGATIVE),
				judged("s-neu", Sentiment.NEUTRAL), mention("bus ok", "", "demo", "", "", ""));
		BulkResponse bulk = this.client.bulk((request) -> {
			for (int i = 0; i < judged.size(); i++) {
				Mention mention = judged.get(i);
				String id = "sentiment-" + i;
				request.operations((operation) -> operation
					.index((index) -> index.index(INDEX).id(id).document(document(mention))));
			}
			return request.refresh(Refresh.True);
		});
		assertThat(bulk.errors()).isFalse();
		for (String text : List.of("sentiment:positive", "bus sentiment:negative", "bus -sentiment:negative",
				"sentiment:neutral OR sentiment:positive", "bus -sentiment:neutral")) {
			ListeningQuery query = ListeningQuery.parse(text);
			List<Boolean> inProcess = judged.stream().map(query::matches).toList();
			List<Boolean> found = new ArrayList<>();
			for (int i = 0; i < judged.size(); i++) {
				found.add(isFound("sentiment-" + i, QueryCompiler.compile(query)));
			}
			assertThat(found).as(text).isEqualTo(inProcess).contains(true, false);
		}
	}

	@Test
	void mentionsThatPassAPostOnAreFoundByHowTheyDoAndByTheirOriginal() throws IOException {
		String original = "bluesky:at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3kGhIjK";
		List<Mention> passing = List.of(passing("x", "q1", "x:1460323737035677698", Repost.Kind.QUOTE),
				passing("reddit", "t3_cross", "reddit:t3_1abcDE", Repost.Kind.CROSSPOST),
				passing("bluesky", "quote", original, Repost.Kind.QUOTE),
				passing("mastodon", "boost", "mastodon:mastodon.social:1", Repost.Kind.REPOST),
				mention("bus late again", "", "x", "", "", ""));
		BulkResponse bulk = this.client.bulk((request) -> {
			for (int i = 0; i < passing.size(); i++) {
				Mention mention = passing.get(i);
				String id = "repost-" + i;
				request.operations((operation) -> operation
					.index((index) -> index.index(INDEX).id(id).document(document(mention))));
			}
			return request.refresh(Refresh.True);
		});
		assertThat(bulk.errors()).as("bulk errors: %s", bulk.items()).isFalse();
		for (String text : List.of("is:quote", "bus is:crosspost", "bus -is:quote", "is:repost OR is:crosspost",
				"repost-of:x:1460323737035677698", "repost-of:" + original, "repost-of:\"reddit:t3_1abcDE\" bus",
				"bus -repost-of:reddit:t3_1abcDE", "repost-of:REDDIT:t3_1abcDE OR is:repost")) {
			ListeningQuery query = ListeningQuery.parse(text);
			List<Boolean> inProcess = passing.stream().map(query::matches).toList();
			List<Boolean> found = new ArrayList<>();
			for (int i = 0; i < passing.size(); i++) {
				found.add(isFound("repost-" + i, QueryCompiler.compile(query)));
			}
			assertThat(found).as(text).isEqualTo(inProcess).contains(true, false);
		}
	}

	private static Mention passing(String source, String nativeId, String originalId, Repost.Kind kind) {
		return Mention.builder(source, nativeId)
			.url(URI.create("https://example.com/posts/" + nativeId))
			.text("bus late again, passed on")
			.author(Author.of("commuter"))
			.publishedAt(Instant.parse("2026-01-01T00:00:00Z"))
			.repostOf(originalId, kind)
			.build();
	}

	@Test
	void theMinimalNodeHasNoAsciiFoldingFilterSoTheIndexerFoldsTheWordsItself() {
		String index = INDEX + "-folding";
		assertThatExceptionOfType(ElasticsearchException.class)
			.isThrownBy(() -> this.client.indices()
				.create((create) -> create.index(index)
					.settings((settings) -> settings.analysis((analysis) -> analysis.analyzer("folding",
							(analyzer) -> analyzer.custom(
									(custom) -> custom.tokenizer("standard").filter("lowercase", "asciifolding")))))))
			.withMessageContaining("asciifolding");
	}

	private boolean isFound(Row row, Query compiled) throws IOException {
		return isFound(row.id(), compiled);
	}

	private boolean isFound(String id, Query compiled) throws IOException {
		return this.client
			.count((count) -> count.index(INDEX)
				.query((query) -> query
					.bool((bool) -> bool.filter((filter) -> filter.ids((ids) -> ids.values(id))).must(compiled))))
			.count() == 1;
	}

	private static Mention judged(String text, Sentiment label) {
		double score = switch (label) {
			case POSITIVE -> 0.8;
			case NEGATIVE -> -0.7;
			case NEUTRAL -> 0.0;
		};
		Mention mention = mention("bus " + text, "", "demo", "", "", "");
		return mention.withEnrichment(mention.language(), Optional.of(new SentimentScore(score, label)),
				Optional.empty(), Optional.empty());
	}

	private static ObjectNode mappings() throws IOException {
		try (InputStream in = new ClassPathResource("elasticsearch/mentions-template.json").getInputStream()) {
			return (ObjectNode) JSON.readTree(in).path("template").path("mappings");
		}
	}

	// The document the indexer writes, site and match fields included, under the row's
	// id.
	private static ObjectNode document(Row row) {
		return document(row.mention());
	}

	private static ObjectNode document(Mention mention) {
		try {
			MentionDocument document = MentionDocuments.from(MentionJson.write(mention));
			return (ObjectNode) JSON.readTree(document.source());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<Row> readRows() {
		try {
			List<Row> rows = new ArrayList<>();
			for (String line : Files.readAllLines(CASES, StandardCharsets.UTF_8)) {
				if (line.isBlank() || line.startsWith("//")) {
					continue;
				}
				String[] columns = Arrays.copyOf(line.split("\t", -1), 8);
				for (int i = 0; i < columns.length; i++) {
					columns[i] = (columns[i] != null) ? columns[i] : "";
				}
				rows.add(new Row("row-" + rows.size(), line, columns[0], Boolean.parseBoolean(columns[2]),
						mention(columns[1], columns[3], columns[4], columns[5], columns[6], columns[7])));
			}
			assertThat(rows).hasSizeGreaterThanOrEqualTo(150);
			return rows;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The matching table " + CASES.toAbsolutePath() + " cannot be read", ex);
		}
	}

	private static Mention mention(String text, String lang, String source, String author, String url, String topics) {
		Mention mention = Mention.builder(orDefault(source, "demo"), "1")
			.url(URI.create(orDefault(url, "https://example.com/posts/1")))
			.text(text)
			.author(Author.of(orDefault(author, "someone")))
			.publishedAt(Instant.parse("2026-01-01T00:00:00Z"))
			.language(lang.isEmpty() ? null : lang)
			.build();
		return topics.isEmpty() ? mention : mention.withTags(List.of(topics.split(",")), List.of());
	}

	private static String orDefault(String value, String fallback) {
		return value.isEmpty() ? fallback : value;
	}

	record Row(String id, String line, String query, boolean expected, Mention mention) {

		@Override
		public String toString() {
			return this.id + " " + this.line.replace('\t', '|');
		}

	}

}
