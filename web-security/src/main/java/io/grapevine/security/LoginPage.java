package io.grapevine.security;

import java.util.Optional;

import org.springframework.http.MediaType;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;

import reactor.core.publisher.Mono;

/**
 * The sign-in page: a form for local users and a link to the organization's OpenID
 * Connect provider, whichever are set up.
 */
final class LoginPage {

	private final boolean form;

	private final Optional<String> providerPath;

	LoginPage(boolean form, Optional<String> providerPath) {
		this.form = form;
		this.providerPath = providerPath;
	}

	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route().GET("/login", this::page).build();
	}

	private Mono<ServerResponse> page(ServerRequest request) {
		Mono<CsrfToken> token = request.exchange().getAttribute(CsrfToken.class.getName());
		return ((token != null) ? token.map(Optional::of) : Mono.just(Optional.<CsrfToken>empty()))
			.defaultIfEmpty(Optional.empty())
			.flatMap((csrf) -> ServerResponse.ok()
				.contentType(MediaType.TEXT_HTML)
				.header("Cache-Control", "no-store")
				.bodyValue(html(request, csrf)));
	}

	private String html(ServerRequest request, Optional<CsrfToken> csrf) {
		StringBuilder page = new StringBuilder(
				"""
						<!DOCTYPE html>
						<html lang="en">
						<head>
						<meta charset="utf-8">
						<meta name="viewport" content="width=device-width, initial-scale=1">
						<title>Sign in · Grapevine</title>
						<style>
						body { font-family: system-ui, sans-serif; background: #f4f5f7; color: #1d2433; margin: 0; }
						main { max-width: 22rem; margin: 10vh auto; background: #fff; padding: 2rem; border-radius: 8px;
						  box-shadow: 0 1px 4px rgba(0,0,0,.12); }
						h1 { font-size: 1.4rem; margin-top: 0; }
						label { display: block; margin: 1rem 0 .3rem; font-weight: 600; }
						input { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; }
						button, a.provider { display: block; width: 100%; box-sizing: border-box; margin-top: 1.5rem; padding: .6rem;
						  font-size: 1rem; background: #2b5fd9; color: #fff; border: 0; border-radius: 4px; text-align: center;
						  text-decoration: none; cursor: pointer; }
						p.note { padding: .6rem; border-radius: 4px; }
						p.error { background: #fdecea; color: #8a1c12; }
						p.info { background: #e8f1fd; }
						</style>
						</head>
						<body>
						<main>
						<h1>Sign in to Grapevine</h1>
						""");
		if (request.queryParam("error").isPresent()) {
			page.append("<p class=\"note error\" role=\"alert\">The user name or password is wrong.</p>\n");
		}
		if (request.queryParam("logout").isPresent()) {
			page.append("<p class=\"note info\" role=\"status\">You are signed out.</p>\n");
		}
		this.providerPath.ifPresent((path) -> page.append("<a class=\"provider\" href=\"")
			.append(HtmlUtils.htmlEscape(path))
			.append("\">Sign in with your organization account</a>\n"));
		if (this.form) {
			page.append("<form method=\"post\" action=\"/login\">\n")
				.append("<label for=\"username\">User name</label>\n")
				.append("<input id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus>\n")
				.append("<label for=\"password\">Password</label>\n")
				.append("<input id=\"password\" name=\"password\" type=\"password\" ")
				.append("autocomplete=\"current-password\" required>\n");
			csrf.ifPresent((token) -> page.append("<input type=\"hidden\" name=\"")
				.append(HtmlUtils.htmlEscape(token.getParameterName()))
				.append("\" value=\"")
				.append(HtmlUtils.htmlEscape(token.getToken()))
				.append("\">\n"));
			page.append("<button type=\"submit\">Sign in</button>\n</form>\n");
		}
		page.append("</main>\n</body>\n</html>\n");
		return page.toString();
	}

}
