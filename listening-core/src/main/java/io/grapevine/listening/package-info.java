/**
 * The shared language of Grapevine: what a mention is, where it travels, and who listens
 * for it.
 */
package io.grapevine.listening;
