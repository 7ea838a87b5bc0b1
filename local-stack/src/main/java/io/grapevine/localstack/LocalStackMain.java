package io.grapevine.localstack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Starts the local stack from the command line and keeps it running until Ctrl-C.
 */
public final class LocalStackMain {

	private static final String USAGE = "Usage: LocalStackMain [--cluster] [--data DIR] [--kafka-port PORT] [--elasticsearch-port PORT]";

	private static final String CLUSTER = "--cluster";

	private LocalStackMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		boolean cluster = Arrays.asList(args).contains(CLUSTER);
		LocalStackOptions options;
		try {
			options = parse(Arrays.stream(args).filter((arg) -> !CLUSTER.equals(arg)).toArray(String[]::new));
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
			return;
		}
		if (cluster) {
			runCluster(options);
			return;
		}
		LocalStack stack = LocalStack.start(options);
		System.out
			.println("export " + LocalStackExtension.KAFKA_ENVIRONMENT_VARIABLE + "=" + stack.kafkaBootstrapServers());
		System.out.println(
				"export " + LocalStackExtension.ELASTICSEARCH_ENVIRONMENT_VARIABLE + "=" + stack.elasticsearchUri());
		System.out.println(String.format(Locale.ROOT, "# started in %.1f s, data in %s, pids %s; Ctrl-C stops",
				stack.startupTime().toMillis() / 1000.0, options.dataDirectory(), stack.pids()));
		// The stack's shutdown hook stops both servers on Ctrl-C.
		new CountDownLatch(1).await();
	}

	/**
	 * Start three brokers and three nodes: ports 9092-9094 and 9200-9202 unless chosen.
	 */
	private static void runCluster(LocalStackOptions options) throws InterruptedException {
		LocalCluster cluster = LocalCluster.start(options);
		System.out.println(
				"export " + LocalStackExtension.KAFKA_ENVIRONMENT_VARIABLE + "=" + cluster.kafkaBootstrapServers());
		System.out.println("export " + LocalStackExtension.ELASTICSEARCH_ENVIRONMENT_VARIABLE + "="
				+ cluster.elasticsearchUris().stream().map(Object::toString).collect(Collectors.joining(",")));
		System.out.println(String.format(Locale.ROOT,
				"# cluster of three brokers and three nodes started in %.1f s, data in %s, pids %s; Ctrl-C stops",
				cluster.startupTime().toMillis() / 1000.0, options.dataDirectory(), cluster.pids()));
		new CountDownLatch(1).await();
	}

	static LocalStackOptions parse(String... args) {
		Path data = Path.of(".local-stack");
		int kafkaPort = LocalStackOptions.DEFAULT_KAFKA_PORT;
		int elasticsearchPort = LocalStackOptions.DEFAULT_ELASTICSEARCH_PORT;
		for (int i = 0; i < args.length; i++) {
			String option = args[i];
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("Missing a value after " + option);
			}
			String value = args[++i];
			switch (option) {
				case "--data" -> data = Path.of(value);
				case "--kafka-port" -> kafkaPort = parsePort(option, value);
				case "--elasticsearch-port" -> elasticsearchPort = parsePort(option, value);
				default -> throw new IllegalArgumentException("Unknown option " + option);
			}
		}
		return new LocalStackOptions(data, kafkaPort, elasticsearchPort);
	}

	private static int parsePort(String option, String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(option + " needs a port number, not '" + value + "'");
		}
	}

}
