/**
 * Sending a department's digest, now or when it is due on the schedule.
 */
package io.grapevine.digest.sending;
