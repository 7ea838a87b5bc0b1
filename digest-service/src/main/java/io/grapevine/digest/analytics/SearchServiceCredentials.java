package io.grapevine.digest.analytics;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.HttpHeaders;

/**
 * The service user digest-service signs in to search-service as, with HTTP Basic; a
 * member is enough.
 *
 * @param username the user name, from {@code GRAPEVINE_SEARCH_USERNAME}
 * @param password the password, from {@code GRAPEVINE_SEARCH_PASSWORD}
 */
@ConfigurationProperties("grapevine.search")
public record SearchServiceCredentials(String username, String password) {

	public SearchServiceCredentials {
		if (username == null || username.isBlank()) {
			throw new IllegalArgumentException("grapevine.search.username is missing: digest-service signs in to "
					+ "search-service as a member; set GRAPEVINE_SEARCH_USERNAME and GRAPEVINE_SEARCH_PASSWORD");
		}
		if (password == null || password.isBlank()) {
			throw new IllegalArgumentException("grapevine.search.password is missing for search-service user "
					+ username.strip() + "; set GRAPEVINE_SEARCH_PASSWORD");
		}
		username = username.strip();
	}

	/**
	 * Add the credentials to a request's headers.
	 * @param headers the headers of a call to search-service
	 */
	public void applyTo(HttpHeaders headers) {
		headers.setBasicAuth(this.username, this.password, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "SearchServiceCredentials[username=" + this.username + ", password=(hidden)]";
	}

}
