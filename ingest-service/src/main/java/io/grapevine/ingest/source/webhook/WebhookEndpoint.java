package io.grapevine.ingest.source.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One declared, enabled webhook instance: checks that a request was signed with its
 * secret within its replay window, and maps what it was sent.
 */
public final class WebhookEndpoint {

	/** The source of the mentions a webhook publishes. */
	public static final String SOURCE = "webhook";

	private static final String ALGORITHM = "HmacSHA256";

	private static final String PREFIX = "sha256=";

	private final String name;

	private final SecretKeySpec key;

	private final Duration replayWindow;

	private final int maxBodyBytes;

	private final WebhookPayloadMapper mapper;

	/**
	 * An endpoint for one instance.
	 * @param name the instance name, the last segment of its path
	 * @param settings its bound settings
	 */
	public WebhookEndpoint(String name, WebhookSettings settings) {
		this.name = name;
		this.key = new SecretKeySpec(settings.secret().getBytes(StandardCharsets.UTF_8), ALGORITHM);
		this.replayWindow = settings.replayWindow();
		this.maxBodyBytes = (int) settings.maxBodySize().toBytes();
		this.mapper = new WebhookPayloadMapper(name, settings.defaults());
	}

	/**
	 * The instance name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The instance id, also the key of its dead letters.
	 * @return {@code webhook:<name>}
	 */
	public String instanceId() {
		return SOURCE + ":" + this.name;
	}

	/**
	 * The largest body this instance accepts.
	 * @return the limit in bytes
	 */
	public int maxBodyBytes() {
		return this.maxBodyBytes;
	}

	/**
	 * Check a request's signature and timestamp.
	 * @param timestamp the {@code X-Grapevine-Timestamp} header (epoch seconds), if sent
	 * @param signature the {@code X-Grapevine-Signature} header ({@code sha256=<hex>}),
	 * if sent
	 * @param body the raw body
	 * @param now the current time
	 * @return why the request is refused, or empty when it is authentic and fresh
	 */
	public Optional<String> refusal(Optional<String> timestamp, Optional<String> signature, byte[] body, Instant now) {
		if (timestamp.isEmpty() || timestamp.get().isBlank()) {
			return Optional.of("the X-Grapevine-Timestamp header is missing");
		}
		if (signature.isEmpty() || signature.get().isBlank()) {
			return Optional.of("the X-Grapevine-Signature header is missing");
		}
		String sent = signature.get().strip();
		if (!sent.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			return Optional.of("the X-Grapevine-Signature header must be sha256=<hex of HMAC-SHA256>");
		}
		byte[] given;
		try {
			given = HexFormat.of().parseHex(sent.substring(PREFIX.length()));
		}
		catch (IllegalArgumentException ex) {
			return Optional.of("the X-Grapevine-Signature header must be sha256=<hex of HMAC-SHA256>");
		}
		byte[] expected = sign(timestamp.get().strip(), body);
		if (!MessageDigest.isEqual(expected, given)) {
			return Optional.of("the signature does not match: sign the X-Grapevine-Timestamp value, a '.' and the raw "
					+ "body with HMAC-SHA256 and the webhook's secret");
		}
		long seconds;
		try {
			seconds = Long.parseLong(timestamp.get().strip());
		}
		catch (NumberFormatException ex) {
			return Optional.of("the X-Grapevine-Timestamp header must be epoch seconds");
		}
		long skew = Math.abs(now.getEpochSecond() - seconds);
		if (skew > this.replayWindow.toSeconds()) {
			return Optional.of("the request's X-Grapevine-Timestamp is " + skew
					+ " seconds away from now, outside the replay window of " + this.replayWindow.toSeconds()
					+ " seconds; sign each request when it is sent");
		}
		return Optional.empty();
	}

	/**
	 * Map a body whose signature was checked.
	 * @param body the raw body
	 * @param now the time it was received
	 * @return the mentions, or why the body cannot be used
	 */
	public WebhookPayloadMapper.Mapped map(byte[] body, Instant now) {
		return this.mapper.map(body, now);
	}

	private byte[] sign(String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) '.');
			return mac.doFinal(body);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", ex);
		}
	}

	@Override
	public String toString() {
		return "WebhookEndpoint[" + instanceId() + "]";
	}

}
