package io.grapevine.platform;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import java.util.Base64;
import java.util.Properties;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalMailboxTests {

	@Test
	void theMailboxPageListsWhatTheSmtpServerReceivedAndShowsEachMessage() throws Exception {
		try (LocalMailbox mailbox = LocalMailbox.start(freePort(), freePort())) {
			GreenMailUtil.sendTextEmail("ops@harborcity-transit.example", "grapevine@localhost",
					"Operations <daily> digest", "37 mentions yesterday",
					new ServerSetup(mailbox.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

			String index = get(mailbox, "/");
			assertThat(index).contains("Operations &lt;daily&gt; digest")
				.contains("ops@harborcity-transit.example")
				.doesNotContain("<daily>");
			assertThat(get(mailbox, "/messages/0")).contains("37 mentions yesterday");
			assertThat(mailbox.hasMessageFor(java.util.List.of("ops@harborcity-transit.example"))).isTrue();
			assertThat(mailbox.hasMessageFor(java.util.List.of("careers@harborcity-transit.example"))).isFalse();
		}
	}

	@Test
	void aChartSentAsAnInlineCidPartShowsOnTheMessagePage() throws Exception {
		try (LocalMailbox mailbox = LocalMailbox.start(freePort(), freePort())) {
			byte[] png = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3 };
			Session session = Session.getInstance(new Properties());
			MimeMessage message = new MimeMessage(session);
			message.setFrom("grapevine@localhost");
			message.setRecipients(Message.RecipientType.TO, "ops@harborcity-transit.example");
			message.setSubject("Operations · daily listening digest");
			MimeMultipart related = new MimeMultipart("related");
			MimeBodyPart html = new MimeBodyPart();
			html.setContent("<p>Volume</p><img src=\"cid:volume-chart@grapevine\" alt=\"chart\">",
					"text/html; charset=utf-8");
			related.addBodyPart(html);
			MimeBodyPart image = new MimeBodyPart();
			image.setDataHandler(new DataHandler(new ByteArrayDataSource(png, "image/png")));
			image.setContentID("<volume-chart@grapevine>");
			image.setDisposition(Part.INLINE);
			related.addBodyPart(image);
			message.setContent(related);
			message.saveChanges();
			Transport transport = session.getTransport("smtp");
			transport.connect("127.0.0.1", mailbox.smtpPort(), null, null);
			transport.sendMessage(message, message.getAllRecipients());
			transport.close();

			String page = get(mailbox, "/messages/0");

			assertThat(page)
				.contains("<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\"")
				.doesNotContain("cid:");
		}
	}

	@Test
	void anUnknownMessageIsNotFound() throws Exception {
		try (LocalMailbox mailbox = LocalMailbox.start(freePort(), freePort())) {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mailbox.webPort() + "/messages/7"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(404);
		}
	}

	private static String get(LocalMailbox mailbox, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mailbox.webPort() + path)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
