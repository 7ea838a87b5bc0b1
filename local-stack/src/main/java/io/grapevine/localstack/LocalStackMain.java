package io.grapevine.localstack;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the local stack from the command line and keeps it running until Ctrl-C.
 */
public final class LocalStackMain {

	private static final String USAGE = "Usage: LocalStackMain [--data DIR] [--kafka-port PORT] [--elasticsearch-port PORT]";

	private LocalStackMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		LocalStackOptions options;
		try {
			options = parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
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
