package io.grapevine.search.handling.web;

/**
 * Thrown when an action comes without a signed-in user to record as its actor; answered
 * as a 401 problem detail.
 */
class NotSignedInException extends RuntimeException {

	NotSignedInException() {
		super("Sign in to act on mentions: every action records who took it");
	}

}
