package io.grapevine.search.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import co.elastic.clients.elasticsearch.indices.PutMappingRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Puts the composable index template {@code mentions}, so every monthly index gets the
 * explicit mappings and the alias {@code mentions} when the indexer first writes to it,
 * and adds the template's fields to the monthly indices that already exist.
 * <p>
 * An existing monthly index keeps the mapping it was created with, and as the mapping's
 * {@code dynamic} is {@code false}, fields added to the template later (such as
 * {@code match} or {@code site}) would be stored but not searchable there; so the
 * template's mappings are also put on every existing {@code mentions-*} index (adding a
 * field is allowed, changing one is not). Mentions indexed before a field came still lack
 * it until they are indexed again: replay the {@code mentions} topic (a new consumer
 * group for the indexer), which overwrites each document by its id.
 * <p>
 * The index of the current month is created at start-up and kept by the retention check,
 * so the alias is never empty.
 */
@Component
public class MentionIndexTemplate {

	private static final Logger logger = LoggerFactory.getLogger(MentionIndexTemplate.class);

	private static final ClassPathResource DEFINITION = new ClassPathResource("elasticsearch/mentions-template.json");

	private static final ObjectMapper MAPPER = new ObjectMapper();

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
			.then(Mono.fromFuture(() -> this.client.indices().putMapping(existingIndices())))
			.doOnNext((response) -> logger.info("Mappings of the existing {} indices are up to date",
					MonthlyIndices.PATTERN))
			// New monthly indices get the template either way; an old index whose mapping
			// conflicts keeps it, and queries on the new fields miss its mentions.
			.onErrorResume(ElasticsearchException.class, (ex) -> {
				logger.warn("Could not add the template's fields to the existing {} indices: {}",
						MonthlyIndices.PATTERN, ex.getMessage());
				return Mono.empty();
			})
			.then(ensureIndexFor(Instant.now()))
			.then();
	}

	/**
	 * Create the monthly index of an instant if it is not there yet, so the alias always
	 * has an index behind it: searches and aggregations over a node that has no mention
	 * yet (a fresh install, or a new month after the retention deleted the last one)
	 * answer empty rather than without their aggregations.
	 * @param now the instant whose month's index must exist
	 * @return whether the index was created now
	 */
	public Mono<Boolean> ensureIndexFor(Instant now) {
		String index = MonthlyIndices.indexFor(now);
		return Mono.fromFuture(() -> this.client.indices().exists((exists) -> exists.index(index)))
			.flatMap((exists) -> exists.value() ? Mono.just(false)
					: Mono.fromFuture(() -> this.client.indices().create((create) -> create.index(index)))
						.doOnNext((created) -> logger.info("Created the index {} of this month", index))
						.thenReturn(true)
						// Another replica created it meanwhile.
						.onErrorResume(ElasticsearchException.class,
								(ex) -> "resource_already_exists_exception".equals(ex.error().type()) ? Mono.just(false)
										: Mono.error(ex)));
	}

	private static PutMappingRequest existingIndices() {
		try (InputStream json = DEFINITION.getInputStream()) {
			String mappings = MAPPER.readTree(json).path("template").path("mappings").toString();
			return PutMappingRequest.of((mapping) -> mapping.index(MonthlyIndices.PATTERN)
				.allowNoIndices(true)
				.ignoreUnavailable(true)
				.withJson(new StringReader(mappings)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The index template definition " + DEFINITION.getPath() + " is missing", ex);
		}
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
