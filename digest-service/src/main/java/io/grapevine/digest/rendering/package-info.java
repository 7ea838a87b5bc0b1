/**
 * Turns a composed digest into an email subject, an HTML body and a plain-text body.
 */
package io.grapevine.digest.rendering;
