package io.grapevine.gateway;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.json.JsonMapper;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * A service behind the gateway that answers every request with what reached it: its name,
 * the path and query, the method, the {@code Authorization}, {@code Cookie} and
 * {@code traceparent} headers.
 */
final class StandInService implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	/** The paths and queries of the requests that reached it. */
	final List<String> seen = new CopyOnWriteArrayList<>();

	private final DisposableServer server;

	StandInService(String name) {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			// As search-service: 64 KB request lines.
			.httpRequestDecoder((decoder) -> decoder.maxInitialLineLength(64 * 1024))
			.handle((request,
					response) -> request.receive().aggregate().asString().defaultIfEmpty("").flatMap((body) -> {
						this.seen.add(request.uri());
						Map<String, String> what = Map.of("service", name, "path", request.uri(), "method",
								request.method().name(), "authorization",
								String.valueOf(request.requestHeaders().get(HttpHeaders.AUTHORIZATION)), "cookie",
								String.valueOf(request.requestHeaders().get(HttpHeaders.COOKIE)), "traceparent",
								String.valueOf(request.requestHeaders().get("traceparent")));
						return Mono.fromCallable(() -> json.writeValueAsString(what));
					})
						.flatMap((answer) -> response.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
							.sendString(Mono.just(answer))
							.then()))
			.bindNow();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
