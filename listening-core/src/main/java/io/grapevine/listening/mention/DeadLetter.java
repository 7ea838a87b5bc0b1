package io.grapevine.listening.mention;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A payload that could not become an indexed mention, kept with the reason so nothing is
 * lost.
 *
 * @param source the source instance or service stage that gave up on it (e.g.
 * {@code x:recent-search}, {@code indexer})
 * @param reason what was wrong, for the person who reads the dead-letter topic
 * @param payload the raw payload, unchanged: as text, or in Base64 when its bytes are not
 * UTF-8 text
 * @param occurredAt when it was set aside
 * @param payloadEncoding how the payload is written: {@value #TEXT} or {@value #BASE64}
 */
public record DeadLetter(String source, String reason, String payload, Instant occurredAt, String payloadEncoding) {

	/**
	 * The payload is the text as it came.
	 */
	public static final String TEXT = "text";

	/**
	 * The payload is the Base64 of the bytes as they came.
	 */
	public static final String BASE64 = "base64";

	public DeadLetter {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(reason, "reason");
		payload = (payload != null) ? payload : "";
		occurredAt = (occurredAt != null) ? occurredAt : Instant.now();
		payloadEncoding = (payloadEncoding != null) ? payloadEncoding : TEXT;
		if (!payloadEncoding.equals(TEXT) && !payloadEncoding.equals(BASE64)) {
			throw new IllegalArgumentException(
					"a dead letter's payloadEncoding is 'text' or 'base64', not '" + payloadEncoding + "'");
		}
	}

	/**
	 * A dead letter whose payload is text.
	 * @param source the source or stage
	 * @param reason what was wrong
	 * @param payload the raw payload
	 * @param occurredAt when it was set aside
	 */
	public DeadLetter(String source, String reason, String payload, Instant occurredAt) {
		this(source, reason, payload, occurredAt, TEXT);
	}

	/**
	 * A dead letter set aside now.
	 * @param source the source or stage
	 * @param reason what was wrong
	 * @param payload the raw payload
	 * @return the dead letter
	 */
	public static DeadLetter now(String source, String reason, String payload) {
		return new DeadLetter(source, reason, payload, Instant.now());
	}

	/**
	 * A dead letter that keeps a payload's bytes exactly: as text when they are UTF-8,
	 * else in Base64.
	 * @param source the source or stage
	 * @param reason what was wrong
	 * @param payload the raw bytes
	 * @param occurredAt when it was set aside
	 * @return the dead letter
	 */
	public static DeadLetter ofBytes(String source, String reason, byte[] payload, Instant occurredAt) {
		byte[] bytes = (payload != null) ? payload : new byte[0];
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
			return new DeadLetter(source, reason, text, occurredAt, TEXT);
		}
		catch (CharacterCodingException ex) {
			return new DeadLetter(source, reason, Base64.getEncoder().encodeToString(bytes), occurredAt, BASE64);
		}
	}

	/**
	 * The payload's bytes as they came.
	 * @return the bytes
	 */
	public byte[] payloadBytes() {
		return BASE64.equals(this.payloadEncoding) ? Base64.getDecoder().decode(this.payload)
				: this.payload.getBytes(StandardCharsets.UTF_8);
	}

}
