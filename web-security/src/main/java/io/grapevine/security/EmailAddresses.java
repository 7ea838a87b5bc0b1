package io.grapevine.security;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tells a usable email address from anything else: one address, {@code local@domain},
 * without a display name, as browsers check {@code <input type="email">}.
 */
final class EmailAddresses {

	private static final Pattern ADDRESS = Pattern
		.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
				+ "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

	/**
	 * The longest address SMTP carries (RFC 5321, a path of 256 octets less the
	 * brackets).
	 */
	private static final int MAX_LENGTH = 254;

	private EmailAddresses() {
	}

	/**
	 * Whether a value is one email address.
	 * @param value the value, already stripped
	 * @return true for an address such as {@code amy@example.org}
	 */
	static boolean isAddress(String value) {
		return value != null && value.length() <= MAX_LENGTH && ADDRESS.matcher(value).matches();
	}

	/**
	 * A claim's value as an email address.
	 * @param claim the claim's value, possibly absent
	 * @return the address, or empty when the claim holds none
	 */
	static Optional<String> of(Object claim) {
		return Optional.ofNullable(claim).map(Object::toString).map(String::strip).filter(EmailAddresses::isAddress);
	}

}
