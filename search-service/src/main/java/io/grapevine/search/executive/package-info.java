/**
 * The executive view: the organization's standing over a period against the period before
 * and the same period a year before, share of voice and sentiment over time, top stories,
 * departments side by side, and what the organization said against what it heard and
 * answered.
 */
package io.grapevine.search.executive;
