package io.grapevine.digest.alerting;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.grapevine.digest.rendering.AlertEmail;
import io.grapevine.digest.rendering.RenderedDigest;

/**
 * Words an alert for a department: an email (text and HTML), a Slack message (text and
 * blocks) and a Teams adaptive card, each linking to the topic's mentions.
 */
public final class AlertMessage {

	private static final ObjectMapper JSON = new ObjectMapper();

	private AlertMessage() {
	}

	/**
	 * The one-line subject.
	 * @param alert the alert
	 * @param topicName the topic's name
	 * @return the subject
	 */
	public static String subject(Alert alert, String topicName) {
		return switch (alert.kind()) {
			case REACH -> "Alert · " + topicName + " · @" + alert.author().orElse("?") + " (reach "
					+ String.format(Locale.ROOT, "%,.0f", alert.reach().orElse(0.0)) + ") mentioned us";
			case VOLUME, NEGATIVE -> "Alert · " + topicName + " · " + switch (alert.state()) {
				case OPENED -> (alert.kind() == Alert.Kind.VOLUME) ? "mention spike" : "negative spike";
				case UPDATED -> "spike update";
				case OVER -> "spike over";
			} + " · " + alert.count() + " mentions in the last hour";
		};
	}

	/**
	 * The dashboard search for a topic's mentions, which every channel of an alert links
	 * to.
	 * @param dashboardUrl the search dashboard, with or without a trailing slash
	 * @param topicId the topic
	 * @return {@code <dashboard>/?q=topic%3A<id>}
	 */
	public static URI link(URI dashboardUrl, String topicId) {
		String base = dashboardUrl.toString();
		String query = "q=" + URLEncoder.encode("topic:" + topicId, StandardCharsets.UTF_8);
		if (base.contains("?")) {
			return URI.create(base + (base.endsWith("?") || base.endsWith("&") ? "" : "&") + query);
		}
		return URI.create((base.endsWith("/") ? base : base + "/") + "?" + query);
	}

	/**
	 * The body as plain text.
	 * @param alert the alert
	 * @param topicName the topic's name
	 * @param link where to read the mentions
	 * @return the text
	 */
	public static String text(Alert alert, String topicName, URI link) {
		StringBuilder text = new StringBuilder(subject(alert, topicName)).append("\n\n");
		if (alert.kind() == Alert.Kind.REACH) {
			text.append(alert.text().orElse("")).append("\n\n");
		}
		else {
			text.append(String.format(Locale.ROOT,
					"%d mentions in the last hour against %.1f expected at this hour; %.0f%% negative against %.0f%% usually.%n",
					alert.count(), alert.expected(), alert.negativeShare() * 100, alert.baselineNegativeShare() * 100));
			if (alert.state() == Alert.State.OVER) {
				text.append("The storm is over: the last hour is back under the alert thresholds.\n");
			}
		}
		text.append("Alert ").append(alert.id()).append("\n").append(link).append("\n");
		return text.toString();
	}

	/**
	 * The email.
	 * @param alert the alert
	 * @param topicName the topic's name
	 * @param link where to read the mentions
	 * @return the email
	 */
	public static RenderedDigest email(Alert alert, String topicName, URI link) {
		String text = text(alert, topicName, link);
		List<String> lines = new ArrayList<>();
		String title;
		String subtitle;
		if (alert.kind() == Alert.Kind.REACH) {
			title = "Mentioned by @" + alert.author().orElse("?");
			subtitle = "reach " + String.format(Locale.ROOT, "%,.0f", alert.reach().orElse(0.0));
			alert.text().ifPresent(lines::add);
		}
		else {
			title = switch (alert.state()) {
				case OPENED -> (alert.kind() == Alert.Kind.VOLUME) ? "Mention spike" : "Negative spike";
				case UPDATED -> "Spike update";
				case OVER -> "Spike over";
			};
			subtitle = alert.count() + " mentions in the last hour";
			lines.add(String.format(Locale.ROOT,
					"%d mentions in the last hour against %.1f expected at this hour; %.0f%% negative against %.0f%% usually.",
					alert.count(), alert.expected(), alert.negativeShare() * 100, alert.baselineNegativeShare() * 100));
			if (alert.state() == Alert.State.OVER) {
				lines.add("The storm is over: the last hour is back under the alert thresholds.");
			}
		}
		String subject = subject(alert, topicName);
		return new RenderedDigest(subject,
				AlertEmail.html(subject, topicName, title, subtitle, lines, link, "Alert " + alert.id()), text);
	}

	/**
	 * The Slack message.
	 * @param alert the alert
	 * @param topicName the topic's name
	 * @param link where to read the mentions
	 * @return the message
	 */
	public static ObjectNode slack(Alert alert, String topicName, URI link) {
		ObjectNode message = JSON.createObjectNode();
		message.put("text", subject(alert, topicName));
		message.put("unfurl_links", false);
		ArrayNode blocks = message.putArray("blocks");
		blocks.addObject()
			.put("type", "section")
			.putObject("text")
			.put("type", "mrkdwn")
			.put("text", escape(text(alert, topicName, link)));
		ArrayNode buttons = blocks.addObject().put("type", "actions").putArray("elements");
		ObjectNode button = buttons.addObject().put("type", "button").put("url", link.toString());
		button.putObject("text").put("type", "plain_text").put("text", "Open the mentions");
		return message;
	}

	/**
	 * The Teams message.
	 * @param alert the alert
	 * @param topicName the topic's name
	 * @param link where to read the mentions
	 * @return the message
	 */
	public static ObjectNode teams(Alert alert, String topicName, URI link) {
		ObjectNode message = JSON.createObjectNode().put("type", "message");
		ObjectNode attachment = message.putArray("attachments").addObject();
		attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
		ObjectNode card = attachment.putObject("content");
		card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
		card.put("type", "AdaptiveCard");
		card.put("version", "1.4");
		ArrayNode body = card.putArray("body");
		body.addObject()
			.put("type", "TextBlock")
			.put("text", subject(alert, topicName))
			.put("weight", "Bolder")
			.put("wrap", true);
		body.addObject().put("type", "TextBlock").put("text", text(alert, topicName, link)).put("wrap", true);
		card.putArray("actions")
			.addObject()
			.put("type", "Action.OpenUrl")
			.put("title", "Open the mentions")
			.put("url", link.toString());
		return message;
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
