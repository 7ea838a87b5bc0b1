package io.grapevine.digest.delivery;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;

import io.grapevine.listening.Sha256;
import io.grapevine.digest.rendering.RenderedDigest;

/**
 * Sends a rendered digest as one multipart/alternative email (plain text, then HTML) to a
 * department's members.
 */
public class EmailDelivery {

	private static final Logger logger = LoggerFactory.getLogger(EmailDelivery.class);

	private final JavaMailSender mailSender;

	private final InternetAddress from;

	private final String server;

	/**
	 * Create a delivery.
	 * @param mailSender the SMTP sender
	 * @param from the sender address, e.g. {@code Grapevine <grapevine@localhost>}
	 * @param server where the SMTP server is, for messages
	 */
	public EmailDelivery(JavaMailSender mailSender, InternetAddress from, String server) {
		this.mailSender = mailSender;
		this.from = from;
		this.server = server;
	}

	/**
	 * Send a digest; the blocking SMTP conversation runs on the bounded elastic
	 * scheduler.
	 * @param recipients the addresses to send to (at least one)
	 * @param digest the rendered digest
	 * @return completes when the SMTP server accepted the message; fails with
	 * {@link DeliveryFailedException}
	 */
	public Mono<Void> deliver(List<String> recipients, RenderedDigest digest) {
		return Mono.fromRunnable(() -> send(recipients, digest)).subscribeOn(Schedulers.boundedElastic()).then();
	}

	private void send(List<String> recipients, RenderedDigest digest) {
		try {
			MimeMessage message = this.mailSender.createMimeMessage();
			message.setFrom(this.from);
			for (String recipient : recipients) {
				message.addRecipient(MimeMessage.RecipientType.TO, new InternetAddress(recipient, true));
			}
			message.setSubject(digest.subject(), StandardCharsets.UTF_8.name());
			MimeBodyPart text = new MimeBodyPart();
			text.setText(digest.text(), StandardCharsets.UTF_8.name(), "plain");
			MimeBodyPart html = new MimeBodyPart();
			html.setText(digest.html(), StandardCharsets.UTF_8.name(), "html");
			// Clients show the last part they can render, so the HTML comes after the
			// text.
			MimeMultipart alternative = new MimeMultipart("alternative");
			alternative.addBodyPart(text);
			alternative.addBodyPart(digest.images().isEmpty() ? html : related(html, digest.images()));
			message.setContent(alternative);
			// One Message-ID for every try of one digest to the same people: when the
			// connection drops after the server took it, the try again is the same
			// message,
			// which mail systems keep once. Spring's sender keeps an ID set here.
			message.setHeader("Message-ID", messageId(recipients, digest));
			this.mailSender.send(message);
			logger.info("Emailed '{}' to {} recipient(s) through {}", digest.subject(), recipients.size(), this.server);
		}
		catch (MailException | MessagingException ex) {
			throw new DeliveryFailedException("the SMTP server at " + this.server + " did not take the digest '"
					+ digest.subject() + "': " + reason(ex) + "; check spring.mail.host and spring.mail.port", ex);
		}
	}

	// The HTML and the images it shows by cid: travel together, so no client fetches
	// anything remote.
	private static MimeBodyPart related(MimeBodyPart html, List<RenderedDigest.InlineImage> images)
			throws MessagingException {
		MimeMultipart related = new MimeMultipart("related");
		related.addBodyPart(html);
		for (RenderedDigest.InlineImage image : images) {
			MimeBodyPart part = new MimeBodyPart();
			part.setDataHandler(new DataHandler(new ByteArrayDataSource(image.bytes(), image.contentType())));
			part.setContentID("<" + image.contentId() + ">");
			part.setDisposition(Part.INLINE);
			part.setFileName(image.contentId().replaceAll("@.*", "") + ".png");
			part.setDescription(image.description(), StandardCharsets.UTF_8.name());
			related.addBodyPart(part);
		}
		MimeBodyPart wrapper = new MimeBodyPart();
		wrapper.setContent(related);
		return wrapper;
	}

	private String messageId(List<String> recipients, RenderedDigest digest) {
		// Each part ends with a zero byte, so no two different digests read the same.
		String parts = String.join(",", recipients) + "\0" + digest.subject() + "\0" + digest.text() + "\0";
		String address = this.from.getAddress();
		String domain = address.substring(address.indexOf('@') + 1);
		return "<" + Sha256.hex(parts).substring(0, 40) + ".digest@" + (domain.isBlank() ? "grapevine" : domain) + ">";
	}

	private static String reason(Exception ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

}
