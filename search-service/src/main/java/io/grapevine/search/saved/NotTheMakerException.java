package io.grapevine.search.saved;

/**
 * Thrown when someone other than a saved search's maker or an administrator tries to
 * rename or delete it; answered as a 403 problem detail.
 */
public class NotTheMakerException extends RuntimeException {

	public NotTheMakerException(SavedSearch search, String username, String change) {
		super("Only " + search.createdBy() + ", who saved '" + search.name() + "', or an administrator may " + change
				+ " it; " + username + " may save a search of their own");
	}

}
