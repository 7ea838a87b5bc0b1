/**
 * The sections that make a digest worth two minutes: volume and sentiment against the
 * period before, the mentions that matter most, new voices, rising terms, spikes, and
 * what waits for an answer, each item linked to its mention and to the search around it.
 */
package io.grapevine.digest.composition.sections;
