package io.grapevine.search.handling;

/**
 * Thrown when an action cannot be taken on the mention as it stands: its state does not
 * allow it, or it changed since it was read; answered as a 409 problem detail.
 */
public class HandlingConflictException extends RuntimeException {

	private final boolean concurrent;

	private HandlingConflictException(String message, boolean concurrent) {
		super(message);
		this.concurrent = concurrent;
	}

	/**
	 * The mention's state does not allow the action.
	 * @param message what is wrong and what to do
	 * @return the exception
	 */
	public static HandlingConflictException invalidTransition(String message) {
		return new HandlingConflictException(message, false);
	}

	/**
	 * Someone else changed the mention between reading and writing it.
	 * @param mentionId the mention
	 * @return the exception
	 */
	public static HandlingConflictException concurrentChange(String mentionId) {
		return new HandlingConflictException(
				"Mention " + mentionId + " changed while this action was taken; read it again and retry", true);
	}

	/**
	 * Whether the mention changed meanwhile, rather than the action not fitting its
	 * state.
	 * @return true for a concurrent change
	 */
	public boolean concurrent() {
		return this.concurrent;
	}

}
