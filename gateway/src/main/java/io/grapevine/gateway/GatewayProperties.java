package io.grapevine.gateway;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the services behind the front door answer.
 *
 * @param searchService search-service: the dashboard and workbench, the executive view,
 * saved searches and the search API, and every path no other service claims
 * @param digestService digest-service: the digest archive, the alerts and their APIs
 */
@ConfigurationProperties("grapevine.gateway")
public record GatewayProperties(@DefaultValue("http://127.0.0.1:8080") URI searchService,
		@DefaultValue("http://127.0.0.1:8082") URI digestService) {

	public GatewayProperties {
		requireService(searchService, "search-service", "GRAPEVINE_GATEWAY_SEARCH_SERVICE");
		requireService(digestService, "digest-service", "GRAPEVINE_GATEWAY_DIGEST_SERVICE");
	}

	// Requests are passed on to the service's root: a path would be silently dropped.
	private static void requireService(URI uri, String name, String variable) {
		String setting = "grapevine.gateway." + name;
		if (uri == null) {
			throw new InvalidGatewaySettingsException(setting + " is missing; set it (or " + variable + ") to where "
					+ name + " answers, such as " + "http://" + name + ":8080");
		}
		if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
			throw new InvalidGatewaySettingsException(setting + " '" + uri + "' must be an http or https URL such as "
					+ "http://" + name + ":8080 (" + variable + ")");
		}
		if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
				|| uri.getRawQuery() != null) {
			throw new InvalidGatewaySettingsException(setting + " '" + uri + "' must name the service's root, "
					+ "without a path or query, such as http://" + name + ":8080 (" + variable + ")");
		}
	}

}
