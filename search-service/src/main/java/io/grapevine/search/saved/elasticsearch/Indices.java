package io.grapevine.search.saved.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.CreateIndexRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;

/**
 * Creates an index from its definition in {@code elasticsearch/} before the first write,
 * once per process, whichever replica comes first; and tells a missing index from other
 * failures, since reads find nothing there rather than fail.
 */
final class Indices {

	private static final Logger logger = LoggerFactory.getLogger(Indices.class);

	private final ElasticsearchAsyncClient client;

	private final String index;

	private final ClassPathResource definition;

	private final AtomicBoolean ready = new AtomicBoolean();

	Indices(ElasticsearchAsyncClient client, String index) {
		this.client = client;
		this.index = index;
		this.definition = new ClassPathResource("elasticsearch/" + index + "-index.json");
	}

	/**
	 * Create the index unless it is there.
	 * @return completion once it exists
	 */
	Mono<Void> ensure() {
		if (this.ready.get()) {
			return Mono.empty();
		}
		return Mono.fromFuture(() -> this.client.indices().create(request()))
			.doOnNext((created) -> logger.info("Created the index '{}'", this.index))
			.then()
			.onErrorResume(ElasticsearchException.class,
					(ex) -> "resource_already_exists_exception".equals(ex.error().type()) ? Mono.empty()
							: Mono.error(ex))
			.doOnSuccess((done) -> this.ready.set(true));
	}

	private CreateIndexRequest request() {
		try (InputStream json = this.definition.getInputStream()) {
			return CreateIndexRequest.of((create) -> create.index(this.index).withJson(json));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The index definition " + this.definition.getPath() + " is missing", ex);
		}
	}

	/**
	 * Whether a failure says the index is not there (nothing was written yet).
	 * @param failure the failure
	 * @return true for {@code index_not_found_exception}
	 */
	static boolean missing(Throwable failure) {
		return failure instanceof ElasticsearchException ex && "index_not_found_exception".equals(ex.error().type());
	}

	/**
	 * Whether a failure says the document is not there.
	 * @param failure the failure
	 * @return true for a 404 that is not a missing index
	 */
	static boolean documentMissing(Throwable failure) {
		return failure instanceof ElasticsearchException ex && ex.status() == 404;
	}

}
