package io.grapevine.listening;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 in lower-case hex, for fingerprints, keys and hashes the services write.
 */
public final class Sha256 {

	private Sha256() {
	}

	/**
	 * The SHA-256 of bytes.
	 * @param bytes what to hash
	 * @return 64 lower-case hex digits
	 */
	public static String hex(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/**
	 * The SHA-256 of a text's UTF-8 bytes.
	 * @param text what to hash
	 * @return 64 lower-case hex digits
	 */
	public static String hex(String text) {
		return hex(text.getBytes(StandardCharsets.UTF_8));
	}

}
