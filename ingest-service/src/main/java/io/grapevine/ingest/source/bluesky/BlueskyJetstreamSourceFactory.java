package io.grapevine.ingest.source.bluesky;

import io.grapevine.ingest.source.InvalidSourceSettingsException;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceFactory;
import io.grapevine.ingest.source.SourceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Makes the {@code bluesky-jetstream} instances the organization file declares: new posts
 * from a Jetstream websocket, kept when they match the organization's topics or its own
 * accounts wrote them.
 */
@Component
class BlueskyJetstreamSourceFactory implements SourceFactory {

	static final String TYPE = "bluesky-jetstream";

	private static final Logger logger = LoggerFactory.getLogger(BlueskyJetstreamSourceFactory.class);

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Source create(SourceSettings settings, SourceContext context) {
		BlueskyJetstreamSettings bound = settings.bind(BlueskyJetstreamSettings.class);
		if (context.organization().listenedTopics().isEmpty()) {
			throw new InvalidSourceSettingsException("sources[" + settings.instanceId()
					+ "]: the organization has no topics, so every post of the firehose would be dropped; "
					+ "give a department topics or disable the instance");
		}
		logger.info(
				"Source {} reads new posts from the Jetstream at {} and keeps those matching {} topics and competitors",
				settings.instanceId(), bound.url(), context.organization().listenedTopics().size());
		return new BlueskyJetstreamSource(settings.instanceId(), bound, context.organization(), context.clock());
	}

}
