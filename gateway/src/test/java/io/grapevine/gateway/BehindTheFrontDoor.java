package io.grapevine.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.grapevine.digest.DigestApplication;
import io.grapevine.localstack.LocalStackExtension;
import io.grapevine.localstack.RunningStack;
import io.grapevine.search.SearchServiceApplication;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real search-service and digest-service, each with its own sign-in, behind the
 * gateway, against the local stack's Kafka and Elasticsearch and a local SMTP server;
 * started once for the tests of this JVM (after {@link LocalStackExtension}).
 */
final class BehindTheFrontDoor implements BeforeAllCallback {

	static final String MEMBER = "mia";

	static final String MEMBER_PASSWORD = "member-password";

	static final String ADMIN = "ada";

	static final String ADMIN_PASSWORD = "admin-password";

	/**
	 * The department the tests send digests to, with one member on the local SMTP server.
	 */
	static final String DEPARTMENT = "front-door-operations";

	static final String DEPARTMENT_MEMBER = "ops-duty@harborcity-transit.example";

	// bcrypt (cost 4) of member-password, admin-password and service-password.
	private static final String MEMBER_HASH = "$2a$04$ByqyVElis2lUhhXFSaQH3e4nle42rdMrYqDbU0W.iK7akZ15xo7iC";

	private static final String ADMIN_HASH = "$2a$04$NcHof5KTIMJCAr3dgt0sp.73gMn4s/y0TfHHHDrL5R6InJzDjQNtC";

	private static final String SERVICE_PASSWORD = "member-password";

	private static final String SECRET = "the-relay-secret-of-the-front-door-tests-0123456789";

	private static final Namespace NAMESPACE = Namespace.create(BehindTheFrontDoor.class);

	private static Running running;

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, (key) -> start(), Running.class);
	}

	static Running running() {
		return running;
	}

	private static synchronized Running start() {
		if (running != null) {
			return running;
		}
		RunningStack stack = LocalStackExtension.stack();
		GreenMail smtp = new GreenMail(smtpSetup());
		smtp.start();
		List<ConfigurableApplicationContext> started = new ArrayList<>();
		try {
			String organization = organizationFile();
			int gatewayPort = freePort();
			String gateway = "http://127.0.0.1:" + gatewayPort;
			Map<String, Object> common = new LinkedHashMap<>();
			common.put("server.port", 0);
			common.put("spring.elasticsearch.uris", stack.elasticsearchUri());
			common.put("grapevine.kafka.bootstrap-servers", stack.kafkaBootstrapServers());
			common.put("grapevine.organization-file", organization);
			common.put("grapevine.security.relay.secret", SECRET);
			// The gateway's auto-configuration is on the tests' class path, not on the
			// services'.
			common.put("spring.cloud.gateway.server.webflux.enabled", false);
			users(common);
			Map<String, Object> search = new LinkedHashMap<>(common);
			search.put("grapevine.security.users[2].username", "digest-service");
			search.put("grapevine.security.users[2].password-hash", MEMBER_HASH);
			ConfigurableApplicationContext searchService = run(SearchServiceApplication.application(), search);
			started.add(searchService);
			Map<String, Object> digest = new LinkedHashMap<>(common);
			digest.put("spring.mail.host", "127.0.0.1");
			digest.put("spring.mail.port", smtp.getSmtp().getPort());
			digest.put("grapevine.search.username", "digest-service");
			digest.put("grapevine.search.password", SERVICE_PASSWORD);
			digest.put("grapevine.digest.search-url", "http://127.0.0.1:" + port(searchService));
			// Links in emails, Slack and Teams name the one address.
			digest.put("grapevine.digest.dashboard-url", gateway + "/");
			digest.put("grapevine.digest.public-url", gateway);
			digest.put("grapevine.digest.schedule.enabled", false);
			ConfigurableApplicationContext digestService = run(DigestApplication.application(), digest);
			started.add(digestService);
			Map<String, Object> front = new LinkedHashMap<>();
			front.put("server.port", gatewayPort);
			front.put("spring.autoconfigure.exclude", GatewayTestSupport.SERVICES_AUTO_CONFIGURATION);
			front.put("grapevine.security.relay.secret", SECRET);
			front.put("grapevine.gateway.search-service", "http://127.0.0.1:" + port(searchService));
			front.put("grapevine.gateway.digest-service", "http://127.0.0.1:" + port(digestService));
			users(front);
			started.add(run(GatewayApplication.application(), front));
			running = new Running(gateway, "http://127.0.0.1:" + port(searchService),
					"http://127.0.0.1:" + port(digestService), smtp, started);
			return running;
		}
		catch (RuntimeException ex) {
			started.forEach(ConfigurableApplicationContext::close);
			smtp.stop();
			throw ex;
		}
	}

	private static void users(Map<String, Object> properties) {
		properties.put("grapevine.security.users[0].username", MEMBER);
		properties.put("grapevine.security.users[0].password-hash", MEMBER_HASH);
		properties.put("grapevine.security.users[0].department", DEPARTMENT);
		properties.put("grapevine.security.users[1].username", ADMIN);
		properties.put("grapevine.security.users[1].password-hash", ADMIN_HASH);
		properties.put("grapevine.security.users[1].roles", "ADMIN");
	}

	// Arguments, as each service's own file wins over an application's default
	// properties.
	private static ConfigurableApplicationContext run(SpringApplicationBuilder application,
			Map<String, Object> properties) {
		return application.run(properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static ServerSetup smtpSetup() {
		ServerSetup setup = new ServerSetup(freePort(), "127.0.0.1", "smtp");
		setup.setServerStartupTimeout(30_000);
		return setup;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String organizationFile() {
		try {
			Path file = Files.createTempFile("organization", ".yml");
			file.toFile().deleteOnExit();
			Files.writeString(file, """
					name: Harbor City Transit
					departments:
					  - id: %s
					    name: Operations
					    timeZone: Europe/London
					    digestTime: "07:00"
					    members: [%s]
					    topics:
					      - id: delays
					        name: Delays and disruption
					        keywords: [delay, late]
					""".formatted(DEPARTMENT, DEPARTMENT_MEMBER));
			return file.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The running services, stopped when the tests of this JVM are done.
	 *
	 * @param gateway the one address
	 * @param searchService search-service's own address
	 * @param digestService digest-service's own address
	 * @param smtp the SMTP server digest emails arrive at
	 * @param contexts the applications
	 */
	record Running(String gateway, String searchService, String digestService, GreenMail smtp,
			List<ConfigurableApplicationContext> contexts) implements ExtensionContext.Store.CloseableResource {

		@Override
		public void close() {
			for (int i = this.contexts.size() - 1; i >= 0; i--) {
				this.contexts.get(i).close();
			}
			this.smtp.stop();
		}

	}

}
