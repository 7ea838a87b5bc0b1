package io.grapevine.ingest.source.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookEndpointTests {

	private static final String SECRET = "s3cret-value";

	private static final Instant NOW = Instant.parse("2026-11-21T22:00:00Z");

	private static final byte[] BODY = "{\"id\": \"1\"}".getBytes(StandardCharsets.UTF_8);

	private final WebhookEndpoint endpoint = new WebhookEndpoint("crm", new WebhookSettings(SECRET,
			Duration.ofMinutes(5), DataSize.ofMegabytes(1), new WebhookSettings.Defaults(null, null, null)));

	@Test
	void acceptsTheSignatureOfTimestampDotBodyWithinTheWindow() {
		String timestamp = String.valueOf(NOW.getEpochSecond() - 299);

		assertThat(refusal(timestamp, "sha256=" + sign(timestamp))).isEmpty();
		assertThat(refusal(timestamp, "SHA256=" + sign(timestamp).toUpperCase())).isEmpty();
	}

	@Test
	void refusesMissingMalformedAndWrongSignatures() {
		String timestamp = String.valueOf(NOW.getEpochSecond());

		assertThat(this.endpoint.refusal(Optional.of(timestamp), Optional.empty(), BODY, NOW)).get()
			.asString()
			.contains("X-Grapevine-Signature header is missing");
		assertThat(this.endpoint.refusal(Optional.empty(), Optional.of("sha256=00"), BODY, NOW)).get()
			.asString()
			.contains("X-Grapevine-Timestamp header is missing");
		assertThat(refusal(timestamp, sign(timestamp))).get().asString().contains("sha256=<hex");
		assertThat(refusal(timestamp, "sha256=xyz")).get().asString().contains("sha256=<hex");
		assertThat(refusal(timestamp, "sha256=" + sign(timestamp).substring(2))).get()
			.asString()
			.contains("does not match");
		assertThat(refusal(String.valueOf(NOW.getEpochSecond() + 1), "sha256=" + sign(timestamp))).get()
			.asString()
			.contains("does not match");
	}

	@Test
	void refusesATimestampOutsideTheReplayWindowOrNotInSeconds() {
		String old = String.valueOf(NOW.getEpochSecond() - 301);
		String millis = String.valueOf(NOW.toEpochMilli());

		assertThat(refusal(old, "sha256=" + sign(old))).get().asString().contains("outside the replay window of 300");
		assertThat(refusal(millis, "sha256=" + sign(millis))).get().asString().contains("replay window");
		assertThat(refusal("soon", "sha256=" + sign("soon"))).get().asString().contains("epoch seconds");
	}

	@Test
	void neverShowsItsSecret() {
		assertThat(this.endpoint.toString()).doesNotContain(SECRET);
		assertThat(new WebhookSettings(SECRET, Duration.ofMinutes(5), DataSize.ofMegabytes(1), null).toString())
			.doesNotContain(SECRET);
	}

	private Optional<String> refusal(String timestamp, String signature) {
		return this.endpoint.refusal(Optional.of(timestamp), Optional.of(signature), BODY, NOW);
	}

	private static String sign(String timestamp) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(mac.doFinal(BODY));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
