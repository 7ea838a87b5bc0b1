package io.grapevine.ingest.source.hackernews;

import io.grapevine.ingest.source.InvalidSourceSettingsException;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceFactory;
import io.grapevine.ingest.source.SourceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Makes the Hacker News instances the organization file declares with
 * {@code type: hackernews}.
 */
@Component
class HackerNewsSourceFactory implements SourceFactory {

	private static final Logger logger = LoggerFactory.getLogger(HackerNewsSourceFactory.class);

	@Override
	public String type() {
		return "hackernews";
	}

	@Override
	public Source create(SourceSettings settings, SourceContext context) {
		HackerNewsSettings bound = settings.bind(HackerNewsSettings.class);
		HackerNewsQuery query = (bound.query() != null && !bound.query().isBlank()) ? HackerNewsQuery.of(bound.query())
				: HackerNewsQuery.of(context.organization());
		if (query.text().isBlank()) {
			throw new InvalidSourceSettingsException("sources[" + settings.instanceId()
					+ "] has nothing to search for: give the organization's topics keywords or set "
					+ settings.describe("query"));
		}
		if (!query.dropped().isEmpty()) {
			logger.warn(
					"Source {}: {} keywords do not fit in the {}-character query of HN Search and are not searched: {}",
					settings.instanceId(), query.dropped().size(), HackerNewsQuery.MAX_LENGTH, query.dropped());
		}
		logger.info("Source {} searches Hacker News at {} with query {}", settings.instanceId(), bound.baseUrl(),
				query.text());
		return new HackerNewsSearchSource(settings.instanceId(), bound, query, context.webClient(), context.clock());
	}

}
