package io.grapevine.search.saved;

/**
 * Thrown when no saved search has the given id (it may have been deleted); answered as a
 * 404 problem detail.
 */
public class SavedSearchNotFoundException extends RuntimeException {

	private final String savedSearchId;

	public SavedSearchNotFoundException(String savedSearchId) {
		super("There is no saved search '" + savedSearchId + "'; it may have been deleted. "
				+ "GET /api/saved-searches lists them all");
		this.savedSearchId = savedSearchId;
	}

	/**
	 * The id nothing was found for.
	 * @return the saved search id
	 */
	public String savedSearchId() {
		return this.savedSearchId;
	}

}
