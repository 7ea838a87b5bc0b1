package io.grapevine.digest.delivery.teams;

import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.digest.composition.BoardFigures;
import io.grapevine.digest.composition.Digest;
import io.grapevine.digest.composition.DigestComposer;
import io.grapevine.digest.composition.DigestFigures;
import io.grapevine.digest.composition.Share;
import io.grapevine.digest.composition.TopMention;
import io.grapevine.digest.composition.sections.DigestSections;
import io.grapevine.digest.composition.sections.Item;
import io.grapevine.digest.composition.sections.VolumeAndSentiment;

/**
 * Any digest as a Microsoft Teams workflow-webhook message carrying one Adaptive Card
 * (version 1.4): the period's volume and its change, the split by source and topic as
 * fact sets, the sections or the top mentions (each opens the mention), for the board its
 * month in sentences, the share of voice and each department's month, and actions to the
 * archived digest and the dashboard search.
 */
public final class TeamsDigestCard {

	/** Mention texts are cut here so a digest reads in two minutes. */
	static final int MENTION_LIMIT = 400;

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.US);

	private TeamsDigestCard() {
	}

	/**
	 * Build the message.
	 * @param digest the digest
	 * @param archiveLink the archived digest's page
	 * @param searchLink the dashboard search for the digest's day
	 * @return the JSON body to post
	 */
	public static ObjectNode of(Digest digest, URI archiveLink, URI searchLink) {
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
		String heading = digest.board().isPresent() ? "Board digest · " + digest.period().label()
				: digest.audience().name() + " · " + digest.period().rhythm().word() + " listening digest";
		text(body, heading).put("size", "Large").put("weight", "Bolder");
		digest.board()
			.ifPresentOrElse((board) -> board(body, board), () -> figuresAndSections(body, digest, archiveLink));
		ArrayNode actions = card.putArray("actions");
		open(actions, "Open the digest", archiveLink);
		open(actions, "Search these mentions", searchLink);
		return message;
	}

	private static void figuresAndSections(ArrayNode body, Digest digest, URI archiveLink) {
		DigestFigures figures = digest.figures();
		text(body,
				"%s on %s, %s.".formatted(Digest.mentions(figures.total()), digest.period().label(), figures.change()))
			.put("spacing", "Small");
		facts(body, "By source", figures.bySource());
		facts(body, "By topic", figures.byTopic());
		DigestSections sections = digest.sections();
		if (sections.present()) {
			sections(body, sections, archiveLink);
		}
		else if (!figures.topMentions().isEmpty()) {
			text(body, "Top mentions").put("weight", "Bolder").put("separator", true).put("spacing", "Medium");
			for (TopMention mention : figures.topMentions()) {
				mention(body, mention, digest);
			}
		}
	}

	// The board's month: volume and sentiment in sentences, the share of voice, each
	// department's month and the widest reach.
	private static void board(ArrayNode body, BoardFigures figures) {
		text(body, plain(figures.volume() + " " + figures.sentimentSentence())).put("spacing", "Small");
		if (!figures.shareOfVoice().isEmpty()) {
			text(body, "Share of voice").put("weight", "Bolder").put("spacing", "Medium");
			ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
			for (BoardFigures.Voice voice : figures.shareOfVoice()) {
				facts.addObject().put("title", plain(voice.name())).put("value", plain(voice.line()));
			}
		}
		if (!figures.departments().isEmpty()) {
			text(body, "By department").put("weight", "Bolder").put("spacing", "Medium");
			ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
			for (BoardFigures.DepartmentMonth department : figures.departments()) {
				facts.addObject().put("title", plain(department.name())).put("value", plain(department.line()));
			}
		}
		if (!figures.topMentions().isEmpty()) {
			text(body, "Widest reach").put("weight", "Bolder").put("separator", true).put("spacing", "Medium");
			for (TopMention mention : figures.topMentions()) {
				ObjectNode container = body.addObject().put("type", "Container").put("separator", true);
				container.putObject("selectAction").put("type", "Action.OpenUrl").put("url", mention.url().toString());
				ArrayNode items = container.putArray("items");
				text(items,
						"%s (@%s) on %s".formatted(plain(mention.authorName()), plain(mention.authorHandle()),
								DigestComposer.sourceName(mention.source())))
					.put("weight", "Bolder")
					.put("size", "Small");
				String said = mention.text().strip();
				text(items, plain((said.length() > MENTION_LIMIT) ? said.substring(0, MENTION_LIMIT - 1) + "…" : said));
			}
		}
	}

	private static void sections(ArrayNode body, DigestSections sections, URI archiveLink) {
		text(body, plain(sections.volume().map(VolumeAndSentiment::words).orElse("")) + " · [See the chart]("
				+ archiveLink + ")")
			.put("spacing", "Small");
		items(body, "Mentions that matter most", sections.mattersMost());
		items(body, "New voices", sections.newVoices());
		if (!sections.risingTerms().isEmpty()) {
			text(body, "Rising terms").put("weight", "Bolder").put("separator", true).put("spacing", "Medium");
			text(body, String.join(" · ", sections.risingTerms()
				.stream()
				.map((term) -> "[" + plain(term.title()) + "](" + term.search() + ") (" + plain(term.detail()) + ")")
				.toList()));
		}
		items(body, "Spikes", sections.spikes());
		if (!sections.waiting().isEmpty() || sections.handling().isPresent()) {
			String total = (sections.waitingTotal() > sections.waiting().size())
					? " (" + sections.waitingTotal() + " in all)" : "";
			text(body, "Waiting for an answer" + total).put("weight", "Bolder")
				.put("separator", true)
				.put("spacing", "Medium");
			sections.handling().ifPresent((line) -> text(body, "Handling: " + plain(line)).put("spacing", "Small"));
			sections.waiting().forEach((item) -> item(body, item));
		}
	}

	private static void items(ArrayNode body, String title, List<Item> items) {
		if (items.isEmpty()) {
			return;
		}
		text(body, title).put("weight", "Bolder").put("separator", true).put("spacing", "Medium");
		items.forEach((item) -> item(body, item));
	}

	private static void item(ArrayNode body, Item item) {
		ObjectNode container = body.addObject().put("type", "Container").put("separator", true);
		item.permalink()
			.ifPresent((link) -> container.putObject("selectAction")
				.put("type", "Action.OpenUrl")
				.put("url", link.toString()));
		ArrayNode items = container.putArray("items");
		text(items, plain(item.title()) + (item.detail().isEmpty() ? "" : " · " + plain(item.detail())))
			.put("weight", "Bolder")
			.put("size", "Small");
		if (!item.text().isEmpty()) {
			text(items, plain(cut(item.text().strip(), MENTION_LIMIT)));
		}
		text(items, "[Search around it](" + item.search() + ")").put("size", "Small").put("spacing", "None");
	}

	private static void mention(ArrayNode body, TopMention mention, Digest digest) {
		ObjectNode container = body.addObject().put("type", "Container").put("separator", true);
		container.putObject("selectAction").put("type", "Action.OpenUrl").put("url", mention.url().toString());
		ArrayNode items = container.putArray("items");
		String followers = mention.followers().map((count) -> " · %,d followers".formatted(count)).orElse("");
		text(items,
				"%s (@%s) on %s at %s%s".formatted(plain(mention.authorName()), plain(mention.authorHandle()),
						DigestComposer.sourceName(mention.source()),
						TIME.format(mention.publishedAt().atZone(digest.period().zone())), followers))
			.put("weight", "Bolder")
			.put("size", "Small");
		text(items, plain(cut(mention.text().strip(), MENTION_LIMIT)));
		text(items, "%d likes · %d shares · %d replies".formatted(mention.likes(), mention.shares(), mention.replies()))
			.put("isSubtle", true)
			.put("size", "Small")
			.put("spacing", "None");
	}

	private static void facts(ArrayNode body, String title, java.util.List<Share> shares) {
		if (shares.isEmpty()) {
			return;
		}
		text(body, title).put("weight", "Bolder").put("spacing", "Medium");
		ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
		for (Share share : shares) {
			facts.addObject()
				.put("title", plain(share.label()))
				.put("value", share.count() + " (" + share.percent() + "%)");
		}
	}

	private static ObjectNode text(ArrayNode container, String text) {
		return container.addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
	}

	private static void open(ArrayNode actions, String title, URI url) {
		actions.addObject().put("type", "Action.OpenUrl").put("title", title).put("url", url.toString());
	}

	/**
	 * Neutralise the Markdown that Adaptive Card text blocks interpret, so text the
	 * public wrote shows as written and cannot forge a link.
	 * @param text the text
	 * @return the text with Markdown control characters escaped
	 */
	static String plain(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 8);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ("\\*_[]`~".indexOf(c) >= 0) {
				escaped.append('\\');
			}
			escaped.append(c);
		}
		return escaped.toString();
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
