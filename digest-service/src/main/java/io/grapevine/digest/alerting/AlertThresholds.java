package io.grapevine.digest.alerting;

import java.time.Duration;

/**
 * When a topic storms and how its alert is kept up to date.
 *
 * @param window how far back the current count looks
 * @param minCount the fewest mentions in the window that may make a storm
 * @param volumeFactor how many times its expected count the window must hold
 * @param negativeRise how far above its baseline share (0 to 1) the negative share must
 * rise
 * @param highReach the reach (or author followers) from which one mention raises an alert
 * @param updateEvery the shortest time between two messages about one storm
 */
public record AlertThresholds(Duration window, int minCount, double volumeFactor, double negativeRise, double highReach,
		Duration updateEvery) {

}
