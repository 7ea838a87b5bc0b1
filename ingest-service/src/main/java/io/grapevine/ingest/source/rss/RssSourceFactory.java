package io.grapevine.ingest.source.rss;

import io.grapevine.ingest.source.InvalidSourceSettingsException;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceFactory;
import io.grapevine.ingest.source.SourceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the {@code rss} instances the organization file declares, each reading a list of
 * RSS and Atom feeds.
 */
public class RssSourceFactory implements SourceFactory {

	/** The type name in the organization file. */
	public static final String TYPE = "rss";

	private static final Logger logger = LoggerFactory.getLogger(RssSourceFactory.class);

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Source create(SourceSettings settings, SourceContext context) {
		if (settings.raw("feeds").isEmpty()) {
			throw new InvalidSourceSettingsException(settings.describe("feeds")
					+ " is not set; list the feeds to read, e.g. feeds: [https://news.example/feed.xml]");
		}
		RssSettings bound = settings.bind(RssSettings.class);
		logger.info("Source {} reads {} feeds every {}", settings.instanceId(), bound.feeds().size(),
				bound.pollInterval());
		return new RssSource(settings.instanceId(), bound, context.webClient(), context.clock());
	}

}
