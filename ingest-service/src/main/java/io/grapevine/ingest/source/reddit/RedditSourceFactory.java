package io.grapevine.ingest.source.reddit;

import java.util.List;

import io.grapevine.ingest.source.InvalidSourceSettingsException;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceFactory;
import io.grapevine.ingest.source.SourceSettings;
import io.grapevine.listening.organization.Account;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Makes the Reddit instances the organization file declares with {@code type: reddit};
 * each reads the organization's own Reddit accounts too.
 */
@Component
class RedditSourceFactory implements SourceFactory {

	private static final Logger logger = LoggerFactory.getLogger(RedditSourceFactory.class);

	@Override
	public String type() {
		return "reddit";
	}

	@Override
	public Source create(SourceSettings settings, SourceContext context) {
		settings.requireEnvironmentReference("client-id");
		settings.requireEnvironmentReference("client-secret");
		RedditSettings bound = settings.bind(RedditSettings.class);
		RedditQuery query = (bound.query() != null) ? RedditQuery.of(bound.query())
				: RedditQuery.of(context.organization());
		if (query.text().length() > RedditQuery.MAX_LENGTH) {
			throw new InvalidSourceSettingsException(settings.describe("query") + " is " + query.text().length()
					+ " characters long; Reddit's search takes at most " + RedditQuery.MAX_LENGTH);
		}
		if (!query.dropped().isEmpty()) {
			logger.warn(
					"Source {}: {} topic queries or keywords do not fit in Reddit's {}-character query and are not searched: {}",
					settings.instanceId(), query.dropped().size(), RedditQuery.MAX_LENGTH, query.dropped());
		}
		List<String> ownAccounts = context.organization()
			.accounts()
			.own()
			.stream()
			.filter((account) -> RedditListingMapper.SOURCE.equals(account.network()))
			.map(Account::key)
			.toList();
		if (query.text().isBlank() && bound.subreddits().isEmpty() && ownAccounts.isEmpty()) {
			throw new InvalidSourceSettingsException("sources[" + settings.instanceId()
					+ "] has nothing to read: give the organization's topics keywords, or set "
					+ settings.describe("query") + " or " + settings.describe("subreddits"));
		}
		logger.info("Source {} reads Reddit at {} with query '{}', subreddits {} and the organization's accounts {}",
				settings.instanceId(), bound.baseUrl(), query.text(), bound.subreddits(), ownAccounts);
		return new RedditSource(settings.instanceId(), bound, query, ownAccounts, context.webClient(), context.clock());
	}

}
