package io.grapevine.digest.delivery.slack;

import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.digest.composition.BoardDigest;
import io.grapevine.digest.composition.BoardFigures;
import io.grapevine.digest.composition.DigestComposer;
import io.grapevine.digest.composition.TopMention;

/**
 * The board's monthly digest as a Slack incoming-webhook message in Block Kit: the
 * month's volume and sentiment against the month before, the share of voice, each
 * department's month, the widest-reaching mentions with links, and buttons to the
 * archived digest and the dashboard search.
 */
public final class SlackBoardMessage {

	private static final ObjectMapper JSON = new ObjectMapper();

	private SlackBoardMessage() {
	}

	/**
	 * Build the message.
	 * @param digest the digest
	 * @param archiveLink the archived digest's page
	 * @param searchLink the dashboard search for the month
	 * @return the JSON body to post
	 */
	public static ObjectNode of(BoardDigest digest, URI archiveLink, URI searchLink) {
		BoardFigures figures = digest.figures();
		ObjectNode message = JSON.createObjectNode();
		message.put("text", digest.subject());
		message.put("unfurl_links", false);
		ArrayNode blocks = message.putArray("blocks");
		blocks.addObject()
			.put("type", "header")
			.putObject("text")
			.put("type", "plain_text")
			.put("text", cut("Board digest · " + digest.period().label(), SlackDigestMessage.HEADER_LIMIT))
			.put("emoji", false);
		section(blocks, cut(SlackDigestMessage.escape(figures.volume()) + "\n"
				+ SlackDigestMessage.escape(figures.sentimentSentence()), SlackDigestMessage.SECTION_LIMIT));
		if (!figures.shareOfVoice().isEmpty()) {
			StringBuilder voices = new StringBuilder("*Share of voice*");
			for (BoardFigures.Voice voice : figures.shareOfVoice()) {
				voices.append("\n• ")
					.append(voice.organization() ? "*" + SlackDigestMessage.escape(voice.name()) + "*"
							: SlackDigestMessage.escape(voice.name()))
					.append(": ")
					.append(SlackDigestMessage.escape(voice.line()));
			}
			section(blocks, cut(voices.toString(), SlackDigestMessage.SECTION_LIMIT));
		}
		if (!figures.departments().isEmpty()) {
			StringBuilder departments = new StringBuilder("*By department*");
			for (BoardFigures.DepartmentMonth department : figures.departments()) {
				departments.append("\n• ")
					.append(SlackDigestMessage.escape(department.name()))
					.append(": ")
					.append(SlackDigestMessage.escape(department.line()));
			}
			section(blocks, cut(departments.toString(), SlackDigestMessage.SECTION_LIMIT));
		}
		if (!figures.topMentions().isEmpty()) {
			blocks.addObject().put("type", "divider");
			section(blocks, "*Widest reach*");
			for (TopMention mention : figures.topMentions()) {
				section(blocks, cut("<%s|%s> @%s on %s\n>%s".formatted(mention.url(),
						SlackDigestMessage.escape(mention.authorName()),
						SlackDigestMessage.escape(mention.authorHandle()), DigestComposer.sourceName(mention.source()),
						SlackDigestMessage.escape(cut(mention.text().strip(), SlackDigestMessage.MENTION_LIMIT))
							.replace("\n", "\n>")),
						SlackDigestMessage.SECTION_LIMIT));
			}
		}
		ArrayNode buttons = blocks.addObject().put("type", "actions").putArray("elements");
		button(buttons, "Open the digest", archiveLink).put("style", "primary");
		button(buttons, "Search these mentions", searchLink);
		blocks.addObject()
			.put("type", "context")
			.putArray("elements")
			.addObject()
			.put("type", "mrkdwn")
			.put("text", SlackDigestMessage.escape(digest.organization()) + " · " + digest.period().zone().getId());
		return message;
	}

	private static void section(ArrayNode blocks, String mrkdwn) {
		blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
	}

	private static ObjectNode button(ArrayNode elements, String label, URI url) {
		ObjectNode button = elements.addObject().put("type", "button").put("url", url.toString());
		button.putObject("text").put("type", "plain_text").put("text", label);
		return button;
	}

	private static String cut(String text, int limit) {
		if (text.length() <= limit) {
			return text;
		}
		int end = limit - 1;
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end) + "…";
	}

}
