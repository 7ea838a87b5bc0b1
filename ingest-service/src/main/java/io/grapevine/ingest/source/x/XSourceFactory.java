package io.grapevine.ingest.source.x;

import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceFactory;
import io.grapevine.ingest.source.SourceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Makes the X recent-search instances the organization file declares with
 * {@code type: x}.
 */
@Component
class XSourceFactory implements SourceFactory {

	private static final Logger logger = LoggerFactory.getLogger(XSourceFactory.class);

	@Override
	public String type() {
		return "x";
	}

	@Override
	public Source create(SourceSettings settings, SourceContext context) {
		settings.requireEnvironmentReference("bearer-token");
		XSettings bound = settings.bind(XSettings.class);
		XQuery query = (bound.query() != null && !bound.query().isBlank()) ? XQuery.of(bound.query())
				: XQuery.of(context.organization());
		if (!query.dropped().isEmpty()) {
			logger.warn(
					"Source {}: {} topic queries or keywords do not fit in the {}-character query of the X basic tier and are not searched: {}",
					settings.instanceId(), query.dropped().size(), XQuery.MAX_LENGTH, query.dropped());
		}
		logger.info("Source {} searches X at {} with query {}", settings.instanceId(), bound.baseUrl(), query.text());
		return new XRecentSearchSource(settings.instanceId(), bound, query, context.webClient(), context.clock());
	}

}
