package io.grapevine.platform.bench;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;

/**
 * What the benchmarks that load Elasticsearch share: bulk writes that fail loudly, the
 * arguments of an in-process service, and seconds since a start.
 */
final class Bulk {

	private Bulk() {
	}

	static void write(ElasticsearchClient client, List<BulkOperation> operations) throws IOException {
		BulkResponse response = client.bulk(BulkRequest.of((bulk) -> bulk.operations(operations)));
		if (response.errors()) {
			throw new IllegalStateException("bulk had errors: " + response.items()
				.stream()
				.filter((item) -> item.error() != null)
				.findFirst()
				.map((item) -> item.error().reason())
				.orElse(""));
		}
	}

	static String[] arguments(Map<String, Object> properties) {
		return properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
	}

	static double seconds(Instant started) {
		return Duration.between(started, Instant.now()).toNanos() / 1e9;
	}

}
