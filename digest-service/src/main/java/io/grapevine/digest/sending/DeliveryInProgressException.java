package io.grapevine.digest.sending;

import java.util.List;

/**
 * Another replica holds the claim on some of a digest's channels; it archives the digest
 * once they are delivered, or the next check takes over when its claim lapses.
 */
public class DeliveryInProgressException extends RuntimeException {

	DeliveryInProgressException(String digestId, List<String> channels) {
		super("digest " + digestId + ": another replica is delivering " + String.join(", ", channels));
	}

}
