package io.grapevine.ingest.source.bluesky;

import java.util.List;

import io.grapevine.ingest.source.InvalidSourceSettingsException;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceFactory;
import io.grapevine.ingest.source.SourceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Makes the {@code bluesky} instances the organization file declares: post search with an
 * account's app password.
 */
@Component
class BlueskySourceFactory implements SourceFactory {

	static final String TYPE = "bluesky";

	private static final Logger logger = LoggerFactory.getLogger(BlueskySourceFactory.class);

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Source create(SourceSettings settings, SourceContext context) {
		BlueskySearchSettings bound = settings.bind(BlueskySearchSettings.class);
		String appPassword = settings.requireEnvironmentReference("app-password");
		List<String> queries = bound.queries().isEmpty() ? BlueskyQueries.of(context.organization()) : bound.queries();
		if (queries.isEmpty()) {
			throw new InvalidSourceSettingsException(settings.describe("queries")
					+ " is empty and the organization's topics have no keywords to search for; "
					+ "set queries or give the topics keywords");
		}
		logger.info("Source {} searches Bluesky at {} as {} for {}", settings.instanceId(), bound.serviceUrl(),
				bound.identifier(), queries);
		return new BlueskySearchSource(settings.instanceId(), bound, appPassword, queries,
				new BlueskySearchSource.CredentialSettings(settings.describe("identifier"),
						settings.describe("app-password"), settings.describe("queries")),
				context.webClient(), context.clock());
	}

}
