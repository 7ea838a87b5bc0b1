package io.grapevine.digest.composition.sections;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a digest section as every channel shows it: who or what, the text as
 * written (never markup; each channel escapes it), a detail line, the mention itself and
 * the dashboard search that shows its context.
 *
 * @param title the author, the word or the spike, as written
 * @param text the mention's text as written, or empty
 * @param detail source, reach, copies and the like, in words
 * @param permalink the mention itself, when the item is a mention
 * @param search the dashboard search around it
 */
public record Item(String title, String text, String detail, Optional<URI> permalink, URI search) {

	public Item {
		Objects.requireNonNull(title, "title");
		text = (text != null) ? text : "";
		detail = (detail != null) ? detail : "";
		permalink = (permalink != null) ? permalink : Optional.empty();
		Objects.requireNonNull(search, "search");
	}

}
