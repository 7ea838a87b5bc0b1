package io.grapevine.security;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import reactor.netty.NettyPipeline;

import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;

/**
 * Turns the bare answers the server gives before a request reaches the application (a
 * request line over the server's limit: 414; headers too large: 431; a URL that cannot be
 * read, such as bad percent-encoding: 400) into problem details (RFC 9457) that say what
 * is wrong.
 */
final class BareErrorProblems extends ChannelDuplexHandler {

	private static final Map<Integer, String[]> PROBLEMS = Map.of(400,
			new String[] { "Bad request",
					"The request's URL or headers cannot be read: a '%' must be followed by two hex digits "
							+ "(write a literal % as %25), and a URL holds no spaces or control characters" },
			414,
			new String[] { "URI too long",
					"The request line is longer than this server reads; send a shorter query (the query "
							+ "language allows 4,096 characters)" },
			431, new String[] { "Request headers too large",
					"The request's headers are larger than this server reads; send fewer or smaller cookies" });

	private String instance = "";

	/**
	 * The customizer that puts this handler on every HTTP/1.1 connection of the server.
	 * @return the customizer
	 */
	static NettyServerCustomizer customizer() {
		return (server) -> server.doOnChannelInit((observer, channel, address) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline()
					.addAfter(NettyPipeline.HttpCodec, BareErrorProblems.class.getName(), new BareErrorProblems());
			}
		});
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
			String uri = request.uri();
			int query = uri.indexOf('?');
			this.instance = (query >= 0) ? uri.substring(0, query) : uri;
		}
		super.channelRead(ctx, msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
		if (msg instanceof FullHttpResponse response && isBare(response)) {
			String[] problem = PROBLEMS.get(response.status().code());
			String body = "{\"type\":\"about:blank\",\"title\":\"" + problem[0] + "\",\"status\":"
					+ response.status().code() + ",\"detail\":\"" + problem[1] + "\""
					+ (isPlainPath(this.instance) ? ",\"instance\":\"" + this.instance + "\"" : "") + "}";
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			FullHttpResponse answer = new DefaultFullHttpResponse(response.protocolVersion(), response.status(),
					Unpooled.wrappedBuffer(bytes));
			answer.headers().set(response.headers());
			answer.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
			answer.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
			response.release();
			super.write(ctx, answer, promise);
			return;
		}
		super.write(ctx, msg, promise);
	}

	private static boolean isBare(FullHttpResponse response) {
		return PROBLEMS.containsKey(response.status().code()) && response.content().readableBytes() == 0
				&& !response.headers().contains(HttpHeaderNames.CONTENT_TYPE);
	}

	// Only a path that needs no escaping in JSON is named; one the server could not read
	// is not.
	private static boolean isPlainPath(String path) {
		return !path.isEmpty() && path.length() <= 200
				&& path.chars().allMatch((c) -> c > 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%');
	}

}
