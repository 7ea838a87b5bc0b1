/**
 * Spike alerts: reads the live {@code mentions} topic, compares each topic's last hour
 * with its own baseline, and tells the departments that listen to it at once.
 */
package io.grapevine.digest.alerting;
