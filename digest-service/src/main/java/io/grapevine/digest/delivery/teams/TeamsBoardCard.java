package io.grapevine.digest.delivery.teams;

import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.digest.composition.BoardDigest;
import io.grapevine.digest.composition.BoardFigures;
import io.grapevine.digest.composition.DigestComposer;
import io.grapevine.digest.composition.TopMention;

/**
 * The board's monthly digest as a Microsoft Teams workflow-webhook message carrying one
 * Adaptive Card (version 1.4): volume and sentiment against the month before, the share
 * of voice and each department's month as fact sets, the widest-reaching mentions, and
 * actions to the archived digest and the dashboard search.
 */
public final class TeamsBoardCard {

	private static final ObjectMapper JSON = new ObjectMapper();

	private TeamsBoardCard() {
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
		ObjectNode message = JSON.createObjectNode().put("type", "message");
		ObjectNode attachment = message.putArray("attachments").addObject();
		attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
		attachment.putNull("contentUrl");
		ObjectNode card = attachment.putObject("content");
		card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
		card.put("type", "AdaptiveCard");
		card.put("version", "1.4");
		card.putObject("msteams").put("width", "Full");
		ArrayNode body = card.putArray("body");
		text(body, "Board digest · " + digest.period().label()).put("size", "Large").put("weight", "Bolder");
		text(body, TeamsDigestCard.plain(figures.volume() + " " + figures.sentimentSentence())).put("spacing", "Small");
		if (!figures.shareOfVoice().isEmpty()) {
			text(body, "Share of voice").put("weight", "Bolder").put("spacing", "Medium");
			ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
			for (BoardFigures.Voice voice : figures.shareOfVoice()) {
				facts.addObject()
					.put("title", TeamsDigestCard.plain(voice.name()))
					.put("value", TeamsDigestCard.plain(voice.line()));
			}
		}
		if (!figures.departments().isEmpty()) {
			text(body, "By department").put("weight", "Bolder").put("spacing", "Medium");
			ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
			for (BoardFigures.DepartmentMonth department : figures.departments()) {
				facts.addObject()
					.put("title", TeamsDigestCard.plain(department.name()))
					.put("value", TeamsDigestCard.plain(department.line()));
			}
		}
		if (!figures.topMentions().isEmpty()) {
			text(body, "Widest reach").put("weight", "Bolder").put("separator", true).put("spacing", "Medium");
			for (TopMention mention : figures.topMentions()) {
				ObjectNode container = body.addObject().put("type", "Container").put("separator", true);
				container.putObject("selectAction").put("type", "Action.OpenUrl").put("url", mention.url().toString());
				ArrayNode items = container.putArray("items");
				text(items, "%s (@%s) on %s".formatted(TeamsDigestCard.plain(mention.authorName()),
						TeamsDigestCard.plain(mention.authorHandle()), DigestComposer.sourceName(mention.source())))
					.put("weight", "Bolder")
					.put("size", "Small");
				String said = mention.text().strip();
				text(items, TeamsDigestCard.plain((said.length() > TeamsDigestCard.MENTION_LIMIT)
						? said.substring(0, TeamsDigestCard.MENTION_LIMIT - 1) + "…" : said));
			}
		}
		ArrayNode actions = card.putArray("actions");
		open(actions, "Open the digest", archiveLink);
		open(actions, "Search these mentions", searchLink);
		return message;
	}

	private static ObjectNode text(ArrayNode container, String text) {
		return container.addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
	}

	private static void open(ArrayNode actions, String title, URI url) {
		actions.addObject().put("type", "Action.OpenUrl").put("title", title).put("url", url.toString());
	}

}
