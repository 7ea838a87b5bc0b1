package io.grapevine.localstack;

import java.net.URI;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives tests one Kafka broker and one Elasticsearch node per test
 * JVM: those named by the environment variables {@value #KAFKA_ENVIRONMENT_VARIABLE} and
 * {@value #ELASTICSEARCH_ENVIRONMENT_VARIABLE} when both are set, else a
 * {@link LocalStack} started on first use and closed when the tests of the JVM are done.
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {

	/**
	 * Names the bootstrap servers of an already running Kafka.
	 */
	public static final String KAFKA_ENVIRONMENT_VARIABLE = "GRAPEVINE_KAFKA_BOOTSTRAP_SERVERS";

	/**
	 * Names the URI of an already running Elasticsearch.
	 */
	public static final String ELASTICSEARCH_ENVIRONMENT_VARIABLE = "GRAPEVINE_ELASTICSEARCH_URI";

	private static final Namespace NAMESPACE = Namespace.create(LocalStackExtension.class);

	private static RunningStack stack;

	private static LocalStack started;

	/**
	 * Return the stack of this test JVM, starting it if needed; usable from
	 * {@code @DynamicPropertySource} methods.
	 * @return the running stack
	 */
	public static synchronized RunningStack stack() {
		if (stack == null) {
			stack = ExternalStack
				.fromEnvironment(System.getenv(KAFKA_ENVIRONMENT_VARIABLE),
						System.getenv(ELASTICSEARCH_ENVIRONMENT_VARIABLE))
				.map(RunningStack.class::cast)
				.orElseGet(() -> {
					started = LocalStack.start(LocalStackOptions.forTests());
					return started;
				});
		}
		return stack;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		stack();
		// Registered in the root store, closed once the tests of this JVM are done (and
		// by
		// the JVM's shutdown hook should they be interrupted).
		context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Closer.class, (key) -> new Closer(), Closer.class);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == RunningStack.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return stack();
	}

	private static synchronized void closeStarted() {
		if (started != null) {
			started.close();
			started = null;
			stack = null;
		}
	}

	/**
	 * Closes the started stack when JUnit closes the root store.
	 */
	private static final class Closer implements ExtensionContext.Store.CloseableResource {

		@Override
		public void close() {
			closeStarted();
		}

	}

	/**
	 * A stack started outside this JVM and named by environment variables.
	 */
	record ExternalStack(String kafkaBootstrapServers, URI elasticsearchUri) implements RunningStack {

		static java.util.Optional<ExternalStack> fromEnvironment(String kafka, String elasticsearch) {
			boolean hasKafka = kafka != null && !kafka.isBlank();
			boolean hasElasticsearch = elasticsearch != null && !elasticsearch.isBlank();
			if (hasKafka != hasElasticsearch) {
				throw new LocalStackException("Set both " + KAFKA_ENVIRONMENT_VARIABLE + " and "
						+ ELASTICSEARCH_ENVIRONMENT_VARIABLE + " to use a running stack, or neither to start one");
			}
			if (!hasKafka) {
				return java.util.Optional.empty();
			}
			// A cluster's nodes come as a comma-separated list: the tests talk to the
			// first.
			return java.util.Optional
				.of(new ExternalStack(kafka.trim(), URI.create(elasticsearch.split(",")[0].trim())));
		}

	}

}
