package io.grapevine.digest.rendering;

import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.grapevine.digest.composition.BoardDigest;
import io.grapevine.digest.composition.BoardFigures;
import io.grapevine.digest.composition.DigestComposer;
import io.grapevine.digest.composition.TopMention;

/**
 * Renders the board's monthly digest as an email: a Thymeleaf HTML template with inline
 * CSS (every value escaped by {@code th:text}) and a plain-text twin.
 */
public class BoardRenderer {

	/** Longer mention texts are cut so the digest stays short. */
	static final int MAX_TEXT_LENGTH = 400;

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.US);

	private final DigestEmails emails;

	/**
	 * Create a renderer.
	 * @param dashboardUrl the search dashboard, linked with the month
	 * @param publicUrl where the digest archive is served, linked from every digest
	 */
	public BoardRenderer(URI dashboardUrl, URI publicUrl) {
		this.emails = new DigestEmails(dashboardUrl, publicUrl);
	}

	/**
	 * Render a board digest.
	 * @param digest the digest
	 * @param archiveId the id it will have in the archive
	 * @return subject, HTML and text
	 */
	public RenderedDigest render(BoardDigest digest, String archiveId) {
		View view = view(digest, archiveId);
		return new RenderedDigest(digest.subject(), this.emails.html("board-email", view), text(view));
	}

	/**
	 * The dashboard search for the month.
	 * @param digest the digest
	 * @return the link
	 */
	public URI dashboardLink(BoardDigest digest) {
		return this.emails.dashboardSearch(Optional.empty(), digest.period().from(), digest.period().to());
	}

	/**
	 * The archived digest's page.
	 * @param archiveId the archive id
	 * @return the link
	 */
	public URI archiveLink(String archiveId) {
		return this.emails.archiveLink(archiveId);
	}

	private View view(BoardDigest digest, String archiveId) {
		BoardFigures figures = digest.figures();
		List<LineView> voices = figures.shareOfVoice()
			.stream()
			.map((voice) -> new LineView(voice.name(), voice.organization(), voice.line()))
			.toList();
		List<LineView> departments = figures.departments()
			.stream()
			.map((department) -> new LineView(department.name(), false, department.line()))
			.toList();
		List<MentionView> mentions = figures.topMentions()
			.stream()
			.map((mention) -> new MentionView(shorten(mention.text()), mention.url().toString(), mention.authorName(),
					"@" + mention.authorHandle(), DigestComposer.sourceName(mention.source()),
					DAY.format(mention.publishedAt().atZone(digest.period().zone())), reach(mention)))
			.toList();
		return new View(digest.organization(), digest.period().label(), digest.subject(), figures.total(),
				figures.volume(), figures.sentimentSentence(), voices, departments, mentions,
				dashboardLink(digest).toString(), archiveLink(archiveId).toString(), digest.period().zone().getId());
	}

	private static String reach(TopMention mention) {
		return mention.followers().map((followers) -> followers + " followers").orElse("")
				+ ((mention.likes() + mention.shares() + mention.replies() > 0)
						? (mention.followers().isPresent() ? " · " : "") + mention.likes() + " likes, "
								+ mention.shares() + " shares"
						: "");
	}

	private static String text(View view) {
		StringBuilder text = new StringBuilder();
		text.append(view.organization()).append(" · board digest · ").append(view.month()).append("\n\n");
		text.append(view.volume()).append('\n');
		text.append(view.sentiment()).append('\n');
		lines(text, "Share of voice", view.voices());
		lines(text, "By department", view.departments());
		if (!view.mentions().isEmpty()) {
			text.append("\nWidest reach\n");
			int rank = 1;
			for (MentionView mention : view.mentions()) {
				text.append(rank++)
					.append(". ")
					.append(mention.author())
					.append(' ')
					.append(mention.handle())
					.append(" on ")
					.append(mention.source())
					.append(", ")
					.append(mention.day());
				if (!mention.reach().isEmpty()) {
					text.append(" (").append(mention.reach()).append(')');
				}
				text.append('\n')
					.append("   ")
					.append(mention.text().replace("\n", "\n   "))
					.append('\n')
					.append("   ")
					.append(mention.url())
					.append('\n');
			}
		}
		text.append("\nSearch these mentions: ").append(view.searchLink()).append('\n');
		text.append("This digest in the archive: ").append(view.archiveLink()).append('\n');
		text.append("Months are counted in ").append(view.zone()).append(".\n");
		return text.toString();
	}

	private static void lines(StringBuilder text, String heading, List<LineView> lines) {
		if (!lines.isEmpty()) {
			text.append('\n').append(heading).append('\n');
			for (LineView line : lines) {
				text.append("- ").append(line.name()).append(": ").append(line.line()).append('\n');
			}
		}
	}

	private static String shorten(String text) {
		return (text.length() <= MAX_TEXT_LENGTH) ? text : text.substring(0, MAX_TEXT_LENGTH - 1).strip() + "…";
	}

	/**
	 * What the template shows.
	 */
	record View(String organization, String month, String subject, long total, String volume, String sentiment,
			List<LineView> voices, List<LineView> departments, List<MentionView> mentions, String searchLink,
			String archiveLink, String zone) {
	}

	/**
	 * A voice's or a department's name and what the digest says of it.
	 */
	record LineView(String name, boolean organization, String line) {
	}

	record MentionView(String text, String url, String author, String handle, String source, String day, String reach) {
	}

}
