package io.grapevine.ingest.source;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.OrganizationFile;

/**
 * Organizations whose topics have listening queries, for the tests of the query each
 * source type builds from them.
 */
public final class TopicQueries {

	private TopicQueries() {
	}

	/**
	 * An organization with one topic per entry, in order.
	 * @param topics each topic's YAML body after its id and name, such as
	 * {@code query: 'bus -strike'} or {@code keywords: [delay]}, one line each
	 * @return the organization
	 */
	public static Organization organization(String... topics) {
		String entries = IntStream.range(0, topics.length).mapToObj((i) -> """
				      - id: topic%1$d
				        name: Topic %1$d
				        %2$s
				""".formatted(i, topics[i])).collect(Collectors.joining());
		String yaml = """
				name: Test Transit
				departments:
				  - id: operations
				    name: Operations
				    topics:
				""" + entries;
		return OrganizationFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
	}

}
