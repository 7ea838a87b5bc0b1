package io.grapevine.ingest.source.mastodon;

import java.util.ArrayList;
import java.util.List;

import io.grapevine.ingest.source.InvalidSourceSettingsException;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceFactory;
import io.grapevine.ingest.source.SourceSettings;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Makes the Mastodon instances the organization file declares with
 * {@code type: mastodon}, one per server, following hashtags and, with a token, status
 * searches.
 */
@Component
class MastodonSourceFactory implements SourceFactory {

	private static final Logger logger = LoggerFactory.getLogger(MastodonSourceFactory.class);

	@Override
	public String type() {
		return "mastodon";
	}

	@Override
	public Source create(SourceSettings settings, SourceContext context) {
		if (settings.raw("access-token").isPresent()) {
			settings.requireEnvironmentReference("access-token");
		}
		MastodonSettings bound = settings.bind(MastodonSettings.class);
		List<String> hashtags = bound.hashtags().isEmpty() ? hashtags(settings.instanceId(), context.organization())
				: bound.hashtags();
		if (hashtags.isEmpty() && bound.queries().isEmpty()) {
			throw new InvalidSourceSettingsException("sources[" + settings.instanceId()
					+ "] has no hashtag to follow: give the organization's topics keywords that start with # or set "
					+ settings.describe("hashtags") + " or " + settings.describe("queries"));
		}
		logger.info("Source {} polls the hashtag timelines of {} for {} and searches its statuses for {}",
				settings.instanceId(), bound.baseUrl(), hashtags, bound.queries());
		return new MastodonTagTimelineSource(settings.instanceId(), bound, hashtags, context.webClient(),
				context.clock());
	}

	private static List<String> hashtags(String instanceId, Organization organization) {
		List<String> hashtags = new ArrayList<>();
		for (Topic topic : organization.listenedTopics()) {
			for (String keyword : topic.keywords()) {
				if (!keyword.strip().startsWith("#")) {
					continue;
				}
				String name = MastodonSettings.hashtagName(keyword);
				if (name == null) {
					logger.warn("Source {}: keyword '{}' of topic {} is not a hashtag Mastodon can follow; skipped",
							instanceId, keyword, topic.id());
				}
				else if (hashtags.stream().noneMatch(name::equalsIgnoreCase)) {
					hashtags.add(name);
				}
			}
		}
		return hashtags;
	}

}
