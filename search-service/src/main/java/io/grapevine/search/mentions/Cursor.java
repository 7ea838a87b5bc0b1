package io.grapevine.search.mentions;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of newest-first results ended: the publish time and id of its last
 * mention, carried by clients as an opaque URL-safe string.
 *
 * @param publishedAtMillis publish time of the last mention, epoch milliseconds
 * @param id id of the last mention
 */
public record Cursor(long publishedAtMillis, String id) {

	public Cursor {
		if (id == null || id.isEmpty()) {
			throw new IllegalArgumentException("a cursor needs the id of the last mention");
		}
	}

	/**
	 * The opaque form clients pass back.
	 * @return URL-safe base64 without padding
	 */
	public String encode() {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((this.publishedAtMillis + ":" + this.id).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Read a cursor a client passed back.
	 * @param value the opaque form
	 * @return the cursor
	 * @throws IllegalArgumentException if the value is not a cursor this service issued
	 */
	public static Cursor decode(String value) {
		String decoded;
		try {
			decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("not a cursor from nextCursor", ex);
		}
		int colon = decoded.indexOf(':');
		if (colon <= 0 || colon == decoded.length() - 1) {
			throw new IllegalArgumentException("not a cursor from nextCursor");
		}
		try {
			return new Cursor(Long.parseLong(decoded.substring(0, colon)), decoded.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("not a cursor from nextCursor", ex);
		}
	}

}
