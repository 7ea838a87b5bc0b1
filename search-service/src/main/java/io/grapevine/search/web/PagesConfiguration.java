package io.grapevine.search.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The pages people open by name: the dashboard at {@code /} and the executive view at
 * {@code /executive}.
 */
@Configuration(proxyBeanMethods = false)
class PagesConfiguration {

	private static final ClassPathResource EXECUTIVE = new ClassPathResource("static/executive.html");

	@Bean
	RouterFunction<ServerResponse> executivePage() {
		return RouterFunctions.route()
			.GET("/executive", (request) -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(EXECUTIVE))
			.build();
	}

}
