package io.grapevine.ingest.source;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the HTML that sources deliver (Mastodon statuses, Hacker News comments) into
 * plain text: paragraphs become blank lines, line breaks newlines, tags go while the text
 * of links, mentions and hashtags stays, and entities are decoded once.
 */
public final class HtmlText {

	private static final Pattern PARAGRAPH = Pattern.compile("(?i)<p(\\s[^<>]*)?/?>|</p\\s*>");

	private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>");

	private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^<>]*>");

	private static final Pattern ENTITY = Pattern.compile("&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,9}|[a-zA-Z]{2,8});");

	private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t]*\\n(?:[ \\t]*\\n)+");

	private static final Map<String, String> NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'",
			"nbsp", " ", "hellip", "\u2026");

	private HtmlText() {
	}

	/**
	 * The plain text of some HTML.
	 * @param html the HTML, or {@code null}
	 * @return the text, empty for {@code null}
	 */
	public static String plain(String html) {
		if (html == null) {
			return "";
		}
		String text = PARAGRAPH.matcher(html).replaceAll("\n\n");
		text = LINE_BREAK.matcher(text).replaceAll("\n");
		text = TAG.matcher(text).replaceAll("");
		text = decodeEntities(text);
		text = BLANK_LINES.matcher(text).replaceAll("\n\n");
		return text.strip();
	}

	// One pass, so that "&amp;lt;" becomes "&lt;" and not "<".
	private static String decodeEntities(String text) {
		Matcher matcher = ENTITY.matcher(text);
		StringBuilder decoded = new StringBuilder(text.length());
		while (matcher.find()) {
			matcher.appendReplacement(decoded, Matcher.quoteReplacement(entity(matcher.group(1), matcher.group())));
		}
		matcher.appendTail(decoded);
		return decoded.toString();
	}

	private static String entity(String name, String original) {
		if (name.charAt(0) != '#') {
			return NAMED.getOrDefault(name.toLowerCase(Locale.ROOT), original);
		}
		boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
		long codePoint;
		try {
			codePoint = Long.parseLong(name.substring(hex ? 2 : 1), hex ? 16 : 10);
		}
		catch (NumberFormatException ex) {
			return original;
		}
		if (codePoint <= 0 || codePoint > Character.MAX_CODE_POINT
				|| (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
			return original;
		}
		return new String(Character.toChars((int) codePoint));
	}

}
