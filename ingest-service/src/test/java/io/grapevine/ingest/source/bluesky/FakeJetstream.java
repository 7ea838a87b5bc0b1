package io.grapevine.ingest.source.bluesky;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A local stand-in for a Jetstream instance's {@code /subscribe} websocket that answers
 * as the real one does: JSON text frames of {@code commit}, {@code identity} and
 * {@code account} events, commits filtered by {@code wantedCollections} (identity and
 * account events always sent), replay from {@code cursor} (unix microseconds, events at
 * or after it) and live from the newest events without one, HTTP 400 for a cursor that is
 * not a number. It closes after the replay, or holds the connection open like a quiet
 * live stream, and records every connection's query.
 */
final class FakeJetstream implements AutoCloseable {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final DisposableServer server;

	private final List<Event> events = new ArrayList<>();

	private final List<Map<String, List<String>>> connections = new ArrayList<>();

	private long liveFrom = Long.MAX_VALUE;

	private boolean holdOpen;

	private FakeJetstream() {
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::handle).bindNow();
	}

	static FakeJetstream start() {
		return new FakeJetstream();
	}

	URI url() {
		return URI.create("ws://127.0.0.1:" + this.server.port() + "/subscribe");
	}

	/**
	 * Add an event to the stream; events are kept in {@code time_us} order as given.
	 * @param event the event as JSON
	 */
	synchronized void emit(JsonNode event) {
		this.events.add(new Event(event.path("time_us").asLong(), collection(event), event.toString()));
	}

	/**
	 * Add a frame that is not a well-formed event, at a time.
	 * @param timeUs where it sits in the stream
	 * @param raw the frame's text
	 */
	synchronized void emitRaw(long timeUs, String raw) {
		this.events.add(new Event(timeUs, Optional.empty(), raw));
	}

	/**
	 * Make a connection without a cursor start at this time, as if the newer events were
	 * live.
	 * @param timeUs the first live event's time
	 */
	synchronized void liveFrom(long timeUs) {
		this.liveFrom = timeUs;
	}

	/** Keep connections open after the replay, like a quiet live stream. */
	synchronized void holdOpen() {
		this.holdOpen = true;
	}

	synchronized List<Map<String, List<String>>> connections() {
		return List.copyOf(this.connections);
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	static ObjectNode post(long timeUs, String did, String rkey, String text) {
		ObjectNode event = JSON.createObjectNode();
		ObjectNode record = created(event, timeUs, did, "app.bsky.feed.post", rkey, "bafyreig" + rkey);
		record.put("createdAt", java.time.Instant.EPOCH.plusNanos(timeUs * 1000 - 400_000_000L).toString());
		record.putArray("langs").add("en");
		record.put("text", text);
		return event;
	}

	static ObjectNode like(long timeUs, String did) {
		ObjectNode event = JSON.createObjectNode();
		ObjectNode record = created(event, timeUs, did, "app.bsky.feed.like", "3lblike" + timeUs, "bafyreiglike");
		record.put("createdAt", "2026-11-21T22:00:00.000Z");
		record.putObject("subject").put("uri", "at://did:plc:x/app.bsky.feed.post/3lb").put("cid", "bafy");
		return event;
	}

	/**
	 * Fills a commit event creating a record, as Jetstream sends it.
	 * @return the record, to be filled
	 */
	private static ObjectNode created(ObjectNode event, long timeUs, String did, String collection, String rkey,
			String cid) {
		event.put("did", did);
		event.put("time_us", timeUs);
		event.put("kind", "commit");
		ObjectNode commit = event.putObject("commit");
		commit.put("rev", "3lbq" + timeUs);
		commit.put("operation", "create");
		commit.put("collection", collection);
		commit.put("rkey", rkey);
		ObjectNode record = commit.putObject("record");
		record.put("$type", collection);
		commit.put("cid", cid);
		return record;
	}

	/**
	 * A repost created, in the shape Jetstream sends (its README's commit events) of an
	 * {@code app.bsky.feed.repost} record as the AT Protocol's lexicon defines it
	 * ({@code lexicons/app/bsky/feed/repost.json}: a {@code subject} strong reference,
	 * the post's {@code uri} and {@code cid}, and {@code createdAt}), with the
	 * {@code via} reference newer apps add when the repost was of a repost.
	 * @param timeUs the event's time
	 * @param did the reposter
	 * @param rkey the repost record's key
	 * @param subject the AT URI of the post reposted
	 * @return the event
	 */
	static ObjectNode repost(long timeUs, String did, String rkey, String subject) {
		ObjectNode event = JSON.createObjectNode();
		ObjectNode record = created(event, timeUs, did, "app.bsky.feed.repost", rkey, "bafyreig" + rkey);
		record.put("createdAt", java.time.Instant.EPOCH.plusNanos(timeUs * 1000 - 400_000_000L).toString());
		record.putObject("subject").put("cid", "bafyreigsubject" + rkey.length()).put("uri", subject);
		record.putObject("via")
			.put("cid", "bafyreigvia")
			.put("uri", "at://did:plc:xwsaekkdguwxzeks5d2jxzyp/app.bsky.feed.repost/3mb6ajhaprv2a");
		return event;
	}

	static ObjectNode identity(long timeUs, String did) {
		ObjectNode event = JSON.createObjectNode();
		event.put("did", did);
		event.put("time_us", timeUs);
		event.put("kind", "identity");
		event.putObject("identity")
			.put("did", did)
			.put("handle", "rider.bsky.social")
			.put("seq", 1409752997)
			.put("time", "2026-11-21T22:00:00.000Z");
		return event;
	}

	static ObjectNode account(long timeUs, String did) {
		ObjectNode event = JSON.createObjectNode();
		event.put("did", did);
		event.put("time_us", timeUs);
		event.put("kind", "account");
		event.putObject("account")
			.put("active", false)
			.put("did", did)
			.put("seq", 1409753013)
			.put("status", "deactivated")
			.put("time", "2026-11-21T22:00:00.000Z");
		return event;
	}

	static ObjectNode delete(long timeUs, String did, String rkey) {
		ObjectNode event = JSON.createObjectNode();
		event.put("did", did);
		event.put("time_us", timeUs);
		event.put("kind", "commit");
		event.putObject("commit")
			.put("rev", "3lbq" + timeUs)
			.put("operation", "delete")
			.put("collection", "app.bsky.feed.post")
			.put("rkey", rkey);
		return event;
	}

	private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
		Map<String, List<String>> query = decoder.parameters();
		List<String> frames;
		boolean hold;
		synchronized (this) {
			this.connections.add(query);
			if (!"/subscribe".equals(decoder.path())) {
				return response.status(HttpResponseStatus.NOT_FOUND).sendString(Mono.just("404 page not found")).then();
			}
			long from;
			try {
				from = query.containsKey("cursor") ? Long.parseLong(query.get("cursor").get(0)) : this.liveFrom;
			}
			catch (NumberFormatException ex) {
				return response.status(HttpResponseStatus.BAD_REQUEST)
					.sendString(Mono.just("{\"error\":\"invalid cursor\"}"))
					.then();
			}
			List<String> wanted = query.getOrDefault("wantedCollections", List.of());
			frames = this.events.stream()
				.filter((event) -> event.timeUs() >= from)
				.filter((event) -> wanted.isEmpty() || event.collection().isEmpty()
						|| wanted.contains(event.collection().get()))
				.map(Event::raw)
				.toList();
			hold = this.holdOpen;
		}
		return response.sendWebsocket((in, out) -> {
			Mono<Void> replay = out.sendString(Flux.fromIterable(frames)).then();
			return hold ? replay.then(in.receiveCloseStatus().then()) : replay;
		});
	}

	private static Optional<String> collection(JsonNode event) {
		return "commit".equals(event.path("kind").asText())
				? Optional.of(event.path("commit").path("collection").asText()) : Optional.empty();
	}

	private record Event(long timeUs, Optional<String> collection, String raw) {

	}

}
