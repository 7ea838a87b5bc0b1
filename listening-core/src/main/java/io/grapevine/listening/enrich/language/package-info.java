/**
 * Language of a mention, detected offline from its text with character n-gram and word
 * profiles trained on a corpus shipped with the code, or trusted from the source's hint.
 */
package io.grapevine.listening.enrich.language;
