package io.grapevine.search.handling;

/**
 * Thrown when no mention has the given id; answered as a 404 problem detail.
 */
public class MentionNotFoundException extends RuntimeException {

	private final String mentionId;

	public MentionNotFoundException(String mentionId) {
		super("There is no mention '" + mentionId + "'; check the id (source:nativeId)");
		this.mentionId = mentionId;
	}

	/**
	 * The id nothing was found for.
	 * @return the mention id
	 */
	public String mentionId() {
		return this.mentionId;
	}

}
