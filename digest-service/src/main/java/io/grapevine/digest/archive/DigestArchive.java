package io.grapevine.digest.archive;

import io.grapevine.digest.elasticsearch.ElasticsearchCalls;
import io.grapevine.digest.elasticsearch.ArchiveUnavailableException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.grapevine.digest.composition.BoardFigures;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The archive of sent digests: the Elasticsearch index {@code digests}, one document per
 * digest, created with its mapping when absent.
 */
public class DigestArchive {

	/** The index that holds the archive. */
	public static final String INDEX = "digests";

	private static final Logger logger = LoggerFactory.getLogger(DigestArchive.class);

	private final ElasticsearchClient client;

	public DigestArchive(ElasticsearchClient client) {
		this.client = client;
	}

	/**
	 * Create the index with its mapping if it does not exist yet; called once at
	 * start-up.
	 * @throws ArchiveUnavailableException if Elasticsearch cannot be reached
	 */
	public void createIndexIfAbsent() {
		boolean created = ElasticsearchCalls.createIndexIfAbsent(this.client, INDEX, (indices) -> {
			try (InputStream mapping = DigestArchive.class.getResourceAsStream("digests-index.json")) {
				Objects.requireNonNull(mapping, "digests-index.json is missing from the classpath");
				indices.create((create) -> create.index(INDEX).withJson(mapping));
			}
		});
		if (created) {
			logger.info("Created the digest archive index '{}'", INDEX);
		}
	}

	/**
	 * Store a sent digest, visible to searches as soon as this completes.
	 * @param digest the digest
	 * @return the stored digest
	 */
	public Mono<ArchivedDigest> save(ArchivedDigest digest) {
		return ElasticsearchCalls.call("archive the digest " + digest.id(), () -> {
			this.client.index((index) -> index.index(INDEX).id(digest.id()).document(digest).refresh(Refresh.WaitFor));
			return digest;
		});
	}

	/**
	 * Store the board's sent digest with the board's figures beside the common ones (kept
	 * in the document, not indexed), visible to searches as soon as this completes.
	 * @param digest the digest
	 * @param board the board's figures
	 * @return the stored digest
	 */
	public Mono<ArchivedDigest> save(ArchivedDigest digest, BoardFigures board) {
		return ElasticsearchCalls.call("archive the digest " + digest.id(), () -> {
			this.client.index((index) -> index.index(INDEX)
				.id(digest.id())
				.document(new BoardDigestDocument(digest, board))
				.refresh(Refresh.WaitFor));
			return digest;
		});
	}

	/**
	 * The document of the board's archived digest: every field of an archived digest, and
	 * the board's figures under {@code board}.
	 *
	 * @param digest the archived digest
	 * @param board the board's figures
	 */
	record BoardDigestDocument(@JsonUnwrapped ArchivedDigest digest, BoardFigures board) {
	}

	/**
	 * Whether a digest with an id is archived.
	 * @param id the archive id
	 * @return true if it is
	 */
	public Mono<Boolean> exists(String id) {
		return ElasticsearchCalls.call("look up the digest " + id,
				() -> this.client.exists((exists) -> exists.index(INDEX).id(id)).value());
	}

	/**
	 * Read one archived digest.
	 * @param id the archive id
	 * @return the digest, or empty if there is none with that id
	 */
	public Mono<ArchivedDigest> find(String id) {
		return ElasticsearchCalls.call("read the digest " + id, () -> {
			GetResponse<ArchivedDigest> response = this.client.get((get) -> get.index(INDEX).id(id),
					ArchivedDigest.class);
			return Optional.ofNullable(response.found() ? response.source() : null);
		}).flatMap(Mono::justOrEmpty);
	}

	/**
	 * List archived digests without their bodies, newest first.
	 * @param department only this department's, if given
	 * @param size at most this many
	 * @return the digests
	 */
	public Mono<List<DigestSummary>> list(Optional<String> department, int size) {
		return list(department, Optional.empty(), size);
	}

	/**
	 * List archived digests of one kind without their bodies, newest first.
	 * @param department only this department's, if given
	 * @param kind only digests of this kind ({@code daily}, {@code weekly},
	 * {@code manual}), if given
	 * @param size at most this many
	 * @return the digests
	 */
	public Mono<List<DigestSummary>> list(Optional<String> department, Optional<String> kind, int size) {
		return list(department, kind, Optional.empty(), size);
	}

	/**
	 * Search archived digests by the words of their subject and text (department, period,
	 * what their items say), best match first, then newest first.
	 * @param department only this department's, if given
	 * @param kind only digests of this kind, if given
	 * @param words the words to search for ({@code "quoted phrases"}, {@code -excluded},
	 * {@code a | b}), every word when several; every digest, newest first, when absent
	 * @param size at most this many
	 * @return the digests
	 */
	public Mono<List<DigestSummary>> list(Optional<String> department, Optional<String> kind, Optional<String> words,
			int size) {
		return ElasticsearchCalls.call("list digests", () -> this.client.search((search) -> {
			search.index(INDEX)
				.size(size)
				.source((source) -> source.filter((filter) -> filter.excludes("html", "text")));
			if (words.isPresent()) {
				search.sort((sort) -> sort.score((score) -> score.order(SortOrder.Desc)));
			}
			return search.sort((sort) -> sort.field((field) -> field.field("sentAt").order(SortOrder.Desc)))
				.query((query) -> query.bool((bool) -> {
					department.ifPresent((id) -> bool
						.filter((filter) -> filter.term((term) -> term.field("departmentId").value(id))));
					kind.ifPresent(
							(value) -> bool.filter((filter) -> filter.term((term) -> term.field("kind").value(value))));
					// simple_query_string never fails on what a reader types.
					words.ifPresent((value) -> bool.must((must) -> must.simpleQueryString(
							(text) -> text.query(value).fields("subject^2", "text").defaultOperator(Operator.And))));
					return bool;
				}));
		}, DigestSummary.class).hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList());
	}

}
