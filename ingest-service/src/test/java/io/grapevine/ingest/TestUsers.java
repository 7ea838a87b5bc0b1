package io.grapevine.ingest;

import java.util.Map;

/**
 * The local users the tests sign in as; the hashes are bcrypt hashes (cost 4, to keep the
 * tests quick) of the passwords beside them.
 */
public final class TestUsers {

	/** A member, who reads the sources. */
	public static final String MEMBER = "mia";

	/** The member's password. */
	public static final String MEMBER_PASSWORD = "member-password";

	/** An administrator, who also reads the health's details. */
	public static final String ADMIN = "ada";

	/** The administrator's password. */
	public static final String ADMIN_PASSWORD = "admin-password";

	private TestUsers() {
	}

	/**
	 * The settings that let the two users sign in.
	 * @return settings
	 */
	public static Map<String, Object> settings() {
		return Map.of("grapevine.security.users[0].username", MEMBER, "grapevine.security.users[0].password-hash",
				"$2a$04$ByqyVElis2lUhhXFSaQH3e4nle42rdMrYqDbU0W.iK7akZ15xo7iC", "grapevine.security.users[1].username",
				ADMIN, "grapevine.security.users[1].password-hash",
				"$2a$04$NcHof5KTIMJCAr3dgt0sp.73gMn4s/y0TfHHHDrL5R6InJzDjQNtC", "grapevine.security.users[1].roles",
				"ADMIN");
	}

}
