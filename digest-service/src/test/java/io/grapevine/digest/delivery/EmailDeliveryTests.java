package io.grapevine.digest.delivery;

import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.grapevine.digest.IntegrationTestSupport;
import io.grapevine.digest.rendering.RenderedDigest;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

class EmailDeliveryTests {

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(IntegrationTestSupport.smtpSetup());

	@Test
	void everyTryOfOneDigestToTheSamePeopleCarriesOneMessageId() throws Exception {
		EmailDelivery delivery = delivery();
		RenderedDigest digest = new RenderedDigest("Customer care: 41 mentions yesterday", "<p>41 mentions</p>",
				"41 mentions", List.of());
		// The second try, as after a connection dropped once the server had taken it.
		delivery.deliver(List.of("care@harborcity-transit.example"), digest).block();
		delivery.deliver(List.of("care@harborcity-transit.example"), digest).block();
		delivery
			.deliver(List.of("care@harborcity-transit.example"),
					new RenderedDigest("Customer care: 12 mentions today", "<p>12</p>", "12", List.of()))
			.block();

		MimeMessage[] received = smtp.getReceivedMessages();
		assertThat(received).hasSize(3);
		assertThat(received[0].getMessageID()).matches("<[0-9a-f]{40}\\.digest@harborcity-transit\\.example>")
			.isEqualTo(received[1].getMessageID())
			.isNotEqualTo(received[2].getMessageID());
	}

	private static EmailDelivery delivery() throws Exception {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(smtp.getSmtp().getPort());
		return new EmailDelivery(sender, new InternetAddress("Grapevine <grapevine@harborcity-transit.example>"),
				"127.0.0.1:" + smtp.getSmtp().getPort());
	}

}
