package io.grapevine.search.index;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.util.ObjectBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One of the service's own small indices (not the mentions): created with its fields
 * before the first use, once per process, whichever replica comes first; one shard, a
 * replica of it on a second node when there is one, and no field indexed but those
 * mapped.
 */
public final class KeptIndex {

	private static final Logger logger = LoggerFactory.getLogger(KeptIndex.class);

	private final String name;

	private final String contents;

	private final Function<TypeMapping.Builder, ObjectBuilder<TypeMapping>> fields;

	private final AtomicBoolean ready = new AtomicBoolean();

	/**
	 * An index of the service's own.
	 * @param name its name
	 * @param contents what it holds, for the log line that says it was created
	 * @param fields its mapped fields
	 */
	public KeptIndex(String name, String contents, Function<TypeMapping.Builder, ObjectBuilder<TypeMapping>> fields) {
		this.name = name;
		this.contents = contents;
		this.fields = fields;
	}

	/**
	 * Create the index unless it is there.
	 * @param client the Elasticsearch client
	 * @return completion once it exists
	 */
	public Mono<Void> ensure(ElasticsearchAsyncClient client) {
		if (this.ready.get()) {
			return Mono.empty();
		}
		return Mono
			.fromFuture(() -> client.indices()
				.create((create) -> create.index(this.name)
					.settings((settings) -> settings.numberOfShards("1").autoExpandReplicas("0-1"))
					.mappings((mappings) -> this.fields.apply(mappings.dynamic(DynamicMapping.False)))))
			.doOnNext((created) -> logger.info("Created the index '{}' of {}", this.name, this.contents))
			.then()
			.onErrorResume(ElasticsearchException.class,
					(ex) -> "resource_already_exists_exception".equals(ex.error().type()) ? Mono.empty()
							: Mono.error(ex))
			.doOnSuccess((done) -> this.ready.set(true));
	}

}
