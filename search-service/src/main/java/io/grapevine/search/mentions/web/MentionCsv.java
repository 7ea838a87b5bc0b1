package io.grapevine.search.mentions.web;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.grapevine.listening.mention.Mention;
import io.grapevine.search.handling.Handling;
import io.grapevine.search.mentions.FoundMention;

/**
 * Writes mentions as CSV rows (RFC 4180: fields with a comma, a double quote or a line
 * break are quoted, quotes doubled, rows end with CRLF) that spreadsheets open safely:
 * the file starts with a UTF-8 byte order mark so they read it as UTF-8, and a text cell
 * that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return
 * gets a leading apostrophe, so that a spreadsheet shows what someone wrote instead of
 * running it as a formula.
 */
final class MentionCsv {

	/** The header row's column names, in order. */
	static final List<String> COLUMNS = List.of("id", "source", "url", "publishedAt", "authorHandle", "authorName",
			"followers", "language", "sentiment", "sentimentScore", "reach", "likes", "shares", "replies", "topics",
			"departments", "competitors", "owned", "ownedBy", "handlingState", "handlingDepartments", "assignee",
			"answeredBy", "answeredAt", "answerUrl", "text");

	private static final String LIST_SEPARATOR = "; ";

	private static final byte[] BYTE_ORDER_MARK = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private MentionCsv() {
	}

	/**
	 * The start of the file: the byte order mark and the header row.
	 * @return the bytes
	 */
	static byte[] header() {
		byte[] row = (String.join(",", COLUMNS) + "\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] header = new byte[BYTE_ORDER_MARK.length + row.length];
		System.arraycopy(BYTE_ORDER_MARK, 0, header, 0, BYTE_ORDER_MARK.length);
		System.arraycopy(row, 0, header, BYTE_ORDER_MARK.length, row.length);
		return header;
	}

	/**
	 * Append the row of a mention.
	 * @param found the mention with its handling
	 * @param row where to write it, CRLF included
	 */
	static void row(FoundMention found, StringBuilder row) {
		Mention mention = found.mention();
		Optional<Handling> handling = found.handling();
		text(row, mention.id()).append(',');
		text(row, mention.source()).append(',');
		text(row, mention.url().toString()).append(',');
		row.append(mention.publishedAt()).append(',');
		text(row, mention.author().handle()).append(',');
		text(row, mention.author().displayName()).append(',');
		mention.author().followers().ifPresent(row::append);
		row.append(',');
		text(row, mention.language()).append(',');
		mention.sentiment().ifPresent((sentiment) -> row.append(sentiment.label().label()));
		row.append(',');
		mention.sentiment().ifPresent((sentiment) -> number(row, sentiment.score()));
		row.append(',');
		mention.reach().ifPresent((reach) -> number(row, reach));
		row.append(',');
		row.append(mention.engagement().likes()).append(',');
		row.append(mention.engagement().shares()).append(',');
		row.append(mention.engagement().replies()).append(',');
		text(row, String.join(LIST_SEPARATOR, mention.topics())).append(',');
		text(row, String.join(LIST_SEPARATOR, mention.departments())).append(',');
		text(row, String.join(LIST_SEPARATOR, mention.competitors())).append(',');
		row.append(mention.owned()).append(',');
		text(row, mention.ownedBy()).append(',');
		text(row, handling.map((value) -> value.state().value())).append(',');
		text(row, handling.map((value) -> String.join(LIST_SEPARATOR, value.departments()))).append(',');
		text(row, handling.flatMap(Handling::assignee)).append(',');
		text(row, handling.flatMap(Handling::answeredBy)).append(',');
		handling.flatMap(Handling::answeredAt).map(Instant::toString).ifPresent(row::append);
		row.append(',');
		text(row, handling.flatMap(Handling::answerUrl).map(URI::toString)).append(',');
		text(row, mention.text()).append("\r\n");
	}

	private static StringBuilder text(StringBuilder row, Optional<String> value) {
		value.ifPresent((text) -> text(row, text));
		return row;
	}

	/**
	 * Append a text cell, neutralised and quoted as needed.
	 * @param row the row
	 * @param value the text
	 * @return the row
	 */
	static StringBuilder text(StringBuilder row, String value) {
		boolean formula = !value.isEmpty() && startsFormula(value.charAt(0));
		boolean quoted = needsQuotes(value);
		if (quoted) {
			row.append('"');
		}
		if (formula) {
			row.append('\'');
		}
		if (quoted) {
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c == '"') {
					row.append('"');
				}
				row.append(c);
			}
			row.append('"');
		}
		else {
			row.append(value);
		}
		return row;
	}

	private static boolean startsFormula(char first) {
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
	}

	private static boolean needsQuotes(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == ',' || c == '"' || c == '\n' || c == '\r') {
				return true;
			}
		}
		return false;
	}

	private static void number(StringBuilder row, double value) {
		// Plain digits: spreadsheets read 0.0001 where Java would write 1.0E-4.
		row.append(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
	}

}
