/**
 * Analytics over mentions: volume by day in a time zone, shares by source, topic and
 * language, top authors and mentions.
 */
package io.grapevine.search.analytics;
