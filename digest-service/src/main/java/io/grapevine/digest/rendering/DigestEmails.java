package io.grapevine.digest.rendering;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The email templates every digest is rendered with, and the links every digest carries:
 * the dashboard search of its period and its page in the archive.
 */
final class DigestEmails {

	private final SpringTemplateEngine templates;

	private final URI dashboardUrl;

	private final URI publicUrl;

	/**
	 * Load the templates of this package.
	 * @param dashboardUrl the search dashboard
	 * @param publicUrl where the digest archive is served
	 */
	DigestEmails(URI dashboardUrl, URI publicUrl) {
		this.dashboardUrl = dashboardUrl;
		this.publicUrl = publicUrl;
		this.templates = engine();
	}

	/**
	 * The template engine of this package's email templates.
	 * @return a new engine
	 */
	static SpringTemplateEngine engine() {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(DigestEmails.class.getClassLoader());
		resolver.setPrefix("io/grapevine/digest/rendering/");
		resolver.setSuffix(".html");
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		SpringTemplateEngine templates = new SpringTemplateEngine();
		templates.setTemplateResolver(resolver);
		return templates;
	}

	/**
	 * Render an email template, which shows the view as {@code v}.
	 * @param template the template's name, without {@code .html}
	 * @param view what the template shows
	 * @return the HTML
	 */
	String html(String template, Object view) {
		Context context = new Context(Locale.US);
		context.setVariable("v", view);
		return this.templates.process(template, context);
	}

	/**
	 * The search dashboard the digests link to.
	 * @return its URL
	 */
	URI dashboardUrl() {
		return this.dashboardUrl;
	}

	/**
	 * The dashboard search for a period.
	 * @param department the department searched, or empty for the whole organization
	 * @param from the period's start
	 * @param to the period's end, excluded
	 * @return the link
	 */
	URI dashboardSearch(Optional<String> department, Instant from, Instant to) {
		String base = this.dashboardUrl.toString();
		String query = department.map((id) -> "department=" + encode(id) + "&").orElse("") + "from="
				+ encode(from.toString()) + "&to=" + encode(to.toString());
		return URI.create(base + (base.contains("?") ? "&" : "?") + query);
	}

	/**
	 * The archived digest's page.
	 * @param archiveId the archive id
	 * @return the link
	 */
	URI archiveLink(String archiveId) {
		String base = this.publicUrl.toString();
		base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		return URI.create(base + "/digests/" + encode(archiveId));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
