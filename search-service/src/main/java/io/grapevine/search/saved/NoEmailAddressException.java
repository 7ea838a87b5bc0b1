package io.grapevine.search.saved;

/**
 * Thrown when someone subscribes to a saved search's daily email but their account has no
 * email address to send it to; answered as a 400 problem detail that says how to get one.
 */
public class NoEmailAddressException extends RuntimeException {

	public NoEmailAddressException(String username) {
		super("Your account (" + username + ") has no email address to send the daily email to. "
				+ "Ask an administrator to set grapevine.security.users[n].email for a local user, or, "
				+ "when you sign in through the organization's sign-in provider, to have it send your "
				+ "verified 'email' claim; then sign in again and subscribe");
	}

}
