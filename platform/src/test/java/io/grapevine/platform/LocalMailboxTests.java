package io.grapevine.platform;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.icegreen.greenmail.util.GreenMailUtil;
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
