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
		HackerNewsQueries queries = (bound.query() != null && !bound.query().isBlank())
				? HackerNewsQueries.of(bound.query()) : HackerNewsQueries.of(context.organization());
		if (queries.queries().isEmpty()) {
			throw new InvalidSourceSettingsException("sources[" + settings.instanceId()
					+ "] has nothing to search for: give the organization's topics keywords or a query HN Search "
					+ "can match, or set " + settings.describe("query"));
		}
		if (!queries.dropped().isEmpty()) {
			logger.warn(
					"Source {}: {} keywords do not fit in the {}-character query of HN Search and are not searched: {}",
					settings.instanceId(), queries.dropped().size(), HackerNewsQuery.MAX_LENGTH, queries.dropped());
		}
		logger.info("Source {} searches Hacker News at {} with queries {}", settings.instanceId(), bound.baseUrl(),
				queries.texts());
		return new HackerNewsSearchSource(settings.instanceId(), bound, queries.queries(), context.webClient(),
				context.clock());
	}

}
