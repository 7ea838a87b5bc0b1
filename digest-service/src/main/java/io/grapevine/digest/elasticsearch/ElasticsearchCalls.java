package io.grapevine.digest.elasticsearch;

import java.io.IOException;
import java.util.concurrent.Callable;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.ElasticsearchIndicesClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * How the digest service's stores (the digest archive, the delivery ledger, the alert
 * archive) talk to Elasticsearch: blocking client calls on the bounded elastic scheduler,
 * every failure reported as an {@link ArchiveUnavailableException} saying what could not
 * be done and what to check.
 */
public final class ElasticsearchCalls {

	private ElasticsearchCalls() {
	}

	/**
	 * Run a blocking client call.
	 * @param <T> what it answers
	 * @param action what it does, for the message, e.g. {@code archive the digest x}
	 * @param call the call
	 * @return its answer; fails with {@link ArchiveUnavailableException}
	 */
	public static <T> Mono<T> call(String action, Callable<T> call) {
		return Mono.fromCallable(call)
			.subscribeOn(Schedulers.boundedElastic())
			.onErrorMap((ex) -> !(ex instanceof ArchiveUnavailableException), (ex) -> unavailable(action, ex));
	}

	/**
	 * Create an index unless it exists; another replica creating it first is fine.
	 * @param client the client
	 * @param index the index
	 * @param creation the create request
	 * @return whether this call created it
	 * @throws ArchiveUnavailableException if Elasticsearch cannot be reached
	 */
	public static boolean createIndexIfAbsent(ElasticsearchClient client, String index, IndexCreation creation) {
		try {
			if (client.indices().exists((exists) -> exists.index(index)).value()) {
				return false;
			}
			creation.create(client.indices());
			return true;
		}
		catch (ElasticsearchException ex) {
			if (!"resource_already_exists_exception".equals(ex.error().type())) {
				throw unavailable("create the index '" + index + "'", ex);
			}
			return false;
		}
		catch (IOException ex) {
			throw unavailable("create the index '" + index + "'", ex);
		}
	}

	/**
	 * The failure of an action.
	 * @param action what could not be done
	 * @param ex why
	 * @return the exception to throw
	 */
	public static ArchiveUnavailableException unavailable(String action, Throwable ex) {
		return new ArchiveUnavailableException("could not " + action + " in Elasticsearch: " + ex.getMessage()
				+ "; check spring.elasticsearch.uris and that Elasticsearch is running", ex);
	}

	/**
	 * Sends the request that creates an index.
	 */
	@FunctionalInterface
	public interface IndexCreation {

		/**
		 * Create the index.
		 * @param indices the indices client
		 * @throws IOException if Elasticsearch cannot be reached
		 */
		void create(ElasticsearchIndicesClient indices) throws IOException;

	}

}
