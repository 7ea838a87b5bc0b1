package io.grapevine.security;

/**
 * A sign-in setting that cannot work; the message names the setting and what to put
 * there.
 */
public class InvalidSecuritySettingsException extends IllegalStateException {

	/**
	 * Create the exception.
	 * @param message what is wrong, naming the setting
	 */
	public InvalidSecuritySettingsException(String message) {
		super(message);
	}

}
