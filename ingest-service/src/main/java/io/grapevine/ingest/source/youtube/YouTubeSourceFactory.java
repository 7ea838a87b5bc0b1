package io.grapevine.ingest.source.youtube;

import java.util.Optional;

import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceFactory;
import io.grapevine.ingest.source.SourceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Makes the YouTube comments instances the organization file declares with
 * {@code type: youtube}.
 */
@Component
class YouTubeSourceFactory implements SourceFactory {

	private static final Logger logger = LoggerFactory.getLogger(YouTubeSourceFactory.class);

	@Override
	public String type() {
		return "youtube";
	}

	@Override
	public Source create(SourceSettings settings, SourceContext context) {
		settings.requireEnvironmentReference("api-key");
		YouTubeSettings bound = settings.bind(YouTubeSettings.class);
		Optional<String> searchTerms = (bound.searchTerms() != null) ? Optional.of(bound.searchTerms())
				: bound.topicSearchTerms() ? YouTubeSearchTerms.of(context.organization()) : Optional.empty();
		logger.info("Source {} reads YouTube comments at {} for channels {} and videos {}, {}", settings.instanceId(),
				bound.baseUrl(), bound.channelIds(), bound.videoIds(),
				searchTerms.map((terms) -> "search terms " + terms).orElse("every comment thread"));
		return new YouTubeCommentsSource(settings.instanceId(), bound, searchTerms, context.webClient(),
				context.clock());
	}

}
