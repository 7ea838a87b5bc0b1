package io.grapevine.search;

/**
 * The local users the tests sign in as; the hashes are bcrypt hashes (cost 4, to keep the
 * tests quick) of the passwords beside them.
 */
final class TestUsers {

	static final String MEMBER = "mia";

	static final String MEMBER_PASSWORD = "member-password";

	static final String MEMBER_PASSWORD_HASH = "$2a$04$ByqyVElis2lUhhXFSaQH3e4nle42rdMrYqDbU0W.iK7akZ15xo7iC";

	static final String MEMBER_EMAIL = "mia@harborcity-transit.example";

	static final String ADMIN = "ada";

	static final String ADMIN_PASSWORD = "admin-password";

	static final String ADMIN_PASSWORD_HASH = "$2a$04$NcHof5KTIMJCAr3dgt0sp.73gMn4s/y0TfHHHDrL5R6InJzDjQNtC";

	private TestUsers() {
	}

}
