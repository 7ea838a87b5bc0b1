package io.grapevine.digest.rendering;

import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A digest ready to send: its subject, its HTML body, its plain-text body and the images
 * the HTML shows inline.
 *
 * @param subject the email subject
 * @param html the HTML body, inline CSS only, every mention text escaped, images as
 * {@code cid:} references to {@code images}
 * @param text the plain-text body
 * @param images the images the HTML refers to by content id
 */
public record RenderedDigest(String subject, String html, String text, List<InlineImage> images) {

	public RenderedDigest {
		images = (images != null) ? List.copyOf(images) : List.of();
	}

	/**
	 * A digest without images.
	 * @param subject the email subject
	 * @param html the HTML body
	 * @param text the plain-text body
	 */
	public RenderedDigest(String subject, String html, String text) {
		this(subject, html, text, List.of());
	}

	/**
	 * The HTML as the archive serves it: each {@code cid:} image as a {@code data:} URI,
	 * so the page needs nothing but itself.
	 * @return the HTML
	 */
	public String archiveHtml() {
		String html = this.html;
		for (InlineImage image : this.images) {
			html = html.replace("cid:" + image.contentId(),
					"data:" + image.contentType() + ";base64," + Base64.getEncoder().encodeToString(image.bytes()));
		}
		return html;
	}

	/**
	 * An image sent as a related part of the email and shown by
	 * {@code <img src="cid:...">}.
	 *
	 * @param contentId the content id, without angle brackets
	 * @param contentType its media type, {@code image/png}
	 * @param bytes the image
	 * @param description what it shows, as alternative text and the part's description
	 */
	public record InlineImage(String contentId, String contentType, byte[] bytes, String description) {

		public InlineImage {
			Objects.requireNonNull(contentId, "contentId");
			Objects.requireNonNull(contentType, "contentType");
			bytes = bytes.clone();
		}

		@Override
		public byte[] bytes() {
			return this.bytes.clone();
		}

	}

}
