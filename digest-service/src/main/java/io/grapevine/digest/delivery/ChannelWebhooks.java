package io.grapevine.digest.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;

/**
 * The Slack and Teams webhook URLs of every department, read at start-up from the
 * environment variables the organization file names; a variable that is unset or holds no
 * https URL stops start-up, naming the department and the variable.
 */
public final class ChannelWebhooks {

	private final Map<String, URI> slack;

	private final Map<String, URI> teams;

	private ChannelWebhooks(Map<String, URI> slack, Map<String, URI> teams) {
		this.slack = slack;
		this.teams = teams;
	}

	/**
	 * Resolve every department's webhooks.
	 * @param organization the organization
	 * @param environment looks a variable up, empty when unset
	 * @return the webhooks
	 * @throws IllegalStateException naming the department and variable when one is unset
	 * or not an https URL
	 */
	public static ChannelWebhooks resolve(Organization organization, Function<String, Optional<String>> environment) {
		Map<String, URI> slack = new LinkedHashMap<>();
		Map<String, URI> teams = new LinkedHashMap<>();
		for (Department department : java.util.stream.Stream
			.of(organization.departments().stream(), organization.allStaff().stream(), organization.board().stream())
			.flatMap((audiences) -> audiences)
			.toList()) {
			department.slackWebhook()
				.ifPresent((variable) -> slack.put(department.id(),
						url(department, "slackWebhook", variable, environment)));
			department.teamsWebhook()
				.ifPresent((variable) -> teams.put(department.id(),
						url(department, "teamsWebhook", variable, environment)));
		}
		return new ChannelWebhooks(Map.copyOf(slack), Map.copyOf(teams));
	}

	/**
	 * A department's Slack webhook.
	 * @param departmentId the department id
	 * @return the URL, if the department uses Slack
	 */
	public Optional<URI> slack(String departmentId) {
		return Optional.ofNullable(this.slack.get(departmentId));
	}

	/**
	 * A department's Teams webhook.
	 * @param departmentId the department id
	 * @return the URL, if the department uses Teams
	 */
	public Optional<URI> teams(String departmentId) {
		return Optional.ofNullable(this.teams.get(departmentId));
	}

	private static URI url(Department department, String field, String variable,
			Function<String, Optional<String>> environment) {
		String where = "department " + department.id() + ": " + field + " names the environment variable " + variable;
		String value = environment.apply(variable)
			.filter((text) -> !text.isBlank())
			.orElseThrow(() -> new IllegalStateException(
					where + ", which is not set; set it to the webhook URL the channel gave, or remove " + field
							+ " from the organization file"));
		try {
			URI uri = new URI(value.strip());
			boolean local = "http".equals(uri.getScheme())
					&& ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
			if (uri.getHost() == null || !("https".equals(uri.getScheme()) || local)) {
				throw new IllegalStateException(where + ", which does not hold an https URL");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(where + ", which does not hold a URL", ex);
		}
	}

}
