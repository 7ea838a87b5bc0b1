package io.grapevine.ingest.source.webhook;

import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceFactory;
import io.grapevine.ingest.source.SourceSettings;

/**
 * The {@code webhook} source type: pushed, not pulled, so no loop runs for its instances;
 * they are served by {@code POST /api/ingest/{name}}.
 */
public class WebhookSourceFactory implements SourceFactory {

	@Override
	public String type() {
		return WebhookEndpoint.SOURCE;
	}

	@Override
	public boolean pulls() {
		return false;
	}

	/**
	 * Check an instance's settings without creating anything to pull.
	 * @param settings the instance's settings
	 * @throws io.grapevine.ingest.source.InvalidSourceSettingsException if a setting is
	 * missing or wrong, naming it
	 */
	public void validate(SourceSettings settings) {
		WebhookEndpoints.endpoint(settings);
	}

	@Override
	public Source create(SourceSettings settings, SourceContext context) {
		throw new UnsupportedOperationException("webhook instance " + settings.instanceId()
				+ " is pushed to at POST /api/ingest/" + settings.name() + "; there is nothing to pull");
	}

}
