package io.grapevine.digest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.grapevine.digest.archive.DeliveryLedger;
import io.grapevine.digest.archive.DigestArchive;
import io.grapevine.localstack.LocalStackExtension;

/**
 * What the service's integration tests set up alike: an SMTP server on a free port, the
 * settings that point the service at it and at the local stack, an organization file, and
 * digests to forget between tests.
 */
public final class IntegrationTestSupport {

	private IntegrationTestSupport() {
	}

	/**
	 * A GreenMail SMTP server on a free local port.
	 * @return its set-up
	 */
	public static ServerSetup smtpSetup() {
		ServerSetup setup = new ServerSetup(freePort(), "127.0.0.1", "smtp");
		// A loaded machine can take more than GreenMail's default two seconds to open a
		// port.
		setup.setServerStartupTimeout(30_000);
		return setup;
	}

	/**
	 * Point the service at the local stack's Elasticsearch and at the SMTP server, and
	 * add the local users.
	 * @param registry the test's properties
	 * @param smtp the SMTP server
	 */
	public static void register(DynamicPropertyRegistry registry, GreenMailExtension smtp) {
		registry.add("spring.elasticsearch.uris", () -> LocalStackExtension.stack().elasticsearchUri().toString());
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
		TestUsers.register(registry);
	}

	/**
	 * Write an organization file.
	 * @param yaml its content
	 * @return its path
	 */
	public static String organizationFile(String yaml) {
		try {
			Path file = Files.createTempFile("organization", ".yml");
			file.toFile().deleteOnExit();
			Files.writeString(file, yaml);
			return file.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Forget digests: their archived copies and their deliveries in the ledger, so they
	 * are sent again.
	 * @param elasticsearch the local stack's Elasticsearch
	 * @param ids the digests' ids
	 * @throws IOException when Elasticsearch cannot be reached
	 */
	public static void forget(ElasticsearchClient elasticsearch, String... ids) throws IOException {
		for (String id : ids) {
			elasticsearch.delete((delete) -> delete.index(DigestArchive.INDEX).id(id).refresh(Refresh.True));
			for (String channel : List.of("email", "slack", "teams")) {
				elasticsearch.delete(
						(delete) -> delete.index(DeliveryLedger.INDEX).id(id + ":" + channel).refresh(Refresh.True));
			}
		}
	}

	/**
	 * Run a digest now, as an administrator does.
	 * @param web a client signed in as an administrator
	 * @param body what to run, as JSON
	 * @return the digest sent
	 */
	public static Map<String, Object> runDigest(WebTestClient web, String body) {
		return web.post()
			.uri("/api/digests/run")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	/**
	 * Read a list from the API: archived digests or alerts.
	 * @param web a signed-in client
	 * @param uri the list's URI with its query
	 * @param variables the URI's variables
	 * @return the list's items
	 */
	public static List<Map<String, Object>> list(WebTestClient web, String uri, Object... variables) {
		return web.get()
			.uri(uri, variables)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	/**
	 * Read one of the archive's pages, as a browser does.
	 * @param web a signed-in client
	 * @param uri the page's URI
	 * @param variables the URI's variables
	 * @return the page
	 */
	public static String page(WebTestClient web, String uri, Object... variables) {
		return web.get()
			.uri(uri, variables)
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
