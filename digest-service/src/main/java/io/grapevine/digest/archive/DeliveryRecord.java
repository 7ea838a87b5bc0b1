package io.grapevine.digest.archive;

import java.time.Instant;
import java.util.Optional;

/**
 * The delivery of one digest over one channel, as the ledger records it.
 *
 * @param digestId the digest's archive id
 * @param channel {@code email}, {@code slack} or {@code teams}
 * @param status {@link #CLAIMED}, {@link #SENT} or {@link #FAILED}
 * @param claimedBy the replica that claimed (or sent) it
 * @param claimedUntil when the claim lapses
 * @param sentAt when the channel took the digest
 * @param attempts how many claims were made
 * @param lastError why the last try failed
 */
public record DeliveryRecord(String digestId, String channel, String status, String claimedBy, Instant claimedUntil,
		Optional<Instant> sentAt, int attempts, Optional<String> lastError) {

	/** A replica is delivering it. */
	public static final String CLAIMED = "claimed";

	/** The channel took the digest. */
	public static final String SENT = "sent";

	/** The last try failed; any replica may claim it again. */
	public static final String FAILED = "failed";

	public DeliveryRecord {
		sentAt = (sentAt != null) ? sentAt : Optional.empty();
		lastError = (lastError != null) ? lastError : Optional.empty();
	}

}
