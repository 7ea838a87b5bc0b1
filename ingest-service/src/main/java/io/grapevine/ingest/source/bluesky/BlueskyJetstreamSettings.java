package io.grapevine.ingest.source.bluesky;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of one {@code bluesky-jetstream} instance, which reads new posts from a
 * Jetstream websocket and keeps those that match the organization's topics.
 *
 * @param url the Jetstream subscribe endpoint (ws or wss)
 * @param maxEvents how many events one fetch reads at most
 * @param readFor how long one fetch reads at most
 * @param rewind how far before the stored {@code time_us} a fetch asks to start; a few
 * seconds when moving between Jetstream instances, whose clocks differ (a post read twice
 * keeps its id)
 * @param pollInterval how long to wait after a fetch that read nothing
 * @param connectTimeout how long connecting may take, on top of the read
 */
record BlueskyJetstreamSettings(@DefaultValue("wss://jetstream2.us-east.bsky.network/subscribe") URI url,
		@DefaultValue("2000") @Min(1) @Max(100000) int maxEvents, @DefaultValue("10s") Duration readFor,
		@DefaultValue("0s") Duration rewind, @DefaultValue("5s") Duration pollInterval,
		@DefaultValue("30s") Duration connectTimeout) {

	BlueskyJetstreamSettings {
		if (url == null || !url.isAbsolute() || url.getHost() == null
				|| !("ws".equals(url.getScheme()) || "wss".equals(url.getScheme()))) {
			throw new IllegalArgumentException("url must be an absolute ws(s) URL such as "
					+ "wss://jetstream2.us-east.bsky.network/subscribe, was '" + url + "'");
		}
		requirePositive(readFor, "read-for");
		requirePositive(pollInterval, "poll-interval");
		requirePositive(connectTimeout, "connect-timeout");
		if (rewind == null || rewind.isNegative()) {
			throw new IllegalArgumentException("rewind must be zero or more, was " + rewind);
		}
	}

	private static void requirePositive(Duration duration, String name) {
		if (duration == null || duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException(name + " must be positive, was " + duration);
		}
	}

}
