package io.grapevine.ingest.source;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * Turns the HTML that sources deliver (Mastodon statuses, Hacker News comments, feed
 * entries, YouTube comments) into the text a reader sees, through jsoup's HTML5 parser:
 * paragraphs become blank lines, other blocks and line breaks newlines, table cells are
 * separated by spaces, scripts, styles and comments go, every named and numeric entity is
 * decoded once, and a link whose text is its own address shortened (as Hacker News and
 * many feeds shorten them) keeps its full address.
 */
public final class HtmlText {

	private static final Set<String> PARAGRAPHS = Set.of("p", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
			"ul", "ol", "dl", "table", "figure", "hr");

	private static final Set<String> BLOCKS = Set.of("div", "li", "tr", "dt", "dd", "section", "article", "header",
			"footer", "aside", "nav", "main", "address", "details", "summary", "figcaption", "caption", "tbody",
			"thead", "tfoot", "form", "fieldset", "center");

	private static final Set<String> CELLS = Set.of("td", "th");

	private static final Set<String> HIDDEN = Set.of("script", "style", "noscript", "template", "head", "title",
			"iframe", "object", "svg", "math", "select", "button");

	private static final Pattern SPACES_AT_LINE_ENDS = Pattern.compile("[ \\t]+\\n");

	private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

	private HtmlText() {
	}

	/**
	 * The plain text of some HTML.
	 * @param html the HTML, or {@code null}
	 * @return the text, empty for {@code null}
	 */
	public static String plain(String html) {
		if (html == null || html.isBlank()) {
			return "";
		}
		Element body = Jsoup.parseBodyFragment(html).body();
		Writer writer = new Writer();
		body.filter(writer);
		return writer.text();
	}

	/**
	 * Collects the text of a tree, one node at a time.
	 */
	private static final class Writer implements NodeFilter {

		private final StringBuilder text = new StringBuilder();

		private int preformatted;

		@Override
		public FilterResult head(Node node, int depth) {
			if (node instanceof TextNode textNode) {
				write(textNode);
				return FilterResult.CONTINUE;
			}
			if (!(node instanceof Element element)) {
				// Comments, doctypes and processing instructions are not read.
				return FilterResult.SKIP_ENTIRELY;
			}
			String name = element.normalName();
			if (HIDDEN.contains(name)) {
				return FilterResult.SKIP_ENTIRELY;
			}
			if (name.equals("br")) {
				this.text.append('\n');
				return FilterResult.CONTINUE;
			}
			if (name.equals("a")) {
				Optional<String> address = shortenedAddress(element);
				if (address.isPresent()) {
					space();
					this.text.append(address.get());
					return FilterResult.SKIP_ENTIRELY;
				}
			}
			if (PARAGRAPHS.contains(name)) {
				lines(2);
			}
			else if (BLOCKS.contains(name)) {
				lines(1);
			}
			else if (CELLS.contains(name)) {
				space();
			}
			if (name.equals("pre")) {
				this.preformatted++;
			}
			return FilterResult.CONTINUE;
		}

		@Override
		public FilterResult tail(Node node, int depth) {
			if (node instanceof Element element) {
				String name = element.normalName();
				if (name.equals("pre")) {
					this.preformatted--;
				}
				if (PARAGRAPHS.contains(name)) {
					lines(2);
				}
				else if (BLOCKS.contains(name)) {
					lines(1);
				}
				else if (CELLS.contains(name)) {
					space();
				}
			}
			return FilterResult.CONTINUE;
		}

		private void write(TextNode node) {
			String value = node.getWholeText().replace('\u00A0', ' ');
			if (this.preformatted > 0) {
				this.text.append(value);
				return;
			}
			String collapsed = value.replaceAll("[ \\t\\n\\r\\f]+", " ");
			if (collapsed.startsWith(" ") && (this.text.isEmpty() || endsWithSpace())) {
				collapsed = collapsed.substring(1);
			}
			this.text.append(collapsed);
		}

		private void space() {
			if (!this.text.isEmpty() && !endsWithSpace()) {
				this.text.append(' ');
			}
		}

		private void lines(int count) {
			if (this.text.isEmpty()) {
				return;
			}
			int present = 0;
			for (int i = this.text.length() - 1; i >= 0 && present < count; i--) {
				char c = this.text.charAt(i);
				if (c == '\n') {
					present++;
				}
				else if (c != ' ' && c != '\t') {
					break;
				}
			}
			this.text.append("\n".repeat(count - present));
		}

		private boolean endsWithSpace() {
			return Character.isWhitespace(this.text.charAt(this.text.length() - 1));
		}

		String text() {
			String result = SPACES_AT_LINE_ENDS.matcher(readable(this.text)).replaceAll("\n");
			return BLANK_LINES.matcher(result).replaceAll("\n\n").strip();
		}

	}

	// References to NUL, control characters and lone surrogates decode to characters
	// nothing can show; they are left out.
	private static String readable(CharSequence text) {
		StringBuilder kept = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				kept.append(c).append(text.charAt(++i));
			}
			else if (!Character.isSurrogate(c) && (!Character.isISOControl(c) || c == '\n' || c == '\t')) {
				kept.append(c);
			}
		}
		return kept.toString();
	}

	private static Optional<String> shortenedAddress(Element link) {
		return fullAddress(link.text(), link.attr("href"));
	}

	/**
	 * The full address of a link shown as its own address cut short
	 * ({@code https://example.com/a/very/lo...}, {@code example.com/a/very/long/path}),
	 * which reads better, and matches topics, as the whole address; a link with words of
	 * its own keeps them.
	 * @param shown the text the link shows
	 * @param address the address it leads to
	 * @return the address, when the text is that address shortened
	 */
	public static Optional<String> fullAddress(String shown, String address) {
		String href = (address != null) ? address.strip() : "";
		if (!(href.regionMatches(true, 0, "http://", 0, 7) || href.regionMatches(true, 0, "https://", 0, 8))) {
			return Optional.empty();
		}
		shown = (shown != null) ? shown.replace('\u00A0', ' ').strip() : "";
		if (shown.isEmpty() || shown.contains(" ")) {
			return Optional.empty();
		}
		String stem = shown;
		boolean cut = false;
		for (String ellipsis : new String[] { "...", "\u2026" }) {
			if (stem.endsWith(ellipsis)) {
				stem = stem.substring(0, stem.length() - ellipsis.length());
				cut = true;
			}
		}
		String bare = withoutScheme(href);
		String stemBare = withoutScheme(stem);
		if (stemBare.isEmpty() || !bare.toLowerCase(Locale.ROOT).startsWith(stemBare.toLowerCase(Locale.ROOT))) {
			return Optional.empty();
		}
		if (!cut && bare.length() == stemBare.length()) {
			// The link shows its whole address already, as the source wrote it.
			return Optional.empty();
		}
		try {
			URI.create(href);
			return Optional.of(href);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static String withoutScheme(String address) {
		String bare = address.replaceFirst("(?i)^https?://", "");
		return bare.replaceFirst("(?i)^www\\.", "");
	}

}
