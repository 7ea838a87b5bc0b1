package io.grapevine.ingest.source;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.OrganizationFile;
import io.grapevine.listening.organization.SourceDeclaration;

import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Declared source instances and the context factories get, for the tests of each source
 * type's factory.
 */
public final class Declared {

	private Declared() {
	}

	/**
	 * The settings of an enabled instance.
	 * @param type the source type
	 * @param name the instance name
	 * @param environment the environment variables its references may name
	 * @param settings the declared settings
	 * @return the settings
	 */
	public static SourceSettings settings(String type, String name, Map<String, String> environment,
			Map<String, Object> settings) {
		MockEnvironment resolver = new MockEnvironment();
		environment.forEach(resolver::setProperty);
		return new SourceSettings(new SourceDeclaration(name, type, true, new LinkedHashMap<>(settings)), resolver);
	}

	/**
	 * What a factory gets besides the settings.
	 * @param organization the organization
	 * @return the context
	 */
	public static SourceContext context(Organization organization) {
		return new SourceContext(organization, WebClient.builder(), Clock.systemUTC());
	}

	/**
	 * An organization with one topic of the given keywords.
	 * @param keywords the keywords as a YAML flow list
	 * @return the organization
	 */
	public static Organization organization(String keywords) {
		String yaml = """
				name: Test Transit
				departments:
				  - id: operations
				    name: Operations
				    topics:
				      - id: delays
				        name: Delays
				        keywords: %s
				""".formatted(keywords);
		return OrganizationFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
	}

	/**
	 * Every message of a failure and its causes.
	 * @param failure the failure
	 * @return the messages, one a line
	 */
	public static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
