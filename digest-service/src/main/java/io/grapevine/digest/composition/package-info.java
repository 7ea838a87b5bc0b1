/**
 * What a digest says: its period, its figures and the wording of change, free of any
 * framework.
 */
package io.grapevine.digest.composition;
