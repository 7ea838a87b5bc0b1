package io.grapevine.security;

import java.time.Instant;
import java.util.List;

/**
 * An API token an administrator created, as kept: its id and who may call with it, with
 * only the SHA-256 of the token itself.
 *
 * @param id the public part of the token, which names it in lists and revocation
 * @param name what calls with it, e.g. a script's or a service's name
 * @param hash the SHA-256 of the whole token, in lower-case hex
 * @param roles the roles of calls made with it
 * @param createdAt when it was created
 * @param createdBy the administrator who created it
 */
record ApiToken(String id, String name, String hash, List<Role> roles, Instant createdAt, String createdBy) {

	ApiToken {
		roles = List.copyOf(roles);
	}

}
