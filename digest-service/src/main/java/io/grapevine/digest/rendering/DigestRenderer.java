package io.grapevine.digest.rendering;

import java.net.URI;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.grapevine.digest.audience.Audience;
import io.grapevine.digest.composition.BoardFigures;
import io.grapevine.digest.composition.Digest;
import io.grapevine.digest.composition.sections.DigestSections;
import io.grapevine.digest.composition.sections.Item;
import io.grapevine.digest.composition.sections.VolumeAndSentiment;
import io.grapevine.digest.composition.DigestComposer;
import io.grapevine.digest.composition.DigestFigures;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.Share;
import io.grapevine.digest.composition.TopMention;
import io.grapevine.digest.composition.VolumeChange;

/**
 * Renders any digest as an email: a Thymeleaf HTML template (Spring expression language)
 * with inline CSS (every value escaped by {@code th:text}) and its plain text; the
 * board's digest and a saved search's email, whose sections differ, with their own
 * templates.
 */
public class DigestRenderer {

	/** Longer mention texts are cut so a digest with long posts stays small. */
	static final int MAX_TEXT_LENGTH = 600;

	/** The content id of the volume chart in the email. */
	static final String CHART_ID = "volume-chart@grapevine";

	private static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.US);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.US);

	/** The board's mention texts are cut shorter, so its monthly digest stays short. */
	static final int BOARD_TEXT_LENGTH = 400;

	private static final DateTimeFormatter DAY_OF_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.US);

	private static final DateTimeFormatter WEEKDAY_TIME = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.US);

	private final DigestEmails emails;

	private final SavedSearchEmail savedSearches;

	/**
	 * Create a renderer.
	 * @param dashboardUrl the search dashboard, linked with the department and day
	 * @param publicUrl where the digest archive is served, linked from every digest
	 */
	public DigestRenderer(URI dashboardUrl, URI publicUrl) {
		this.emails = new DigestEmails(dashboardUrl, publicUrl);
		this.savedSearches = new SavedSearchEmail(this.emails);
	}

	/**
	 * Render a digest.
	 * @param digest the digest
	 * @param archiveId the id it will have in the archive, for the "view in browser" link
	 * @return subject, HTML and text
	 */
	public RenderedDigest render(Digest digest, String archiveId) {
		if (digest.savedSearch().isPresent()) {
			return this.savedSearches.render(digest.organization(), digest.savedSearch().get());
		}
		if (digest.board().isPresent()) {
			BoardView board = boardView(digest, digest.board().get(), archiveId);
			return new RenderedDigest(digest.subject(), this.emails.html("board-email", board), boardText(board));
		}
		View view = view(digest, archiveId);
		String html = this.emails.html("digest-email", view);
		List<RenderedDigest.InlineImage> images = digest.sections()
			.volume()
			.map((volume) -> List.of(new RenderedDigest.InlineImage(CHART_ID, "image/png", VolumeChart.png(volume),
					view.sections().chartDescription())))
			.orElse(List.of());
		return new RenderedDigest(digest.subject(), html, text(view), images);
	}

	/**
	 * The URL of the dashboard the digests link to.
	 * @return the dashboard's URL
	 */
	public URI dashboardUrl() {
		return this.emails.dashboardUrl();
	}

	/**
	 * The dashboard search for the digest's period, narrowed to its department when it is
	 * a department's.
	 * @param digest the digest
	 * @return the link
	 */
	public URI dashboardLink(Digest digest) {
		return this.emails.dashboardSearch(digest.audience().department(), digest.period().from(),
				digest.period().to());
	}

	/**
	 * The archived digest's page.
	 * @param archiveId the archive id
	 * @return the link
	 */
	public URI archiveLink(String archiveId) {
		return this.emails.archiveLink(archiveId);
	}

	private View view(Digest digest, String archiveId) {
		DigestFigures figures = digest.figures();
		ZoneId zone = digest.period().zone();
		List<MentionView> mentions = figures.topMentions()
			.stream()
			.map((mention) -> new MentionView(shorten(mention.text()), mention.url().toString(), mention.authorName(),
					"@" + mention.authorHandle(), mention.followers().map((count) -> followers(count)).orElse(""),
					DigestComposer.sourceName(mention.source()),
					((digest.period().rhythm() == Period.Rhythm.WEEKLY) ? WEEKDAY_TIME : TIME)
						.format(mention.publishedAt().atZone(zone)),
					engagement(mention)))
			.toList();
		VolumeChange.Direction direction = VolumeChange.direction(figures.total(), figures.previousTotal());
		Period period = digest.period();
		boolean weekly = period.rhythm() == Period.Rhythm.WEEKLY;
		String longDay = weekly ? LONG_DAY.format(period.day()) + " to " + LONG_DAY.format(period.last())
				: LONG_DAY.format(period.day());
		return new View(digest.organization(), digest.audience().name(), period.label(), longDay, zone.getId(),
				digest.subject(), figures.total(), (figures.total() == 1) ? "mention" : "mentions", figures.change(),
				direction.name().toLowerCase(Locale.ROOT), Digest.mentions(figures.previousTotal()), figures.bySource(),
				figures.byTopic(), mentions, dashboardLink(digest).toString(), archiveLink(archiveId).toString(),
				weekly ? "Weekly listening digest" : "Daily listening digest",
				weekly ? "from " + longDay : "on " + longDay, weekly ? "the week before" : "the day before",
				weekly ? "in this week" : "on this day",
				weekly ? "The week runs from Monday midnight to Monday midnight"
						: "The day runs from midnight to midnight",
				(digest.audience() instanceof Audience.AllStaff) ? "all staff of " + digest.organization()
						: "the members of " + digest.audience().name(),
				figures.byDepartment()
					.stream()
					.map((share) -> new DepartmentView(share.label(), share.count(), share.percent(),
							Optional.ofNullable(figures.departmentDigests().get(share.key()))
								.map((id) -> archiveLink(id).toString())
								.orElse("")))
					.toList(),
				figures.bySentiment(), sections(digest));
	}

	private static SectionsView sections(Digest digest) {
		DigestSections sections = digest.sections();
		if (!sections.present()) {
			return SectionsView.NONE;
		}
		VolumeAndSentiment volume = sections.volume().orElseThrow();
		String chartDescription = "Mentions per day from "
				+ Digest.DAY.format(volume.days().isEmpty() ? digest.period().day() : volume.days().get(0).date())
				+ " to " + Digest.DAY.format(digest.period().last()) + ", negative ones in red";
		String waitingTotal = (sections.waitingTotal() > sections.waiting().size())
				? sections.waitingTotal() + " in all" : "";
		return new SectionsView(true, volume.words(), "cid:" + CHART_ID, chartDescription,
				items(sections.mattersMost()), items(sections.newVoices()), items(sections.risingTerms()),
				items(sections.spikes()), items(sections.waiting()), waitingTotal, sections.handling().orElse(""));
	}

	private static List<ItemView> items(List<Item> items) {
		return items.stream()
			.map((item) -> new ItemView(item.title(), item.text(), item.detail(),
					item.permalink().map(URI::toString).orElse(""), item.search().toString()))
			.toList();
	}

	private static String text(View view) {
		StringBuilder text = new StringBuilder();
		text.append(view.department()).append(" · ").append(view.heading().toLowerCase(Locale.ROOT)).append('\n');
		text.append(view.longDay()).append(" (").append(view.zone()).append(")\n");
		text.append(view.organization()).append("\n\n");
		if (!view.sections().present()) {
			text.append(view.total())
				.append(' ')
				.append(view.totalUnit())
				.append(", ")
				.append(view.change())
				.append('\n');
		}
		sectionsText(text, view.sections());
		if (!view.sources().isEmpty()) {
			text.append("\nBy source\n");
			shares(text, view.sources());
		}
		if (!view.topics().isEmpty()) {
			text.append("\nBy topic\n");
			shares(text, view.topics());
		}
		if (!view.sentiment().isEmpty()) {
			text.append("\nSentiment\n");
			shares(text, view.sentiment());
		}
		if (!view.departments().isEmpty()) {
			text.append("\nBy department\n");
			int width = view.departments().stream().mapToInt((line) -> line.name().length()).max().orElse(0);
			for (DepartmentView line : view.departments()) {
				text.append("  ")
					.append(line.name())
					.append(" ".repeat(width - line.name().length() + 2))
					.append(line.count())
					.append(" (")
					.append(line.percent())
					.append("%)");
				if (!line.digestLink().isEmpty()) {
					text.append("  ").append(line.digestLink());
				}
				text.append('\n');
			}
		}
		// With sections, the mentions that matter most take the place of the top
		// mentions.
		if (!view.sections().present() && !view.mentions().isEmpty()) {
			text.append("\nTop mentions\n");
			int rank = 1;
			for (MentionView mention : view.mentions()) {
				text.append('\n').append(rank++).append(". ").append(mention.text().replace('\n', ' ')).append('\n');
				text.append("   ").append(mention.authorName()).append(" (").append(mention.authorHandle());
				if (!mention.followers().isEmpty()) {
					text.append(", ").append(mention.followers());
				}
				text.append(") on ").append(mention.source()).append(" at ").append(mention.time());
				if (!mention.engagement().isEmpty()) {
					text.append(" · ").append(mention.engagement());
				}
				text.append('\n').append("   ").append(mention.url()).append('\n');
			}
		}
		else if (!view.sections().present() || view.total() == 0) {
			text.append("\nNo mentions for ").append(view.department()).append(' ').append(view.within()).append(".\n");
		}
		text.append("\nSearch these mentions on the dashboard: ").append(view.dashboardLink()).append('\n');
		text.append("This digest in the archive: ").append(view.archiveLink()).append('\n');
		text.append("\n-- \nSent by Grapevine to ").append(view.audience()).append(" in the organization file.\n");
		return text.toString();
	}

	private static void sectionsText(StringBuilder text, SectionsView sections) {
		if (!sections.present()) {
			return;
		}
		text.append(sections.volumeWords()).append('\n');
		itemsText(text, "Mentions that matter most", sections.mattersMost());
		itemsText(text, "New voices", sections.newVoices());
		if (!sections.risingTerms().isEmpty()) {
			text.append("\nRising terms\n");
			for (ItemView term : sections.risingTerms()) {
				text.append("  ").append(term.title()).append(" (").append(term.detail()).append(")  ");
				text.append(term.search()).append('\n');
			}
		}
		itemsText(text, "Spikes", sections.spikes());
		itemsText(text,
				"Waiting for an answer"
						+ (sections.waitingTotal().isEmpty() ? "" : " (" + sections.waitingTotal() + ")"),
				sections.waiting());
		if (!sections.handling().isEmpty()) {
			if (sections.waiting().isEmpty()) {
				text.append("\nWaiting for an answer\n");
			}
			text.append("  Handling: ").append(sections.handling()).append('\n');
		}
	}

	static void itemsText(StringBuilder text, String title, List<ItemView> items) {
		if (items.isEmpty()) {
			return;
		}
		text.append('\n').append(title).append('\n');
		int rank = 1;
		for (ItemView item : items) {
			text.append('\n').append(rank++).append(". ").append(item.title());
			if (!item.detail().isEmpty()) {
				text.append(" · ").append(item.detail());
			}
			text.append('\n');
			if (!item.text().isEmpty()) {
				text.append("   ").append(item.text().replace('\n', ' ')).append('\n');
			}
			if (!item.permalink().isEmpty()) {
				text.append("   Open: ").append(item.permalink()).append('\n');
			}
			text.append("   Search: ").append(item.search()).append('\n');
		}
	}

	private static void shares(StringBuilder text, List<Share> shares) {
		int width = shares.stream().mapToInt((share) -> share.label().length()).max().orElse(0);
		for (Share share : shares) {
			text.append("  ")
				.append(share.label())
				.append(" ".repeat(width - share.label().length() + 2))
				.append(share.count())
				.append(" (")
				.append(share.percent())
				.append("%)\n");
		}
	}

	static String shorten(String text) {
		String stripped = text.strip();
		if (stripped.codePointCount(0, stripped.length()) <= MAX_TEXT_LENGTH) {
			return stripped;
		}
		String cut = stripped.substring(0, stripped.offsetByCodePoints(0, MAX_TEXT_LENGTH));
		int space = cut.lastIndexOf(' ');
		if (space > MAX_TEXT_LENGTH * 3 / 4) {
			cut = cut.substring(0, space);
		}
		return cut.stripTrailing() + "…";
	}

	private static String followers(long count) {
		return NumberFormat.getIntegerInstance(Locale.US).format(count) + ((count == 1) ? " follower" : " followers");
	}

	private static String engagement(TopMention mention) {
		StringBuilder parts = new StringBuilder();
		append(parts, mention.likes(), "like", "likes");
		append(parts, mention.shares(), "share", "shares");
		append(parts, mention.replies(), "reply", "replies");
		return parts.toString();
	}

	private static void append(StringBuilder parts, long count, String one, String many) {
		if (count > 0) {
			parts.append(parts.isEmpty() ? "" : " · ")
				.append(NumberFormat.getIntegerInstance(Locale.US).format(count))
				.append(' ')
				.append((count == 1) ? one : many);
		}
	}

	/**
	 * Everything the email template shows, formatted.
	 *
	 * @param organization the organization's name
	 * @param department the department's name
	 * @param day the day, short
	 * @param longDay the day, in full
	 * @param zone the time zone
	 * @param subject the subject
	 * @param total mentions on the day
	 * @param totalUnit "mention" or "mentions"
	 * @param change the change in words
	 * @param direction up, down or level
	 * @param previous the day before's volume in words
	 * @param sources split by source
	 * @param topics split by topic
	 * @param mentions the top mentions
	 * @param dashboardLink the dashboard search
	 * @param archiveLink the archived digest
	 * @param heading "Daily listening digest" or "Weekly listening digest"
	 * @param when "on Thursday 20 November 2026" or "from Monday ... to Sunday ..."
	 * @param before "the day before" or "the week before"
	 * @param within "on this day" or "in this week"
	 * @param span how the period is counted, for the footer
	 * @param audience who it was sent to, for the footer
	 * @param departments for the organization-wide digest, each department's volume
	 * @param sentiment for the organization-wide digest, the sentiment split
	 */
	public record View(String organization, String department, String day, String longDay, String zone, String subject,
			long total, String totalUnit, String change, String direction, String previous, List<Share> sources,
			List<Share> topics, List<MentionView> mentions, String dashboardLink, String archiveLink, String heading,
			String when, String before, String within, String span, String audience, List<DepartmentView> departments,
			List<Share> sentiment, SectionsView sections) {

	}

	/**
	 * The sections of a digest as the template shows them, in order.
	 *
	 * @param present whether the digest has sections
	 * @param volumeWords volume and sentiment against the period before, in words
	 * @param chartSource the chart's image source ({@code cid:...})
	 * @param chartDescription what the chart shows
	 * @param mattersMost the mentions that matter most
	 * @param newVoices the new voices
	 * @param risingTerms the rising terms
	 * @param spikes the spikes of the period
	 * @param waiting what waits for an answer
	 * @param waitingTotal how many wait in all, when more than shown, or empty
	 * @param handling how answering goes, or empty
	 */
	public record SectionsView(boolean present, String volumeWords, String chartSource, String chartDescription,
			List<ItemView> mattersMost, List<ItemView> newVoices, List<ItemView> risingTerms, List<ItemView> spikes,
			List<ItemView> waiting, String waitingTotal, String handling) {

		static final SectionsView NONE = new SectionsView(false, "", "", "", List.of(), List.of(), List.of(), List.of(),
				List.of(), "", "");

	}

	/**
	 * One item of a section as the template shows it.
	 *
	 * @param title who or what
	 * @param text the mention's text, or empty
	 * @param detail the detail line
	 * @param permalink the mention itself, or empty
	 * @param search the dashboard search around it
	 */
	public record ItemView(String title, String text, String detail, String permalink, String search) {

	}

	/**
	 * One department's line in the organization-wide digest.
	 *
	 * @param name the department's name
	 * @param count its mentions
	 * @param percent its share of the organization's mentions
	 * @param digestLink its own digest of the period in the archive, or empty
	 */
	public record DepartmentView(String name, long count, int percent, String digestLink) {

	}

	/**
	 * One top mention as the template shows it.
	 *
	 * @param text the text, shortened
	 * @param url the link to the mention
	 * @param authorName the author's display name
	 * @param authorHandle the handle with its {@code @}
	 * @param followers the followers in words, or empty
	 * @param source the source's display name
	 * @param time the local time it was published
	 * @param engagement likes, shares and replies in words, or empty
	 */
	public record MentionView(String text, String url, String authorName, String authorHandle, String followers,
			String source, String time, String engagement) {

	}

	private BoardView boardView(Digest digest, BoardFigures figures, String archiveId) {
		List<BoardLineView> voices = figures.shareOfVoice()
			.stream()
			.map((voice) -> new BoardLineView(voice.name(), voice.organization(), voice.line()))
			.toList();
		List<BoardLineView> departments = figures.departments()
			.stream()
			.map((department) -> new BoardLineView(department.name(), false, department.line()))
			.toList();
		List<BoardMentionView> mentions = figures.topMentions()
			.stream()
			.map((mention) -> new BoardMentionView(boardShorten(mention.text()), mention.url().toString(),
					mention.authorName(), "@" + mention.authorHandle(), DigestComposer.sourceName(mention.source()),
					DAY_OF_MONTH.format(mention.publishedAt().atZone(digest.period().zone())), reach(mention)))
			.toList();
		return new BoardView(digest.organization(), digest.period().label(), digest.subject(), figures.total(),
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

	private static String boardText(BoardView view) {
		StringBuilder text = new StringBuilder();
		text.append(view.organization()).append(" · board digest · ").append(view.month()).append("\n\n");
		text.append(view.volume()).append('\n');
		text.append(view.sentiment()).append('\n');
		lines(text, "Share of voice", view.voices());
		lines(text, "By department", view.departments());
		if (!view.mentions().isEmpty()) {
			text.append("\nWidest reach\n");
			int rank = 1;
			for (BoardMentionView mention : view.mentions()) {
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

	private static void lines(StringBuilder text, String heading, List<BoardLineView> lines) {
		if (!lines.isEmpty()) {
			text.append('\n').append(heading).append('\n');
			for (BoardLineView line : lines) {
				text.append("- ").append(line.name()).append(": ").append(line.line()).append('\n');
			}
		}
	}

	private static String boardShorten(String text) {
		return (text.length() <= BOARD_TEXT_LENGTH) ? text : text.substring(0, BOARD_TEXT_LENGTH - 1).strip() + "…";
	}

	/**
	 * What the board's email template shows.
	 */
	record BoardView(String organization, String month, String subject, long total, String volume, String sentiment,
			List<BoardLineView> voices, List<BoardLineView> departments, List<BoardMentionView> mentions,
			String searchLink, String archiveLink, String zone) {
	}

	/**
	 * A voice's or a department's name and what the digest says of it.
	 */
	record BoardLineView(String name, boolean organization, String line) {
	}

	/**
	 * One of the widest-reaching mentions as the board's template shows it.
	 */
	record BoardMentionView(String text, String url, String author, String handle, String source, String day,
			String reach) {
	}

}
