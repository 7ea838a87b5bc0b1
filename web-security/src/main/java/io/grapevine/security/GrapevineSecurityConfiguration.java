package io.grapevine.security;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.transport.ElasticsearchTransport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.session.WebSessionIdResolver;

/**
 * Signs people in to a service (local users with a form or HTTP Basic, the organization's
 * OpenID Connect provider), scripts and services in with API tokens, and applies the
 * access rules: health open, reading for members, writes for administrators unless the
 * service's {@link AccessRules} say otherwise.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GrapevineSecurityProperties.class)
public class GrapevineSecurityConfiguration {

	private static final Pattern BASIC = Pattern.compile("(?i)basic \\S+");

	private static final Pattern BEARER = Pattern.compile("(?i)bearer [A-Za-z0-9\\-._~+/]+=*");

	private static final Logger logger = LoggerFactory.getLogger(GrapevineSecurityConfiguration.class);

	/** The policy every answer carries; it matters for pages. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; object-src 'none'; base-uri 'self'; "
			+ "frame-ancestors 'none'";

	/** The header the dashboard sends the CSRF token in, read from its cookie. */
	public static final String CSRF_HEADER = "X-XSRF-TOKEN";

	// The cookie of Spring WebFlux's sessions unless server.reactive.session.cookie.name
	// names another (each service names its own, so that using two of them on one host
	// does not sign a person out of the other).
	private static final String SESSION_COOKIE = "SESSION";

	// Mention ids hold slashes and percent signs (Bluesky AT URIs, the links of feed
	// items), so they travel percent-encoded in paths such as
	// /api/mentions/{id}/handling;
	// the firewall's other checks stay.
	@Bean
	ServerWebExchangeFirewall grapevineFirewall() {
		StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
		firewall.setAllowUrlEncodedSlash(true);
		firewall.setAllowUrlEncodedDoubleSlash(true);
		firewall.setAllowUrlEncodedPercent(true);
		return firewall;
	}

	// The session cookie is never expired by an answer (KeptSessionCookies says why).
	@Bean
	static BeanPostProcessor grapevineKeptSessionCookies() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof WebSessionIdResolver cookies && !(bean instanceof KeptSessionCookies))
						? new KeptSessionCookies(cookies) : bean;
			}
		};
	}

	// Requests the server refuses before the application sees them are answered with a
	// problem detail too.
	@Bean
	NettyServerCustomizer grapevineBareErrorProblems() {
		return BareErrorProblems.customizer();
	}

	@Bean
	ReactiveUserDetailsService grapevineLocalUsers(GrapevineSecurityProperties properties) {
		SecuritySettings.check(properties);
		LocalUsers users = new LocalUsers(properties.users());
		if (!users.isEmpty()) {
			logger.info("Local users who may sign in: {}", users.describe());
		}
		return users;
	}

	@Bean
	ApiTokens grapevineApiTokens(GrapevineSecurityProperties properties, ObjectProvider<ApiTokenStore> store,
			ObjectProvider<WebClient.Builder> webClients) {
		SecuritySettings.check(properties);
		GrapevineSecurityProperties.ApiTokens settings = properties.apiTokens();
		Optional<ApiTokenStore> kept = Optional.ofNullable(store.getIfAvailable());
		Optional<RemoteApiTokens> keeper = Optional.ofNullable(settings.checkedBy())
			.filter((uri) -> kept.isEmpty())
			.map((uri) -> new RemoteApiTokens(webClients.getIfAvailable(WebClient::builder), uri,
					settings.checkTimeout()));
		keeper.ifPresent((asked) -> logger.info("API tokens administrators create are checked by asking {}",
				settings.checkedBy()));
		ApiTokens tokens = new ApiTokens(settings.configured(), kept, keeper, settings.cacheTtl(), Clock.systemUTC());
		if (!properties.apiTokens().configured().isEmpty()) {
			logger.info("API tokens given in the settings: {}",
					properties.apiTokens()
						.configured()
						.stream()
						.map((token) -> token.name().strip() + " " + token.roles())
						.toList());
		}
		return tokens;
	}

	@Bean
	RouterFunction<ServerResponse> apiTokenRoutes(ApiTokens grapevineApiTokens) {
		return new ApiTokenRoutes(grapevineApiTokens).routes();
	}

	// Where tokens are checked by asking the service that keeps them, a token revoked
	// through this service (the gateway passes DELETE /api/tokens/{id} on) stops here at
	// once, before the answer reaches the administrator.
	@Bean
	WebFilter apiTokensRevokedBehind(ApiTokens grapevineApiTokens) {
		return (exchange, chain) -> {
			Optional<String> revoked = grapevineApiTokens.asksKeeper() ? ApiTokenRoutes.revokedId(exchange.getRequest())
					: Optional.empty();
			revoked.ifPresent((id) -> {
				grapevineApiTokens.forget(id);
				exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> grapevineApiTokens.forget(id)));
			});
			return chain.filter(exchange);
		};
	}

	@Bean
	SecurityWebFilterChain grapevineSecurityWebFilterChain(ServerHttpSecurity http,
			GrapevineSecurityProperties properties, ReactiveUserDetailsService grapevineLocalUsers,
			ApiTokens grapevineApiTokens, ObjectProvider<AccessRules> accessRules, Environment environment) {
		String sessionCookie = environment.getProperty("server.reactive.session.cookie.name", SESSION_COOKIE);
		boolean local = !properties.users().isEmpty();
		Optional<OidcLogin> oidc = properties.oidc().enabled() ? Optional.of(OidcLogin.discover(properties.oidc()))
				: Optional.empty();
		// With only the provider there is nothing to choose: pages go straight to it.
		URI loginPage = URI.create(local ? "/login" : oidc.get().authorizationPath());
		SecurityProblems problems = new SecurityProblems(local, loginPage);
		http.authorizeExchange((exchanges) -> {
			exchanges.pathMatchers("/actuator/health", "/actuator/health/**").permitAll();
			exchanges.pathMatchers("/login", "/logout", "/favicon.ico").permitAll();
			exchanges.pathMatchers(ApiTokenRoutes.PATH, ApiTokenRoutes.PATH + "/**").hasRole(Role.ADMIN.name());
			accessRules.orderedStream().forEach((rules) -> rules.configure(exchanges));
			exchanges.pathMatchers(HttpMethod.POST, "/**").hasRole(Role.ADMIN.name());
			exchanges.pathMatchers(HttpMethod.PUT, "/**").hasRole(Role.ADMIN.name());
			exchanges.pathMatchers(HttpMethod.PATCH, "/**").hasRole(Role.ADMIN.name());
			exchanges.pathMatchers(HttpMethod.DELETE, "/**").hasRole(Role.ADMIN.name());
			exchanges.anyExchange().hasRole(Role.MEMBER.name());
		});
		// Spring Security's headers (no caching, nosniff, frame DENY, HSTS over TLS) plus
		// a policy for the pages: scripts only from the service itself (the pages load
		// theirs as modules; none is inline), styles also inline (the sign-in page, the
		// archived digest emails), images also from the networks' https addresses.
		http.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		http.exceptionHandling(
				(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		if (local) {
			UserDetailsRepositoryReactiveAuthenticationManager checker = new UserDetailsRepositoryReactiveAuthenticationManager(
					grapevineLocalUsers);
			checker.setPasswordEncoder(new BCryptPasswordEncoder());
			ReactiveAuthenticationManager manager = new SignInThrottle(Clock.systemUTC()).guard(new VerifiedPasswords(
					checker, grapevineLocalUsers, properties.verifiedPasswords().ttl(), Clock.systemUTC()));
			ReactiveAuthenticationManager basicManager = (authentication) -> manager.authenticate(authentication)
				.map((done) -> CredentialsAuthentication.of(done.getPrincipal(), done.getAuthorities()));
			http.addFilterBefore(SignInThrottle.addresses(), SecurityWebFiltersOrder.HTTP_BASIC);
			http.authenticationManager(manager);
			http.httpBasic((basic) -> basic.authenticationManager(basicManager).authenticationEntryPoint(problems));
			http.formLogin((form) -> form.authenticationManager(manager).loginPage("/login"));
		}
		else {
			http.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable);
			http.formLogin(ServerHttpSecurity.FormLoginSpec::disable);
		}
		oidc.ifPresent(
				(login) -> http.oauth2Login((oauth2) -> oauth2.clientRegistrationRepository(login.registrations())
					.authenticationManager(login.authenticationManager())));
		// Behind the front door, the gateway says who signed in there with a signed
		// bearer token; the service's own sign-in stays for those who use it directly.
		AuthenticationWebFilter apiTokens = new AuthenticationWebFilter(grapevineApiTokens);
		apiTokens.setServerAuthenticationConverter((exchange) -> {
			String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
			return ApiTokens.isToken(authorization) ? Mono.just(new ApiTokens.Presented(ApiTokens.token(authorization)))
					: Mono.empty();
		});
		ServerAuthenticationEntryPointFailureHandler tokenFailures = new ServerAuthenticationEntryPointFailureHandler(
				problems);
		tokenFailures.setRethrowAuthenticationServiceException(false);
		apiTokens.setAuthenticationFailureHandler(tokenFailures);
		http.addFilterAt(apiTokens, SecurityWebFiltersOrder.HTTP_BASIC);
		if (properties.relay().enabled()) {
			RelayTokens relay = RelayTokens.of(properties.relay());
			ServerBearerTokenAuthenticationConverter bearerTokens = new ServerBearerTokenAuthenticationConverter();
			http.oauth2ResourceServer((server) -> server
				.bearerTokenConverter((exchange) -> ApiTokens
					.isToken(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION)) ? Mono.empty()
							: bearerTokens.convert(exchange))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems)
				.jwt((jwt) -> jwt.jwtDecoder(relay.decoder()).jwtAuthenticationConverter(relay.authentication())));
		}
		// Sessions of people in a browser keep CSRF protection; scripts and services that
		// send their credentials with every call have no session to ride on.
		CsrfCookies tokens = CsrfCookies.of(CSRF_HEADER, environment);
		CsrfRule csrfRule = new CsrfRule(sessionCookie, local, properties.relay().enabled());
		http.csrf((csrf) -> csrf.csrfTokenRepository(tokens)
			.csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
			.accessDeniedHandler(problems)
			.requireCsrfProtectionMatcher(csrfRule::matches));
		http.addFilterAfter(csrfCookie(), SecurityWebFiltersOrder.CSRF);
		http.addFilterAfter(csrfRule.credentialsAuthenticated(problems), SecurityWebFiltersOrder.AUTHENTICATION);
		return http.build();
	}

	// A forged request rides on the cookies a browser sends by itself: the session, or
	// (for the sign-in form) none yet. A request without a session answers 401 instead.
	// Only credentials that authenticate the call themselves lift the check: Basic, an
	// API token and, behind the front door, its bearer token. The check runs before
	// authentication, so the exemption is confirmed after it: the call must have been
	// authenticated by those credentials, not by the session beside them.
	private record CsrfRule(String sessionCookie, boolean basic, boolean bearer) {

		Mono<MatchResult> matches(ServerWebExchange exchange) {
			return (needsToken(exchange) && !carriesCredentials(exchange)) ? MatchResult.match()
					: MatchResult.notMatch();
		}

		boolean needsToken(ServerWebExchange exchange) {
			HttpMethod method = exchange.getRequest().getMethod();
			boolean safe = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)
					|| HttpMethod.OPTIONS.equals(method) || HttpMethod.TRACE.equals(method);
			String path = exchange.getRequest().getPath().pathWithinApplication().value();
			boolean session = exchange.getRequest().getCookies().containsKey(this.sessionCookie)
					|| path.equals("/login") || path.equals("/logout");
			return !safe && session;
		}

		boolean carriesCredentials(ServerWebExchange exchange) {
			String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
			return authorization != null && ((this.basic && BASIC.matcher(authorization).matches())
					|| ApiTokens.isToken(authorization) || (this.bearer && BEARER.matcher(authorization).matches()));
		}

		WebFilter credentialsAuthenticated(SecurityProblems problems) {
			return (exchange, chain) -> {
				if (!needsToken(exchange) || !carriesCredentials(exchange)) {
					return chain.filter(exchange);
				}
				return ReactiveSecurityContextHolder.getContext()
					.map(SecurityContext::getAuthentication)
					.filter((authentication) -> authentication instanceof CredentialsAuthentication
							|| authentication instanceof JwtAuthenticationToken)
					.hasElement()
					.flatMap(
							(byCredentials) -> byCredentials ? chain.filter(exchange)
									: problems.handle(exchange, new CsrfException(
											"The Authorization header did not authenticate the call; the session's "
													+ "CSRF token is needed")));
			};
		}

	}

	/**
	 * Keeps the API tokens administrators create in Elasticsearch, where the service has
	 * it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "co.elastic.clients.transport.ElasticsearchTransport")
	static class KeptApiTokens {

		@Bean
		ApiTokenStore grapevineApiTokenStore(ObjectProvider<ElasticsearchTransport> transport,
				GrapevineSecurityProperties properties) {
			ElasticsearchTransport available = transport.getIfAvailable();
			if (available == null) {
				return null;
			}
			return new ElasticsearchApiTokenStore(new ElasticsearchAsyncClient(available),
					properties.apiTokens().index());
		}

	}

	// The token is made lazily; pages read in a browser ask for it so the cookie the
	// dashboard's scripts send back is there.
	private static WebFilter csrfCookie() {
		return (exchange, chain) -> {
			boolean credentials = exchange.getRequest().getHeaders().containsKey(HttpHeaders.AUTHORIZATION);
			Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
			if (credentials || token == null) {
				return chain.filter(exchange);
			}
			return token.then(chain.filter(exchange));
		};
	}

	@Bean
	RouterFunction<ServerResponse> loginPageRoute(GrapevineSecurityProperties properties) {
		return new LoginPage(!properties.users().isEmpty(), properties.oidc().enabled()
				? Optional.of("/oauth2/authorization/" + OidcLogin.REGISTRATION_ID) : Optional.empty())
			.routes();
	}

	@Bean
	RouterFunction<ServerResponse> signedInUserRoute() {
		return RouterFunctions.route()
			.GET("/api/me",
					(request) -> SignedInUser.current()
						.flatMap((user) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(user))
						.switchIfEmpty(Mono.defer(() -> ServerResponse.status(401).build())))
			.build();
	}

}
