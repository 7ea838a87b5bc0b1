package io.grapevine.ingest.source.webhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.grapevine.ingest.source.SourceSettings;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.SourceDeclaration;

import org.springframework.core.env.PropertyResolver;

/**
 * The enabled webhook instances the organization file declares, by name, with their
 * settings checked at start-up.
 */
public final class WebhookEndpoints {

	private final Map<String, WebhookEndpoint> enabled;

	private WebhookEndpoints(Map<String, WebhookEndpoint> enabled) {
		this.enabled = Map.copyOf(enabled);
	}

	/**
	 * The webhook instances an organization declares.
	 * @param organization the organization
	 * @param environment where {@code ${VARIABLE}} references are looked up
	 * @return the enabled instances
	 * @throws io.grapevine.ingest.source.InvalidSourceSettingsException if a setting of
	 * an enabled instance is missing or wrong, naming it
	 */
	public static WebhookEndpoints of(Organization organization, PropertyResolver environment) {
		Map<String, WebhookEndpoint> enabled = new LinkedHashMap<>();
		for (SourceDeclaration declaration : declared(organization)) {
			if (declaration.enabled()) {
				SourceSettings settings = new SourceSettings(declaration, environment);
				enabled.put(declaration.name(), endpoint(settings));
			}
		}
		return new WebhookEndpoints(enabled);
	}

	/**
	 * Make the endpoint of one instance from its settings.
	 * @param settings the instance's settings
	 * @return the endpoint
	 * @throws io.grapevine.ingest.source.InvalidSourceSettingsException if a setting is
	 * missing or wrong, naming it
	 */
	static WebhookEndpoint endpoint(SourceSettings settings) {
		settings.requireEnvironmentReference("secret");
		WebhookSettings bound = settings.bind(WebhookSettings.class);
		return new WebhookEndpoint(settings.name(), bound);
	}

	private static List<SourceDeclaration> declared(Organization organization) {
		return organization.sources()
			.stream()
			.filter((declaration) -> WebhookEndpoint.SOURCE.equals(declaration.type()))
			.toList();
	}

	/**
	 * The enabled instance of a name.
	 * @param name the instance name
	 * @return the endpoint, unless no enabled webhook instance has that name
	 */
	public Optional<WebhookEndpoint> find(String name) {
		return Optional.ofNullable(this.enabled.get(name));
	}

	/**
	 * How many webhook instances are enabled.
	 * @return the count
	 */
	public int size() {
		return this.enabled.size();
	}

}
