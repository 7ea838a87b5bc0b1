package io.grapevine.platform;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.grapevine.listening.Sha256;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The people and the service token of one local run: passwords and the token made at
 * start for this run only, handed to the services as bcrypt hashes (passwords) and a
 * SHA-256 (the token) in their environment, never written to a file.
 */
public final class LocalAccounts {

	/** The administrator, who may run digests and mute alerts. */
	public static final String ADMIN = "admin";

	/** A member, who reads and handles mentions. */
	public static final String MEMBER = "member";

	/** The caller digest-service's API token names on search-service. */
	public static final String DIGEST_SERVICE = "digest-service";

	// The key the gateway and the services share, made for this run only.
	static final String RELAY_SECRET = "GRAPEVINE_RELAY_SECRET";

	private static final SecureRandom random = new SecureRandom();

	private final String adminPassword;

	private final String memberPassword;

	private final String serviceToken;

	private final String relaySecret;

	private final BCryptPasswordEncoder encoder;

	private LocalAccounts(BCryptPasswordEncoder encoder) {
		this.encoder = encoder;
		this.adminPassword = password();
		this.memberPassword = password();
		this.serviceToken = "gv_" + secret(8) + "_" + secret(32);
		this.relaySecret = secret(36);
	}

	/**
	 * Make the accounts of a run.
	 * @return accounts with fresh random passwords
	 */
	public static LocalAccounts generate() {
		return new LocalAccounts(new BCryptPasswordEncoder());
	}

	private static String password() {
		return secret(15);
	}

	private static String secret(int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * The administrator's password.
	 * @return the password of {@link #ADMIN}
	 */
	public String adminPassword() {
		return this.adminPassword;
	}

	/**
	 * The member's password.
	 * @return the password of {@link #MEMBER}
	 */
	public String memberPassword() {
		return this.memberPassword;
	}

	/**
	 * The environment of search-service: the two people, and the SHA-256 of the API token
	 * digest-service calls with, as a member.
	 * @return environment variables
	 */
	public Map<String, String> searchEnvironment() {
		Map<String, String> environment = people();
		environment.put("GRAPEVINE_SECURITY_APITOKENS_CONFIGURED_0_NAME", DIGEST_SERVICE);
		environment.put("GRAPEVINE_SECURITY_APITOKENS_CONFIGURED_0_HASH", Sha256.hex(this.serviceToken));
		environment.put("GRAPEVINE_SECURITY_APITOKENS_CONFIGURED_0_ROLES", "MEMBER");
		environment.put(RELAY_SECRET, this.relaySecret);
		return environment;
	}

	/**
	 * The environment of digest-service: the two people, and the API token it calls
	 * search-service with.
	 * @return environment variables
	 */
	public Map<String, String> digestEnvironment() {
		Map<String, String> environment = people();
		environment.put("GRAPEVINE_SEARCH_TOKEN", this.serviceToken);
		environment.put(RELAY_SECRET, this.relaySecret);
		return environment;
	}

	/**
	 * The environment of ingest-service: the two people sign in to its API.
	 * @return environment variables
	 */
	public Map<String, String> ingestEnvironment() {
		return people();
	}

	/**
	 * The environment of the gateway: the two people sign in there, and the key it signs
	 * who they are with for the services behind it.
	 * @return environment variables
	 */
	public Map<String, String> gatewayEnvironment() {
		Map<String, String> environment = people();
		environment.put(RELAY_SECRET, this.relaySecret);
		return environment;
	}

	// The people have addresses of the local mailbox, where the saved searches they
	// subscribe to arrive.
	private Map<String, String> people() {
		Map<String, String> environment = new LinkedHashMap<>();
		user(environment, 0, ADMIN, this.adminPassword, "ADMIN");
		environment.put("GRAPEVINE_SECURITY_USERS_0_EMAIL", ADMIN + "@localhost");
		user(environment, 1, MEMBER, this.memberPassword, "MEMBER");
		environment.put("GRAPEVINE_SECURITY_USERS_1_EMAIL", MEMBER + "@localhost");
		return environment;
	}

	private void user(Map<String, String> environment, int index, String username, String password, String role) {
		String prefix = "GRAPEVINE_SECURITY_USERS_" + index + "_";
		environment.put(prefix + "USERNAME", username);
		environment.put(prefix + "PASSWORDHASH", this.encoder.encode(password));
		environment.put(prefix + "ROLES", role);
	}

	/**
	 * The sign-in details to print once on the terminal.
	 * @param address the one address people open
	 * @return lines to print
	 */
	public String describe(String address) {
		return """
				Sign in once at %s (passwords made for this run only):
				  %-8s %s   administrator: may also run digests and mute alerts
				  %-8s %s   member: reads and handles mentions
				""".formatted(address, ADMIN, this.adminPassword, MEMBER, this.memberPassword);
	}

	@Override
	public String toString() {
		return "LocalAccounts[" + ADMIN + ", " + MEMBER + ", " + DIGEST_SERVICE + "; passwords and token hidden]";
	}

}
