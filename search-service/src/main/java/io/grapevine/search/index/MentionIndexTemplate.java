package io.grapevine.search.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Puts the composable index template {@code mentions}, so every monthly index gets the
 * explicit mappings and the alias {@code mentions} when the indexer first writes to it.
 * <p>
 * The template only shapes indices created after it is put: an existing monthly index
 * keeps the mapping it was created with, and as the mapping's {@code dynamic} is
 * {@code false}, fields added to the template later (such as {@code site}) are stored but
 * not searchable there. On an existing cluster, mentions indexed before such a field came
 * need a new index or a re-index before queries on it (like {@code site:}) find them.
 */
@Component
public class MentionIndexTemplate {

	private static final Logger logger = LoggerFactory.getLogger(MentionIndexTemplate.class);

	private static final ClassPathResource DEFINITION = new ClassPathResource("elasticsearch/mentions-template.json");

	private final ElasticsearchAsyncClient client;

	MentionIndexTemplate(ElasticsearchAsyncClient client) {
		this.client = client;
	}

	/**
	 * Create or update the template; putting it again is harmless.
	 * @return completion once Elasticsearch has accepted the template
	 */
	public Mono<Void> install() {
		return Mono.fromFuture(() -> this.client.indices().putIndexTemplate(request()))
			.doOnNext((response) -> logger.info("Index template '{}' for {} is in place", MonthlyIndices.TEMPLATE,
					MonthlyIndices.PATTERN))
			.then();
	}

	private static PutIndexTemplateRequest request() {
		try (InputStream json = DEFINITION.getInputStream()) {
			return PutIndexTemplateRequest.of((template) -> template.name(MonthlyIndices.TEMPLATE).withJson(json));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The index template definition " + DEFINITION.getPath() + " is missing", ex);
		}
	}

}
