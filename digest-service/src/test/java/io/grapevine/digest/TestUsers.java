package io.grapevine.digest;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The local users the tests sign in as, and the service user search-service knows
 * digest-service by; the hashes are bcrypt hashes (cost 4, to keep the tests quick) of
 * the passwords beside them.
 */
public final class TestUsers {

	public static final String MEMBER = "mia";

	public static final String MEMBER_PASSWORD = "member-password";

	public static final String MEMBER_PASSWORD_HASH = "$2a$04$ByqyVElis2lUhhXFSaQH3e4nle42rdMrYqDbU0W.iK7akZ15xo7iC";

	public static final String ADMIN = "ada";

	public static final String ADMIN_PASSWORD = "admin-password";

	public static final String ADMIN_PASSWORD_HASH = "$2a$04$NcHof5KTIMJCAr3dgt0sp.73gMn4s/y0TfHHHDrL5R6InJzDjQNtC";

	public static final String SEARCH_USERNAME = "digest-service";

	public static final String SEARCH_PASSWORD = "service-password";

	/**
	 * Add the settings of both local users and of the search-service credentials.
	 * @param registry the test's properties
	 */
	public static void register(DynamicPropertyRegistry registry) {
		registry.add("grapevine.security.users[0].username", () -> MEMBER);
		registry.add("grapevine.security.users[0].password-hash", () -> MEMBER_PASSWORD_HASH);
		registry.add("grapevine.security.users[0].roles", () -> "MEMBER");
		registry.add("grapevine.security.users[1].username", () -> ADMIN);
		registry.add("grapevine.security.users[1].password-hash", () -> ADMIN_PASSWORD_HASH);
		registry.add("grapevine.security.users[1].roles", () -> "ADMIN");
		registry.add("grapevine.search.username", () -> SEARCH_USERNAME);
		registry.add("grapevine.search.password", () -> SEARCH_PASSWORD);
	}

	/**
	 * The same settings as a map, for an application started by hand.
	 * @return the settings
	 */
	public static Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("grapevine.security.users[0].username", MEMBER);
		properties.put("grapevine.security.users[0].password-hash", MEMBER_PASSWORD_HASH);
		properties.put("grapevine.security.users[0].roles", "MEMBER");
		properties.put("grapevine.security.users[1].username", ADMIN);
		properties.put("grapevine.security.users[1].password-hash", ADMIN_PASSWORD_HASH);
		properties.put("grapevine.security.users[1].roles", "ADMIN");
		properties.put("grapevine.search.username", SEARCH_USERNAME);
		properties.put("grapevine.search.password", SEARCH_PASSWORD);
		return properties;
	}

	private TestUsers() {
	}

	/**
	 * A client signed in as the administrator.
	 * @param client a client that is not signed in
	 * @return the signed-in client
	 */
	public static WebTestClient asAdmin(WebTestClient client) {
		return client.mutate().defaultHeaders((headers) -> headers.setBasicAuth(ADMIN, ADMIN_PASSWORD)).build();
	}

	/**
	 * A client signed in as a member.
	 * @param client a client that is not signed in
	 * @return the signed-in client
	 */
	public static WebTestClient asMember(WebTestClient client) {
		return client.mutate().defaultHeaders((headers) -> headers.setBasicAuth(MEMBER, MEMBER_PASSWORD)).build();
	}

}
