package io.grapevine.digest.rendering;

/**
 * A digest ready to send: its subject, its HTML body and its plain-text body.
 *
 * @param subject the email subject
 * @param html the HTML body, inline CSS only, every mention text escaped
 * @param text the plain-text body
 */
public record RenderedDigest(String subject, String html, String text) {

}
