package io.grapevine.gateway;

/**
 * A setting of the gateway that would route requests nowhere useful; the message names
 * the setting and what to put there.
 */
public class InvalidGatewaySettingsException extends RuntimeException {

	InvalidGatewaySettingsException(String message) {
		super(message);
	}

}
