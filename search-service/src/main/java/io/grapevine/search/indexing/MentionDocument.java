package io.grapevine.search.indexing;

import io.grapevine.listening.mention.Mention;

/**
 * A mention ready for a bulk request: its id, its monthly index and its JSON source.
 *
 * @param id the mention id, used as the document {@code _id}
 * @param index the monthly index it belongs in
 * @param source the document JSON: the Mention JSON plus {@code engagement.total} and
 * {@code site}
 * @param mention the mention it was built from, marked with whose account wrote it
 */
public record MentionDocument(String id, String index, byte[] source, Mention mention) {

}
