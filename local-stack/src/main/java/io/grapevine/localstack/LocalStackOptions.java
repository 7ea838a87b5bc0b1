package io.grapevine.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where a {@link LocalStack} keeps its data and on which ports it listens ({@code 0}
 * picks a free port).
 *
 * @param dataDirectory the folder that holds the data, logs and pid files of both servers
 * @param kafkaPort the port of the Kafka PLAINTEXT listener, or {@code 0} for any free
 * port
 * @param elasticsearchPort the port of the Elasticsearch HTTP API, or {@code 0} for any
 * free port
 */
public record LocalStackOptions(Path dataDirectory, int kafkaPort, int elasticsearchPort) {

	/**
	 * The Kafka port of {@link #defaults(Path)}.
	 */
	public static final int DEFAULT_KAFKA_PORT = 9092;

	/**
	 * The Elasticsearch port of {@link #defaults(Path)}.
	 */
	public static final int DEFAULT_ELASTICSEARCH_PORT = 9200;

	public LocalStackOptions {
		if (dataDirectory == null) {
			throw new IllegalArgumentException("dataDirectory must not be null");
		}
		dataDirectory = dataDirectory.toAbsolutePath().normalize();
		requireValidPort("kafkaPort", kafkaPort);
		requireValidPort("elasticsearchPort", elasticsearchPort);
		if (kafkaPort != 0 && kafkaPort == elasticsearchPort) {
			throw new IllegalArgumentException("kafkaPort and elasticsearchPort must differ, both are " + kafkaPort);
		}
	}

	private static void requireValidPort(String name, int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException(name + " must be between 0 (any free port) and 65535, not " + port);
		}
	}

	/**
	 * Options for tests: a fresh folder under {@code target/} when the working directory
	 * has one (else under {@code java.io.tmpdir}), and free ports.
	 * @return the options
	 */
	public static LocalStackOptions forTests() {
		Path target = Path.of("target");
		Path parent = Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
		try {
			// Readable by everyone, so that Elasticsearch can keep its data here when it
			// runs as
			// another user (see ElasticsearchNode about root).
			Path folder = Files.createTempDirectory(parent, "local-stack-",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
			return new LocalStackOptions(folder, 0, 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a data folder for the local stack under " + parent, ex);
		}
	}

	/**
	 * Options for the local run: the given folder and the usual ports 9092 and 9200.
	 * @param dataDirectory the folder that holds the data of both servers
	 * @return the options
	 */
	public static LocalStackOptions defaults(Path dataDirectory) {
		return new LocalStackOptions(dataDirectory, DEFAULT_KAFKA_PORT, DEFAULT_ELASTICSEARCH_PORT);
	}

}
