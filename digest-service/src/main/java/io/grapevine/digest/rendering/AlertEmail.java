package io.grapevine.digest.rendering;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

/**
 * Renders an alert's email with the digests' look: their frame and masthead, the alert in
 * a few lines, and one button to its mentions on the dashboard.
 */
public final class AlertEmail {

	private static final SpringTemplateEngine TEMPLATES = DigestEmails.engine();

	private AlertEmail() {
	}

	/**
	 * Render the HTML of an alert email (every value escaped by {@code th:text}).
	 * @param subject the email's subject
	 * @param topic the topic's name, over the masthead's title
	 * @param title what happened ("Mention spike")
	 * @param subtitle the figure that says how much ("48 mentions in the last hour")
	 * @param lines what the alert says, one paragraph each
	 * @param link the dashboard search of the topic's mentions
	 * @param footnote the alert's id
	 * @return the HTML
	 */
	public static String html(String subject, String topic, String title, String subtitle, List<String> lines, URI link,
			String footnote) {
		Context context = new Context(Locale.US);
		context.setVariable("v",
				new View(subject, topic, title, subtitle, List.copyOf(lines), link.toString(), footnote));
		return TEMPLATES.process("alert-email", context);
	}

	/**
	 * What the template shows.
	 */
	record View(String subject, String topic, String title, String subtitle, List<String> lines, String link,
			String footnote) {
	}

}
