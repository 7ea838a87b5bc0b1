package io.grapevine.ingest.source.xv1;

import java.util.List;
import java.util.Optional;

import io.grapevine.ingest.source.InvalidSourceSettingsException;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceFactory;
import io.grapevine.ingest.source.SourceSettings;
import io.grapevine.ingest.source.x.XStandardSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the {@code x-v1} instances the organization file declares: X API v1.1 searches
 * and user timelines read through Twitter4J with OAuth 1.0a user credentials taken from
 * the environment.
 */
public class XV1SourceFactory implements SourceFactory {

	/** The type name in the organization file. */
	public static final String TYPE = "x-v1";

	private static final Logger logger = LoggerFactory.getLogger(XV1SourceFactory.class);

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Source create(SourceSettings settings, SourceContext context) {
		XV1Source.Credentials credentials = new XV1Source.Credentials(
				settings.requireEnvironmentReference("consumer-key"),
				settings.requireEnvironmentReference("consumer-secret"),
				settings.requireEnvironmentReference("access-token"),
				settings.requireEnvironmentReference("access-token-secret"), settings.instanceId());
		XV1Settings bound = settings.bind(XV1Settings.class);
		if (bound.searches().isEmpty() && bound.topicSearches()) {
			Optional<String> query = XStandardSearch.of(context.organization());
			if (query.isPresent()) {
				bound = bound.withSearches(List.of(query.get()));
				List<String> dropped = XStandardSearch.dropped(context.organization());
				if (!dropped.isEmpty()) {
					logger.warn(
							"Source {}: {} topic terms do not fit in the {} characters of a standard search "
									+ "and are not searched: {}",
							settings.instanceId(), dropped.size(), XStandardSearch.MAX_LENGTH, dropped);
				}
			}
			else if (bound.timelines().isEmpty()) {
				throw new InvalidSourceSettingsException(settings.describe("searches")
						+ " is not set and no topic of the organization gives X anything to search for; "
						+ "set searches or timelines");
			}
		}
		logger.info("Source {} reads X v1.1 at {}: searches {}, timelines {}", settings.instanceId(), bound.baseUrl(),
				bound.searches(), bound.timelines());
		return new XV1Source(settings.instanceId(), bound, credentials, context.clock());
	}

}
