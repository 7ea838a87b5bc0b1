/**
 * The monthly mention indices: their template, their names and their retention.
 */
package io.grapevine.search.index;
