package io.grapevine.ingest.source.mastodon;

import java.util.ArrayList;
import java.util.List;

import io.grapevine.ingest.source.InvalidSourceSettingsException;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceFactory;
import io.grapevine.ingest.source.SourceSettings;
import io.grapevine.listening.organization.Topic;

/**
 * The {@code mastodon-stream} source type: instances that listen to the hashtag streams
 * of one Mastodon server.
 */
public class MastodonStreamSourceFactory implements SourceFactory {

	/** The type name the organization file uses. */
	public static final String TYPE = "mastodon-stream";

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Source create(SourceSettings settings, SourceContext context) {
		if (settings.raw("access-token").isPresent()) {
			settings.requireEnvironmentReference("access-token");
		}
		MastodonStreamSettings bound = settings.bind(MastodonStreamSettings.class);
		List<String> hashtags = bound.hashtags().isEmpty() ? hashtags(context) : bound.hashtags();
		if (hashtags.isEmpty()) {
			throw new InvalidSourceSettingsException(settings.describe("hashtags") + " is empty and no topic of the "
					+ "organization has a keyword that starts with #; name the hashtags to follow");
		}
		return new MastodonHashtagStreamSource(settings.instanceId(), bound, hashtags,
				settings.describe("access-token"), context.webClient(), context.clock());
	}

	private static List<String> hashtags(SourceContext context) {
		List<String> hashtags = new ArrayList<>();
		for (Topic topic : context.organization().listenedTopics()) {
			for (String keyword : topic.keywords()) {
				String name = keyword.strip().startsWith("#") ? MastodonStreamSettings.hashtagName(keyword) : null;
				if (name != null && hashtags.stream().noneMatch(name::equalsIgnoreCase)) {
					hashtags.add(name);
				}
			}
		}
		return hashtags;
	}

}
