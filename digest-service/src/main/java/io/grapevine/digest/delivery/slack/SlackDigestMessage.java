package io.grapevine.digest.delivery.slack;

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
 * Any digest as a Slack incoming-webhook message in Block Kit: the period's volume and
 * its change, the split by source and topic and the sections with links (for the board,
 * its month in sentences, the share of voice and each department's month), and buttons to
 * the archived digest and the dashboard search; {@code text} is the notification
 * fallback.
 */
public final class SlackDigestMessage {

	/** Slack truncates header text beyond this. */
	static final int HEADER_LIMIT = 150;

	/** Slack refuses section text beyond this. */
	static final int SECTION_LIMIT = 3000;

	/** Mention texts are cut here so a digest reads in two minutes. */
	static final int MENTION_LIMIT = 400;

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.US);

	private SlackDigestMessage() {
	}

	/**
	 * Build the message.
	 * @param digest the digest
	 * @param archiveLink the archived digest's page
	 * @param searchLink the dashboard search for the digest's day
	 * @return the JSON body to post
	 */
	public static ObjectNode of(Digest digest, URI archiveLink, URI searchLink) {
		ObjectNode message = JSON.createObjectNode();
		message.put("text", digest.subject());
		message.put("unfurl_links", false);
		ArrayNode blocks = message.putArray("blocks");
		String heading = digest.board().isPresent() ? "Board digest · " + digest.period().label()
				: digest.audience().name() + " · " + digest.period().rhythm().word() + " listening digest";
		blocks.addObject()
			.put("type", "header")
			.putObject("text")
			.put("type", "plain_text")
			.put("text", cut(heading, HEADER_LIMIT))
			.put("emoji", false);
		digest.board()
			.ifPresentOrElse((board) -> board(blocks, board), () -> figuresAndSections(blocks, digest, archiveLink));
		ArrayNode buttons = blocks.addObject().put("type", "actions").putArray("elements");
		button(buttons, "Open the digest", archiveLink).put("style", "primary");
		button(buttons, "Search these mentions", searchLink);
		blocks.addObject()
			.put("type", "context")
			.putArray("elements")
			.addObject()
			.put("type", "mrkdwn")
			.put("text", escape(digest.organization()) + " · " + digest.period().zone().getId());
		return message;
	}

	private static void figuresAndSections(ArrayNode blocks, Digest digest, URI archiveLink) {
		DigestFigures figures = digest.figures();
		section(blocks, "*%s* on %s, %s.".formatted(Digest.mentions(figures.total()), digest.period().label(),
				escape(figures.change())));
		if (!figures.bySource().isEmpty() || !figures.byTopic().isEmpty()) {
			ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
			if (!figures.bySource().isEmpty()) {
				fields.addObject().put("type", "mrkdwn").put("text", shares("By source", figures));
			}
			if (!figures.byTopic().isEmpty()) {
				fields.addObject().put("type", "mrkdwn").put("text", topicShares(figures));
			}
		}
		DigestSections sections = digest.sections();
		if (sections.present()) {
			sections(blocks, sections, archiveLink);
		}
		else if (!figures.topMentions().isEmpty()) {
			blocks.addObject().put("type", "divider");
			section(blocks, "*Top mentions*");
			for (TopMention mention : figures.topMentions()) {
				section(blocks, mention(mention, digest));
			}
		}
	}

	// The board's month: volume and sentiment in sentences, the share of voice, each
	// department's month and the widest reach.
	private static void board(ArrayNode blocks, BoardFigures figures) {
		section(blocks, cut(escape(figures.volume()) + "\n" + escape(figures.sentimentSentence()), SECTION_LIMIT));
		if (!figures.shareOfVoice().isEmpty()) {
			StringBuilder voices = new StringBuilder("*Share of voice*");
			for (BoardFigures.Voice voice : figures.shareOfVoice()) {
				voices.append("\n• ")
					.append(voice.organization() ? "*" + escape(voice.name()) + "*" : escape(voice.name()))
					.append(": ")
					.append(escape(voice.line()));
			}
			section(blocks, cut(voices.toString(), SECTION_LIMIT));
		}
		if (!figures.departments().isEmpty()) {
			StringBuilder departments = new StringBuilder("*By department*");
			for (BoardFigures.DepartmentMonth department : figures.departments()) {
				departments.append("\n• ")
					.append(escape(department.name()))
					.append(": ")
					.append(escape(department.line()));
			}
			section(blocks, cut(departments.toString(), SECTION_LIMIT));
		}
		if (!figures.topMentions().isEmpty()) {
			blocks.addObject().put("type", "divider");
			section(blocks, "*Widest reach*");
			for (TopMention mention : figures.topMentions()) {
				section(blocks,
						cut("<%s|%s> @%s on %s\n>%s".formatted(mention.url(), escape(mention.authorName()),
								escape(mention.authorHandle()), DigestComposer.sourceName(mention.source()),
								escape(cut(mention.text().strip(), MENTION_LIMIT)).replace("\n", "\n>")),
								SECTION_LIMIT));
			}
		}
	}

	private static void sections(ArrayNode blocks, DigestSections sections, URI archiveLink) {
		String volume = sections.volume().map(VolumeAndSentiment::words).orElse("");
		section(blocks, escape(volume) + " · <" + archiveLink + "|See the chart>");
		items(blocks, "Mentions that matter most", sections.mattersMost());
		items(blocks, "New voices", sections.newVoices());
		if (!sections.risingTerms().isEmpty()) {
			StringBuilder terms = new StringBuilder("*Rising terms*\n");
			for (Item term : sections.risingTerms()) {
				terms.append("<")
					.append(term.search())
					.append('|')
					.append(escape(term.title()))
					.append("> (")
					.append(escape(term.detail()))
					.append(")  ");
			}
			section(blocks, cut(terms.toString().strip(), SECTION_LIMIT));
		}
		items(blocks, "Spikes", sections.spikes());
		if (!sections.waiting().isEmpty() || sections.handling().isPresent()) {
			String total = (sections.waitingTotal() > sections.waiting().size())
					? " (" + sections.waitingTotal() + " in all)" : "";
			String handling = sections.handling().map((line) -> "\nHandling: " + escape(line)).orElse("");
			blocks.addObject().put("type", "divider");
			section(blocks, "*Waiting for an answer*" + total + handling);
			sections.waiting().forEach((item) -> section(blocks, item(item)));
		}
	}

	private static void items(ArrayNode blocks, String title, List<Item> items) {
		if (items.isEmpty()) {
			return;
		}
		blocks.addObject().put("type", "divider");
		section(blocks, "*" + title + "*");
		items.forEach((item) -> section(blocks, item(item)));
	}

	private static String item(Item item) {
		StringBuilder text = new StringBuilder("*");
		text.append(item.permalink()
			.map((link) -> "<" + link + "|" + escape(item.title()) + ">")
			.orElse(escape(item.title()))).append('*');
		if (!item.detail().isEmpty()) {
			text.append(" ").append(escape(item.detail()));
		}
		if (!item.text().isEmpty()) {
			text.append("\n>").append(escape(cut(item.text().strip(), MENTION_LIMIT)).replace("\n", "\n>"));
		}
		text.append("\n<").append(item.search()).append("|Search around it>");
		return cut(text.toString(), SECTION_LIMIT);
	}

	private static String mention(TopMention mention, Digest digest) {
		String who = "<%s|%s> @%s".formatted(mention.url(), escape(mention.authorName()),
				escape(mention.authorHandle()));
		String followers = mention.followers().map((count) -> ", %,d followers".formatted(count)).orElse("");
		String where = " on %s at %s%s".formatted(DigestComposer.sourceName(mention.source()),
				TIME.format(mention.publishedAt().atZone(digest.period().zone())), followers);
		String quoted = escape(cut(mention.text().strip(), MENTION_LIMIT)).replace("\n", "\n>");
		String engagement = "%d likes · %d shares · %d replies".formatted(mention.likes(), mention.shares(),
				mention.replies());
		return cut(who + where + "\n>" + quoted + "\n" + engagement, SECTION_LIMIT);
	}

	private static String shares(String title, DigestFigures figures) {
		StringBuilder text = new StringBuilder("*").append(title).append('*');
		for (Share share : figures.bySource()) {
			text.append('\n')
				.append(escape(share.label()))
				.append(": ")
				.append(share.count())
				.append(" (")
				.append(share.percent())
				.append("%)");
		}
		return cut(text.toString(), 2000);
	}

	private static String topicShares(DigestFigures figures) {
		StringBuilder text = new StringBuilder("*By topic*");
		for (Share share : figures.byTopic()) {
			text.append('\n')
				.append(escape(share.label()))
				.append(": ")
				.append(share.count())
				.append(" (")
				.append(share.percent())
				.append("%)");
		}
		return cut(text.toString(), 2000);
	}

	private static void section(ArrayNode blocks, String mrkdwn) {
		blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
	}

	private static ObjectNode button(ArrayNode elements, String label, URI url) {
		ObjectNode button = elements.addObject().put("type", "button").put("url", url.toString());
		button.putObject("text").put("type", "plain_text").put("text", label);
		return button;
	}

	/**
	 * Escape text for Slack's mrkdwn, where {@code &}, {@code <} and {@code >} are
	 * control characters (links, mentions); text the public wrote must never ping a
	 * channel or forge a link.
	 * @param text the text
	 * @return the escaped text
	 */
	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
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
