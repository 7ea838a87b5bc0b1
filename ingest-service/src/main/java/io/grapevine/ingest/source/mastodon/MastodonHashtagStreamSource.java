package io.grapevine.ingest.source.mastodon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourcePayloads;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Mention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Listens to the hashtag streams of one Mastodon server
 * ({@code GET /api/v1/streaming/hashtag?tag=<name>}, server-sent events), one connection
 * per hashtag, and answers what arrived as a page: each fetch connects, collects
 * {@code update} events until it has {@code max-events} statuses or {@code max-wait} has
 * passed, then disconnects. {@code delete} events and heartbeat comments are skipped.
 *
 * <p>
 * Statuses are mapped as the polling source maps them ({@link MastodonPageMapper}), so a
 * status read by both has one mention id and is indexed once. The stream only carries
 * what is posted while connected: the statuses posted between two fetches, or while the
 * instance was stopped, are not replayed by the server. Run a polling {@code mastodon}
 * instance for the same server and hashtags beside this one: its {@code min_id} cursor
 * covers those gaps. This source keeps no position of its own.
 */
public class MastodonHashtagStreamSource implements Source {

	static final String PATH = "/api/v1/streaming/hashtag";

	private static final Logger logger = LoggerFactory.getLogger(MastodonHashtagStreamSource.class);

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
	};

	private final String instanceId;

	private final MastodonStreamSettings settings;

	private final List<String> hashtags;

	private final String accessTokenSetting;

	private final WebClient client;

	private final MastodonPageMapper mapper;

	private final Clock clock;

	MastodonHashtagStreamSource(String instanceId, MastodonStreamSettings settings, List<String> hashtags,
			String accessTokenSetting, WebClient.Builder builder, Clock clock) {
		if (hashtags.isEmpty()) {
			throw new IllegalArgumentException("a Mastodon stream source needs at least one hashtag");
		}
		this.instanceId = instanceId;
		this.settings = settings;
		this.hashtags = List.copyOf(hashtags);
		this.accessTokenSetting = accessTokenSetting;
		this.clock = clock;
		this.mapper = new MastodonPageMapper(instanceId, settings.baseUrl().getHost().toLowerCase(Locale.ROOT), clock);
		WebClient.Builder configured = builder.clone()
			.baseUrl(settings.streamingBase().toString())
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024));
		if (settings.accessToken() != null) {
			configured.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + settings.accessToken());
		}
		this.client = configured.build();
	}

	@Override
	public String instanceId() {
		return this.instanceId;
	}

	/**
	 * How long to wait after a failed fetch; after a fetch that worked, the next one
	 * connects right away.
	 */
	@Override
	public Duration pollInterval() {
		return this.settings.retryInterval();
	}

	List<String> hashtags() {
		return this.hashtags;
	}

	@Override
	public Mono<Page> fetch(Cursor cursor) {
		return Flux.fromIterable(this.hashtags)
			.flatMap(this::listen)
			.take(this.settings.maxEvents())
			.take(this.settings.maxWait())
			.collectList()
			.map((events) -> page(cursor, events));
	}

	private Flux<Event> listen(String hashtag) {
		return this.client.get()
			.uri((uri) -> uri.path(PATH).queryParam("tag", "{tag}").build(hashtag))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchangeToFlux((response) -> events(hashtag, response));
	}

	private Flux<Event> events(String hashtag, ClientResponse response) {
		boolean eventStream = response.headers()
			.contentType()
			.map(MediaType.TEXT_EVENT_STREAM::isCompatibleWith)
			.orElse(false);
		if (!response.statusCode().is2xxSuccessful() || !eventStream) {
			return response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> (Event) new Event.Refused(hashtag, response.statusCode().value(),
						response.headers().contentType().map(MediaType::toString).orElse("no content type"), body))
				.flux();
		}
		return response.bodyToFlux(EVENT)
			.filter((event) -> "update".equals(event.event()) && event.data() != null)
			.map((event) -> new Event.Update(hashtag, event.data()));
	}

	private Page page(Cursor cursor, List<Event> events) {
		Instant now = this.clock.instant();
		List<Mention> mentions = new ArrayList<>();
		List<DeadLetter> deadLetters = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		for (Event event : events) {
			if (event instanceof Event.Update update) {
				// An update carries one status; the page mapper reads arrays of them.
				MastodonPageMapper.Mapped mapped = this.mapper.map("[" + update.data() + "]", "#" + update.hashtag());
				if (mapped instanceof MastodonPageMapper.Mapped.Statuses statuses) {
					mentions.addAll(statuses.mentions());
					deadLetters.addAll(statuses.deadLetters());
				}
				else {
					deadLetters.add(new DeadLetter(this.instanceId, "update event of the #" + update.hashtag()
							+ " stream is not a status: " + ((MastodonPageMapper.Malformed) mapped).reason(),
							update.data(), now));
				}
			}
			else if (event instanceof Event.Refused refused) {
				String where = PATH + "?tag=" + refused.hashtag();
				if (refused.status() == 401) {
					problems.add("Mastodon at " + this.settings.streamingBase() + " refused " + where
							+ " with HTTP 401 (" + SourcePayloads.abbreviate(refused.body()) + "); "
							+ ((this.settings.accessToken() != null) ? "check " : "set ") + this.accessTokenSetting
							+ " to a valid access token of an application on " + this.settings.baseUrl().getHost());
				}
				else {
					String reason = "Mastodon answered HTTP " + refused.status() + " (" + refused.contentType()
							+ ") to " + where + " instead of an event stream: "
							+ SourcePayloads.abbreviate(refused.body());
					problems.add(reason);
					deadLetters.add(new DeadLetter(this.instanceId, reason, refused.body(), now));
				}
			}
		}
		if (!problems.isEmpty()) {
			String problem = String.join("; ", problems);
			logger.warn("Source {}: {}", this.instanceId, problem);
			return new Page(mentions, deadLetters, cursor, false, Optional.empty(), Optional.of(problem));
		}
		return Page.of(mentions, deadLetters, cursor, true);
	}

	/**
	 * What one hashtag stream delivered.
	 */
	sealed interface Event permits Event.Update, Event.Refused {

		/**
		 * An {@code update} event.
		 *
		 * @param hashtag the stream's hashtag
		 * @param data the status JSON
		 */
		record Update(String hashtag, String data) implements Event {
		}

		/**
		 * An answer that is not an event stream.
		 *
		 * @param hashtag the stream's hashtag
		 * @param status the HTTP status
		 * @param contentType the answer's content type
		 * @param body the answer's body
		 */
		record Refused(String hashtag, int status, String contentType, String body) implements Event {
		}

	}

}
