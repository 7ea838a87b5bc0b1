package io.grapevine.digest.composition;

/**
 * One slice of a day's volume: a source or a topic, with its label and count.
 *
 * @param key the key in the analytics API (source kind or topic id)
 * @param label what a reader sees
 * @param count mentions in the slice
 * @param percent share of the day's total, rounded
 */
public record Share(String key, String label, long count, int percent) {

}
