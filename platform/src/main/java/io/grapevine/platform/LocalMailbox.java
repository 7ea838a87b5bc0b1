package io.grapevine.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.BodyPart;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server for the local run and a page that shows what it received, so a
 * newcomer can read the digests the platform sends without a mail client.
 */
public final class LocalMailbox implements AutoCloseable {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm:ss")
		.withZone(ZoneId.systemDefault());

	private final GreenMail greenMail;

	private final HttpServer web;

	private LocalMailbox(GreenMail greenMail, HttpServer web) {
		this.greenMail = greenMail;
		this.web = web;
	}

	/**
	 * Start the SMTP server and the mailbox page on loopback.
	 * @param smtpPort the SMTP port
	 * @param webPort the port of the mailbox page
	 * @return the running mailbox
	 * @throws IOException if a port is taken
	 */
	public static LocalMailbox start(int smtpPort, int webPort) throws IOException {
		GreenMail greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", webPort), 0);
		LocalMailbox mailbox = new LocalMailbox(greenMail, web);
		web.createContext("/", mailbox::handle);
		web.start();
		return mailbox;
	}

	/**
	 * The messages received so far.
	 * @return the messages, oldest first
	 */
	public List<MimeMessage> messages() {
		return List.of(this.greenMail.getReceivedMessages());
	}

	/**
	 * Whether any of these addresses has received a message in this run.
	 * @param addresses email addresses
	 * @return true if one of them has mail
	 */
	public boolean hasMessageFor(List<String> addresses) {
		return addresses.stream()
			.anyMatch((address) -> this.greenMail.getReceivedMessagesForDomain(address).length > 0);
	}

	/**
	 * The SMTP port.
	 * @return the port
	 */
	public int smtpPort() {
		return this.greenMail.getSmtp().getPort();
	}

	/**
	 * The port of the mailbox page.
	 * @return the port
	 */
	public int webPort() {
		return this.web.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			List<MimeMessage> messages = messages();
			if (path.startsWith("/messages/")) {
				int index = parseIndex(path.substring("/messages/".length()));
				if (index < 0 || index >= messages.size()) {
					respond(exchange, 404, "text/plain", "No such message");
					return;
				}
				respond(exchange, 200, "text/html; charset=utf-8", htmlOf(messages.get(index)));
				return;
			}
			respond(exchange, 200, "text/html; charset=utf-8", index(messages));
		}
		catch (MessagingException ex) {
			respond(exchange, 500, "text/plain", "Could not read the message: " + ex.getMessage());
		}
	}

	private static int parseIndex(String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static String index(List<MimeMessage> messages) throws MessagingException {
		StringBuilder rows = new StringBuilder();
		for (int i = messages.size() - 1; i >= 0; i--) {
			MimeMessage message = messages.get(i);
			Date sent = message.getSentDate();
			rows.append("<tr><td>")
				.append((sent != null) ? TIME.format(sent.toInstant()) : "")
				.append("</td><td>")
				.append(escape(String.join(", ", GreenMailUtil.getAddressList(message.getAllRecipients()))))
				.append("</td><td><a href=\"/messages/")
				.append(i)
				.append("\">")
				.append(escape(String.valueOf(message.getSubject())))
				.append("</a></td></tr>\n");
		}
		return """
				<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local mailbox · Grapevine</title>
				<meta http-equiv="refresh" content="15">
				<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem;color:#1d2329}
				table{border-collapse:collapse;width:100%%}td,th{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #dde}
				th{background:#f3f5f8}</style></head><body>
				<h1>Local mailbox</h1><p>Every email the platform sent in this local run (%d). This page refreshes itself.</p>
				<table><thead><tr><th>Received</th><th>To</th><th>Subject</th></tr></thead><tbody>
				%s</tbody></table></body></html>
				"""
			.formatted(messages.size(), rows);
	}

	private static String htmlOf(MimeMessage message) throws MessagingException, IOException {
		Optional<String> html = part(message, "text/html");
		if (html.isPresent()) {
			return withInlineImages(html.get(), message);
		}
		return "<pre>" + escape(part(message, "text/plain").orElseGet(() -> GreenMailUtil.getBody(message))) + "</pre>";
	}

	/**
	 * The HTML with every {@code cid:} image of the message as a {@code data:} URI, as a
	 * mail client shows the parts of a {@code multipart/related} message; a browser
	 * cannot follow {@code cid:}.
	 * @param html the HTML part
	 * @param message the message that carries it and its images
	 * @return the HTML to serve
	 * @throws MessagingException if the message cannot be parsed
	 * @throws IOException if an image cannot be read
	 */
	static String withInlineImages(String html, Part message) throws MessagingException, IOException {
		Map<String, String> images = new LinkedHashMap<>();
		collectImages(message, images);
		String resolved = html;
		for (Map.Entry<String, String> image : images.entrySet()) {
			resolved = resolved.replace("cid:" + image.getKey(), image.getValue());
		}
		return resolved;
	}

	private static void collectImages(Part part, Map<String, String> images) throws MessagingException, IOException {
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				collectImages(multipart.getBodyPart(i), images);
			}
			return;
		}
		String[] contentId = part.getHeader("Content-ID");
		if (part.isMimeType("image/*") && contentId != null && contentId.length > 0) {
			String id = contentId[0].strip().replaceAll("^<|>$", "");
			try (InputStream in = part.getInputStream()) {
				String type = part.getContentType().replaceAll(";.*", "").strip();
				images.put(id, "data:" + type + ";base64," + Base64.getEncoder().encodeToString(in.readAllBytes()));
			}
		}
	}

	/**
	 * The decoded content of the first part of a message with the given type.
	 * @param message the message
	 * @param mimeType e.g. {@code text/plain}
	 * @return the content, if the message has such a part
	 * @throws MessagingException if the message cannot be parsed
	 * @throws IOException if its content cannot be read
	 */
	static Optional<String> part(Part message, String mimeType) throws MessagingException, IOException {
		return Optional.ofNullable(findPart(message, mimeType));
	}

	private static String findPart(Part part, String mimeType) throws MessagingException, IOException {
		if (part.isMimeType(mimeType) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
			return String.valueOf(part.getContent());
		}
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart body = multipart.getBodyPart(i);
				String found = findPart(body, mimeType);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	@Override
	public void close() {
		this.web.stop(0);
		this.greenMail.stop();
	}

}
