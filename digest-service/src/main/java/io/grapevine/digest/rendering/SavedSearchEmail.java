package io.grapevine.digest.rendering;

import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.grapevine.digest.composition.Digest;
import io.grapevine.digest.composition.SavedSearch;
import io.grapevine.digest.composition.SavedSearchDigest;

/**
 * The email of a saved search's subscriber in the digests' look (their frame, masthead
 * and item lists), as {@link DigestRenderer} renders it: HTML with inline CSS, every
 * value escaped, and a plain-text twin.
 */
public final class SavedSearchEmail {

	private static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.US);

	private final DigestEmails emails;

	SavedSearchEmail(DigestEmails emails) {
		this.emails = emails;
	}

	/**
	 * Render the email.
	 * @param organization the organization's name, for the masthead
	 * @param digest what it says
	 * @return subject, HTML and text
	 */
	RenderedDigest render(String organization, SavedSearchDigest digest) {
		View view = view(organization, digest);
		return new RenderedDigest(view.subject(), this.emails.html("saved-search-email", view), text(view));
	}

	private static View view(String organization, SavedSearchDigest digest) {
		SavedSearch search = digest.search();
		String when = "on " + LONG_DAY.format(digest.day().day());
		List<DigestRenderer.ItemView> mentions = digest.mentions()
			.stream()
			.map((item) -> new DigestRenderer.ItemView(item.title(), item.text(), item.detail(),
					item.permalink().map(URI::toString).orElse(""), item.search().toString()))
			.toList();
		String title = (digest.total() > digest.mentions().size()) ? "Top " + digest.mentions().size() + " by reach"
				: "By reach";
		return new View(organization, search.name(), digest.subject(), Digest.DAY.format(digest.day().day()), when,
				digest.day().zone().getId(), digest.total(), (digest.total() == 1) ? "mention" : "mentions",
				search.query(), filters(search.filters()), title, mentions, digest.permalink().toString(),
				digest.subscription().email(),
				"To stop these emails, open the saved search and unsubscribe (or send DELETE /api/saved-searches/"
						+ search.id() + "/subscription to search-service, signed in).");
	}

	// The filters in words, as the dashboard shows them beside the query.
	private static String filters(SavedSearch.Filters filters) {
		List<String> parts = new ArrayList<>();
		add(parts, "department", filters.department());
		add(parts, "topic", filters.topic());
		add(parts, "source", filters.source());
		add(parts, "language", filters.language());
		add(parts, "sentiment", filters.sentiment());
		add(parts, "competitor", filters.competitor());
		filters.owned()
			.ifPresent((owned) -> parts.add(owned ? "the organization's own posts" : "not the organization's own"));
		filters.question().ifPresent((question) -> parts.add(question ? "questions" : "no questions"));
		filters.minReach().ifPresent((reach) -> parts.add("reach " + reach + " or more"));
		return String.join(" · ", parts);
	}

	private static void add(List<String> parts, String name, List<String> values) {
		if (!values.isEmpty()) {
			parts.add(name + " " + String.join(", ", values));
		}
	}

	private static String text(View view) {
		StringBuilder text = new StringBuilder();
		text.append(view.name()).append(" · saved search\n");
		text.append(view.longDay()).append(" (").append(view.zone()).append(")\n");
		text.append(view.organization()).append("\n\n");
		text.append(view.total()).append(' ').append(view.totalUnit()).append(" matched ").append(view.when());
		text.append('\n');
		if (!view.query().isEmpty()) {
			text.append("Query: ").append(view.query()).append('\n');
		}
		if (!view.filters().isEmpty()) {
			text.append("Filters: ").append(view.filters()).append('\n');
		}
		if (view.mentions().isEmpty()) {
			text.append("\nNothing matched ").append(view.name()).append(' ').append(view.when()).append(".\n");
		}
		else {
			DigestRenderer.itemsText(text, view.mentionsTitle(), view.mentions());
		}
		text.append("\nOpen the saved search: ").append(view.permalink()).append('\n');
		text.append("\n-- \nSent by Grapevine to ")
			.append(view.recipient())
			.append(", who subscribed to the saved search “")
			.append(view.name())
			.append("”. The day runs from midnight to midnight, ")
			.append(view.zone())
			.append(" time.\n")
			.append(view.unsubscribe())
			.append('\n');
		return text.toString();
	}

	/**
	 * Everything the email template shows, formatted.
	 *
	 * @param organization the organization's name
	 * @param name the saved search's name
	 * @param subject the subject
	 * @param day the day, short
	 * @param when "on Thursday 19 November 2026"
	 * @param zone the subscriber's time zone
	 * @param total the mentions that matched
	 * @param totalUnit "mention" or "mentions"
	 * @param query the listening query, or empty
	 * @param filters the filters in words, or empty
	 * @param mentionsTitle the heading of the list
	 * @param mentions the widest-reaching matches
	 * @param permalink the saved search on the dashboard
	 * @param recipient the subscriber's address
	 * @param unsubscribe how to stop the emails
	 */
	public record View(String organization, String name, String subject, String day, String when, String zone,
			long total, String totalUnit, String query, String filters, String mentionsTitle,
			List<DigestRenderer.ItemView> mentions, String permalink, String recipient, String unsubscribe) {

		/**
		 * The day in full, as the text email's heading shows it.
		 * @return "Thursday 19 November 2026"
		 */
		public String longDay() {
			return this.when.substring("on ".length());
		}

	}

}
