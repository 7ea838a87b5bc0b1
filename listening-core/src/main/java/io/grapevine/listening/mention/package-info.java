/**
 * Mentions and their versioned JSON contract.
 */
package io.grapevine.listening.mention;
