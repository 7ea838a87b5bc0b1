package io.grapevine.digest.analytics;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.http.HttpHeaders;

/**
 * How digest-service calls search-service: with an API token (a member's is enough),
 * which costs search-service a hash per call, or else as a member with HTTP Basic.
 *
 * @param username the user name, from {@code GRAPEVINE_SEARCH_USERNAME}, when there is no
 * token
 * @param password the password, from {@code GRAPEVINE_SEARCH_PASSWORD}, when there is no
 * token
 * @param token the API token ({@code gv_...}), from {@code GRAPEVINE_SEARCH_TOKEN}
 */
@ConfigurationProperties("grapevine.search")
public record SearchServiceCredentials(String username, String password, String token) {

	private static final String TOKEN_PREFIX = "gv_";

	@ConstructorBinding
	public SearchServiceCredentials {
		token = (token != null && !token.isBlank()) ? token.strip() : null;
		if (token != null) {
			if (!token.startsWith(TOKEN_PREFIX)) {
				throw new IllegalArgumentException("grapevine.search.token is not an API token: those start with "
						+ TOKEN_PREFIX + "; an administrator of search-service creates one with POST /api/tokens");
			}
		}
		else {
			if (username == null || username.isBlank()) {
				throw new IllegalArgumentException("grapevine.search.token is missing: digest-service calls "
						+ "search-service with an API token (set GRAPEVINE_SEARCH_TOKEN) or signs in as a member "
						+ "(set GRAPEVINE_SEARCH_USERNAME and GRAPEVINE_SEARCH_PASSWORD)");
			}
			if (password == null || password.isBlank()) {
				throw new IllegalArgumentException("grapevine.search.password is missing for search-service user "
						+ username.strip() + "; set GRAPEVINE_SEARCH_PASSWORD");
			}
		}
		username = (username != null) ? username.strip() : null;
	}

	/**
	 * A member's name and password, for HTTP Basic.
	 * @param username the user name
	 * @param password the password
	 */
	public SearchServiceCredentials(String username, String password) {
		this(username, password, null);
	}

	/**
	 * Who digest-service calls search-service as, for the log.
	 * @return the user's name, or that an API token is used
	 */
	public String caller() {
		return (this.token != null) ? "an API token" : "user " + this.username;
	}

	/**
	 * Add the credentials to a request's headers.
	 * @param headers the headers of a call to search-service
	 */
	public void applyTo(HttpHeaders headers) {
		if (this.token != null) {
			headers.setBearerAuth(this.token);
		}
		else {
			headers.setBasicAuth(this.username, this.password, StandardCharsets.UTF_8);
		}
	}

	@Override
	public String toString() {
		return "SearchServiceCredentials["
				+ ((this.token != null) ? "token=(hidden)" : "username=" + this.username + ", password=(hidden)") + "]";
	}

}
