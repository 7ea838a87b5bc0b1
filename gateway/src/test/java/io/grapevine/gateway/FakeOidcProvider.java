package io.grapevine.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenID Connect provider on a local port, as the OpenID Connect Core and Discovery
 * specifications describe it: the discovery document, the JWKS, an authorization endpoint
 * that signs in a chosen person and redirects back with a code, and a token endpoint that
 * checks the client's credentials and answers an RS256-signed id token.
 */
final class FakeOidcProvider implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	private final KeyPair keys;

	private final String clientId;

	private final String clientSecret;

	private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();

	private final List<Map<String, String>> authorizeRequests = new CopyOnWriteArrayList<>();

	private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();

	private volatile Map<String, Object> person = Map.of();

	private FakeOidcProvider(HttpServer server, KeyPair keys, String clientId, String clientSecret) {
		this.server = server;
		this.keys = keys;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
	}

	static FakeOidcProvider start(String clientId, String clientSecret) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			FakeOidcProvider provider = new FakeOidcProvider(server, generator.generateKeyPair(), clientId,
					clientSecret);
			server.createContext("/", provider::handle);
			server.setExecutor(Executors.newCachedThreadPool());
			server.start();
			return provider;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("The fake OpenID Connect provider could not start", ex);
		}
	}

	String issuer() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/realms/staff";
	}

	/**
	 * Who signs in at the authorization endpoint next: the claims of their id token.
	 */
	void signInAs(Map<String, Object> claims) {
		this.person = Map.copyOf(claims);
	}

	List<Map<String, String>> authorizeRequests() {
		return List.copyOf(this.authorizeRequests);
	}

	List<Map<String, String>> tokenRequests() {
		return List.copyOf(this.tokenRequests);
	}

	@Override
	public void close() {
		this.server.stop(0);
		((ExecutorService) this.server.getExecutor()).shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String realm = "/realms/staff";
			if (path.equals(realm + "/.well-known/openid-configuration")) {
				respond(exchange, 200, discovery());
			}
			else if (path.equals(realm + "/protocol/openid-connect/certs")) {
				respond(exchange, 200, jwks());
			}
			else if (path.equals(realm + "/protocol/openid-connect/auth")
					&& exchange.getRequestMethod().equals("GET")) {
				authorize(exchange);
			}
			else if (path.equals(realm + "/protocol/openid-connect/token")
					&& exchange.getRequestMethod().equals("POST")) {
				token(exchange);
			}
			else {
				respond(exchange, 404, Map.of("error", "not_found"));
			}
		}
	}

	private Map<String, Object> discovery() {
		String base = issuer() + "/protocol/openid-connect";
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", issuer());
		document.put("authorization_endpoint", base + "/auth");
		document.put("token_endpoint", base + "/token");
		document.put("jwks_uri", base + "/certs");
		document.put("response_types_supported", List.of("code"));
		document.put("subject_types_supported", List.of("public"));
		document.put("id_token_signing_alg_values_supported", List.of("RS256"));
		document.put("scopes_supported", List.of("openid", "profile", "email"));
		document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
		document.put("grant_types_supported", List.of("authorization_code"));
		document.put("claims_supported", List.of("sub", "iss", "preferred_username", "groups", "department"));
		return document;
	}

	private Map<String, Object> jwks() {
		RSAPublicKey key = (RSAPublicKey) this.keys.getPublic();
		Map<String, Object> jwk = new LinkedHashMap<>();
		jwk.put("kty", "RSA");
		jwk.put("kid", "staff-1");
		jwk.put("use", "sig");
		jwk.put("alg", "RS256");
		jwk.put("n", base64Url(unsigned(key.getModulus())));
		jwk.put("e", base64Url(unsigned(key.getPublicExponent())));
		return Map.of("keys", List.of(jwk));
	}

	private void authorize(HttpExchange exchange) throws IOException {
		Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
		this.authorizeRequests.add(query);
		if (!this.clientId.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))) {
			respond(exchange, 400, Map.of("error", "invalid_request"));
			return;
		}
		String code = UUID.randomUUID().toString();
		this.codes.put(code, query);
		String location = query.get("redirect_uri") + "?code=" + code + "&state="
				+ URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Location", location);
		exchange.sendResponseHeaders(302, -1);
	}

	private void token(HttpExchange exchange) throws IOException {
		Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		Map<String, String> recorded = new LinkedHashMap<>(form);
		recorded.put("authorization", (authorization != null) ? authorization : "");
		this.tokenRequests.add(recorded);
		String expected = "Basic "
				+ Base64.getEncoder()
					.encodeToString((URLEncoder.encode(this.clientId, StandardCharsets.UTF_8) + ":"
							+ URLEncoder.encode(this.clientSecret, StandardCharsets.UTF_8))
						.getBytes(StandardCharsets.UTF_8));
		if (!expected.equals(authorization)) {
			respond(exchange, 401,
					Map.of("error", "invalid_client", "error_description", "Invalid client credentials"));
			return;
		}
		Map<String, String> authorized = this.codes.remove(form.getOrDefault("code", ""));
		if (!"authorization_code".equals(form.get("grant_type")) || authorized == null
				|| !authorized.get("redirect_uri").equals(form.get("redirect_uri"))) {
			respond(exchange, 400, Map.of("error", "invalid_grant", "error_description", "Code not valid"));
			return;
		}
		Instant now = Instant.now();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", issuer());
		claims.put("sub",
				UUID.nameUUIDFromBytes(String.valueOf(this.person.get("preferred_username")).getBytes()).toString());
		claims.put("aud", this.clientId);
		claims.put("azp", this.clientId);
		claims.put("iat", now.getEpochSecond());
		claims.put("exp", now.plusSeconds(300).getEpochSecond());
		claims.put("nonce", authorized.get("nonce"));
		claims.putAll(this.person);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("access_token", UUID.randomUUID().toString());
		answer.put("token_type", "Bearer");
		answer.put("expires_in", 300);
		answer.put("scope", authorized.get("scope"));
		answer.put("id_token", sign(claims));
		respond(exchange, 200, answer);
	}

	private String sign(Map<String, Object> claims) throws IOException {
		String header = base64Url(json.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", "staff-1")));
		String payload = base64Url(json.writeValueAsBytes(claims));
		try {
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initSign(this.keys.getPrivate());
			signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
			return header + "." + payload + "." + base64Url(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("Could not sign the id token", ex);
		}
	}

	private static byte[] unsigned(BigInteger value) {
		byte[] bytes = value.toByteArray();
		return (bytes[0] == 0) ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
	}

	private static String base64Url(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static Map<String, String> form(String encoded) {
		Map<String, String> values = new LinkedHashMap<>();
		if (encoded == null || encoded.isEmpty()) {
			return values;
		}
		for (String pair : encoded.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			values.put(name, value);
		}
		return values;
	}

	private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = json.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
