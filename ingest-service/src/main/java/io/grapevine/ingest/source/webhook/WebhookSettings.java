package io.grapevine.ingest.source.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The settings of one declared webhook instance.
 *
 * @param secret the shared secret the sender signs with, written as {@code ${VARIABLE}}
 * @param replayWindow how far a request's {@code X-Grapevine-Timestamp} may be from now
 * @param maxBodySize the largest body accepted
 * @param defaults values for fields the sender leaves out
 */
public record WebhookSettings(@NotBlank String secret, @DefaultValue("5m") Duration replayWindow,
		@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue Defaults defaults) {

	public WebhookSettings {
		if (replayWindow == null || replayWindow.isZero() || replayWindow.isNegative()) {
			throw new IllegalArgumentException("replay-window must be positive, was " + replayWindow);
		}
		if (maxBodySize == null || maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("max-body-size must be between 1B and 2GB, was " + maxBodySize);
		}
		defaults = (defaults != null) ? defaults : new Defaults(null, null, null);
	}

	@Override
	public String toString() {
		return "WebhookSettings[secret=******, replayWindow=" + this.replayWindow + ", maxBodySize=" + this.maxBodySize
				+ ", defaults=" + this.defaults + "]";
	}

	/**
	 * Values used for a mention whose body leaves a field out.
	 *
	 * @param language the language code of mentions without {@code language}
	 * @param authorHandle the handle of mentions without {@code author}
	 * @param urlTemplate the permalink of mentions without {@code url}, with {@code {id}}
	 * standing for the mention's id, e.g. {@code https://crm.example.org/cases/{id}}
	 */
	public record Defaults(String language, String authorHandle, String urlTemplate) {

		public Defaults {
			language = blankToNull(language);
			authorHandle = blankToNull(authorHandle);
			urlTemplate = blankToNull(urlTemplate);
			if (authorHandle != null && authorHandle.startsWith("@")) {
				authorHandle = authorHandle.substring(1);
			}
			if (urlTemplate != null) {
				checkTemplate(urlTemplate);
			}
		}

		private static void checkTemplate(String template) {
			if (!template.contains("{id}")) {
				throw new IllegalArgumentException(
						"defaults.url-template must contain {id}, where the mention's id goes; was '" + template + "'");
			}
			try {
				URI uri = new URI(template.replace("{id}", "id"));
				String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
				if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
					throw new IllegalArgumentException("defaults.url-template must be an absolute http(s) URL such as "
							+ "https://crm.example.org/cases/{id}; was '" + template + "'");
				}
			}
			catch (URISyntaxException ex) {
				throw new IllegalArgumentException(
						"defaults.url-template is not a URL (" + ex.getReason() + "); was '" + template + "'");
			}
		}

		private static String blankToNull(String value) {
			return (value == null || value.isBlank()) ? null : value.strip();
		}

	}

}
