package io.grapevine.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.OrganizationFile;
import io.grapevine.localstack.LocalStack;
import io.grapevine.localstack.LocalStackOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform on this machine in one command: Kafka, Elasticsearch, a local
 * mailbox, the three services behind the gateway's one address and the demo source,
 * stopped together on Ctrl-C.
 */
public final class LocalPlatform implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalPlatform.class);

	/** The one address people open: the gateway in front of the services. */
	static final int GATEWAY_PORT = 8000;

	static final int SEARCH_PORT = 8080;

	static final int INGEST_PORT = 8081;

	static final int DIGEST_PORT = 8082;

	static final int SMTP_PORT = 3025;

	static final int MAILBOX_PORT = 8025;

	private final LocalStack stack;

	private final LocalMailbox mailbox;

	private final List<ServiceProcess> services;

	private final Duration startupTime;

	private final Path organizationFile;

	private final LocalAccounts accounts;

	private LocalPlatform(LocalStack stack, LocalMailbox mailbox, List<ServiceProcess> services, Duration startupTime,
			Path organizationFile, LocalAccounts accounts) {
		this.organizationFile = organizationFile;
		this.accounts = accounts;
		this.stack = stack;
		this.mailbox = mailbox;
		this.services = services;
		this.startupTime = startupTime;
	}

	/**
	 * Start everything and wait until every service is healthy.
	 * @param repository the repository root (holds config/ and the built services)
	 * @param dataDirectory where Kafka and Elasticsearch keep their data and the logs go
	 * @return the running platform
	 * @throws IOException if anything fails to start; what started is stopped again
	 */
	public static LocalPlatform start(Path repository, Path dataDirectory) throws IOException {
		Instant started = Instant.now();
		Path organizationFile = repository.resolve("config/organization.yml").toAbsolutePath();
		OrganizationFile.read(organizationFile);
		for (String service : List.of("search-service", "ingest-service", "digest-service", "gateway")) {
			ServiceProcess.executableJar(repository, service);
		}
		LocalAccounts accounts = LocalAccounts.generate();
		LocalStack stack = LocalStack.start(LocalStackOptions.defaults(dataDirectory));
		LocalMailbox mailbox = null;
		List<ServiceProcess> services = new ArrayList<>();
		try {
			mailbox = LocalMailbox.start(SMTP_PORT, MAILBOX_PORT);
			Map<String, String> common = Map.of("GRAPEVINE_KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers(),
					"GRAPEVINE_ELASTICSEARCH_URI", stack.elasticsearchUri().toString(), "GRAPEVINE_ORGANIZATION_FILE",
					organizationFile.toString());
			Path logs = dataDirectory.resolve("logs");
			Map<String, String> search = new LinkedHashMap<>(common);
			search.putAll(accounts.searchEnvironment());
			services.add(ServiceProcess.start(repository, "search-service", SEARCH_PORT, search, logs));
			Map<String, String> ingest = new LinkedHashMap<>(common);
			ingest.putAll(accounts.ingestEnvironment());
			ingest.put("GRAPEVINE_INGEST_DEMO_ENABLED", "true");
			services.add(ServiceProcess.start(repository, "ingest-service", INGEST_PORT, ingest, logs));
			for (ServiceProcess service : services) {
				service.awaitHealthy(Duration.ofMinutes(3));
				logger.info("{} is up at {}", service.name(), service.url());
			}
			// The digest service starts once the demo sample is searchable, so the
			// digests its
			// schedule sends at start-up tell the whole story of the day.
			awaitDemoSampleIndexed(Duration.ofMinutes(2), accounts);
			Map<String, String> digest = new LinkedHashMap<>(common);
			digest.putAll(accounts.digestEnvironment());
			digest.put("SPRING_MAIL_HOST", "127.0.0.1");
			digest.put("SPRING_MAIL_PORT", String.valueOf(mailbox.smtpPort()));
			digest.put("GRAPEVINE_DIGEST_SEARCH_URL", "http://127.0.0.1:" + SEARCH_PORT);
			// Links in emails, Slack and Teams name the one address.
			digest.put("GRAPEVINE_DIGEST_DASHBOARD_URL", "http://127.0.0.1:" + GATEWAY_PORT + "/");
			digest.put("GRAPEVINE_DIGEST_PUBLIC_URL", "http://127.0.0.1:" + GATEWAY_PORT);
			ServiceProcess digestService = ServiceProcess.start(repository, "digest-service", DIGEST_PORT, digest,
					logs);
			services.add(digestService);
			digestService.awaitHealthy(Duration.ofMinutes(3));
			logger.info("{} is up at {}", digestService.name(), digestService.url());
			Map<String, String> front = new LinkedHashMap<>(accounts.gatewayEnvironment());
			front.put("GRAPEVINE_GATEWAY_SEARCH_SERVICE", "http://127.0.0.1:" + SEARCH_PORT);
			front.put("GRAPEVINE_GATEWAY_DIGEST_SERVICE", "http://127.0.0.1:" + DIGEST_PORT);
			ServiceProcess gateway = ServiceProcess.start(repository, "gateway", GATEWAY_PORT, front, logs);
			services.add(gateway);
			gateway.awaitHealthy(Duration.ofMinutes(3));
			logger.info("{} is up at {}", gateway.name(), gateway.url());
			return new LocalPlatform(stack, mailbox, services, Duration.between(started, Instant.now()),
					organizationFile, accounts);
		}
		catch (IOException | RuntimeException ex) {
			services.forEach(ServiceProcess::close);
			if (mailbox != null) {
				mailbox.close();
			}
			stack.close();
			throw ex;
		}
	}

	private static void awaitDemoSampleIndexed(Duration timeout, LocalAccounts accounts) throws IOException {
		HttpClient client = HttpClient.newHttpClient();
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			JsonNode demo = StreamSupport
				.stream(getJson(client, INGEST_PORT, "/api/sources",
						Optional.of(basic(LocalAccounts.MEMBER, accounts.memberPassword())))
					.spliterator(), false)
				.filter((source) -> source.path("instance").asText().equals("demo"))
				.findFirst()
				.orElseThrow(() -> new IOException("ingest-service runs no demo source"));
			boolean replayed = demo.path("cursor").path("position").has("trickle");
			long published = demo.path("itemsPublished").asLong();
			long indexed = indexedMentions(client, accounts);
			if (replayed && indexed >= published) {
				logger.info("The demo sample is searchable: {} mentions", indexed);
				return;
			}
			ServiceProcess.sleep(Duration.ofSeconds(1));
		}
		logger.warn("The demo sample was not fully searchable after {} s; going on", timeout.toSeconds());
	}

	/**
	 * Send the last period's digest to every department, to all staff and to the board
	 * whose members have no digest in this run's mailbox yet (its schedule may not be
	 * due), unless an earlier run already sent it: a restart sends no second copy.
	 * @return how many digests were sent on request
	 * @throws IOException if digest-service cannot be reached
	 */
	public int sendFirstDigests() throws IOException {
		HttpClient client = HttpClient.newHttpClient();
		// Give the schedule's first check, which runs at start-up, time to send what is
		// due.
		ServiceProcess.sleep(Duration.ofSeconds(5));
		Organization organization = OrganizationFile.read(this.organizationFile);
		Map<Department, String> requests = new LinkedHashMap<>();
		for (Department department : organization.departments()) {
			requests.put(department, "{\"department\":\"" + department.id() + "\",\"unlessSent\":true}");
		}
		organization.allStaff()
			.ifPresent((allStaff) -> requests.put(allStaff, "{\"audience\":\"all-staff\",\"unlessSent\":true}"));
		organization.board().ifPresent((board) -> requests.put(board, "{\"kind\":\"board\",\"unlessSent\":true}"));
		int sent = 0;
		for (Map.Entry<Department, String> audience : requests.entrySet()) {
			List<String> members = audience.getKey().members();
			if (members.isEmpty() || this.mailbox.hasMessageFor(members)) {
				continue;
			}
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + DIGEST_PORT + "/api/digests/run"))
				.header("Content-Type", "application/json")
				.header("Authorization", basic(LocalAccounts.ADMIN, this.accounts.adminPassword()))
				.POST(HttpRequest.BodyPublishers.ofString(audience.getValue()))
				.timeout(Duration.ofSeconds(60))
				.build();
			HttpResponse<String> response = send(client, request);
			if (response.statusCode() / 100 == 2) {
				sent++;
			}
			else {
				logger.warn("Digest for {} was not sent: {} {}", audience.getKey().id(), response.statusCode(),
						response.body());
			}
		}
		return sent;
	}

	private static JsonNode getJson(HttpClient client, int port, String path, Optional<String> authorization)
			throws IOException {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10));
		authorization.ifPresent((value) -> builder.header("Authorization", value));
		HttpRequest request = builder.build();
		HttpResponse<String> response = send(client, request);
		if (response.statusCode() != 200) {
			throw new IOException(
					"GET " + path + " on port " + port + " answered " + response.statusCode() + ": " + response.body());
		}
		return MentionJson.mapper().readTree(response.body());
	}

	private static long indexedMentions(HttpClient client, LocalAccounts accounts) throws IOException {
		return getJson(client, SEARCH_PORT, "/api/mentions?size=1",
				Optional.of(basic(LocalAccounts.MEMBER, accounts.memberPassword())))
			.path("total")
			.asLong();
	}

	private static String basic(String username, String password) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
	}

	/**
	 * Every process of the running platform by name, for memory reports.
	 * @return process ids by name
	 */
	public Map<String, List<Long>> processes() {
		Map<String, List<Long>> processes = new LinkedHashMap<>();
		processes.put("kafka + elasticsearch", this.stack.pids());
		for (ServiceProcess service : this.services) {
			processes.put(service.name(), List.of(service.pid()));
		}
		processes.put("local run (mailbox)", List.of(ProcessHandle.current().pid()));
		return processes;
	}

	/**
	 * How long the whole platform took to become healthy.
	 * @return the start-up time
	 */
	public Duration startupTime() {
		return this.startupTime;
	}

	/**
	 * The users of this run.
	 * @return the accounts, with their passwords
	 */
	public LocalAccounts accounts() {
		return this.accounts;
	}

	/**
	 * The local mailbox.
	 * @return the mailbox
	 */
	public LocalMailbox mailbox() {
		return this.mailbox;
	}

	@Override
	public void close() {
		for (int i = this.services.size() - 1; i >= 0; i--) {
			this.services.get(i).close();
		}
		this.mailbox.close();
		this.stack.close();
	}

	/**
	 * Run the platform until Ctrl-C.
	 * @param args {@code --data DIR} to keep the data elsewhere than {@code .local-stack}
	 * @throws Exception if it cannot start
	 */
	public static void main(String[] args) throws Exception {
		Path repository = Path.of(System.getProperty("user.dir")).toAbsolutePath();
		Path data = repository.resolve(".local-stack");
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--data") && i + 1 < args.length) {
				data = Path.of(args[++i]).toAbsolutePath();
			}
			else {
				System.err.println("Unknown argument '" + args[i] + "'. Usage: run-local.sh [--data DIR]");
				System.exit(2);
			}
		}
		if (!Files.isRegularFile(repository.resolve("config/organization.yml"))) {
			System.err
				.println("Run this from the repository root (config/organization.yml is not in " + repository + ")");
			System.exit(2);
		}
		LocalPlatform platform = LocalPlatform.start(repository, data);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			logger.info("Stopping the platform");
			platform.close();
			stopped.countDown();
		}, "local-platform-shutdown"));
		logger.info("""

				Grapevine is running ({} s to start) at http://127.0.0.1:{}/
				  Dashboard and search   http://127.0.0.1:{}/
				  Executive view         http://127.0.0.1:{}/executive
				  Digest archive         http://127.0.0.1:{}/digests
				  Local mailbox          http://127.0.0.1:{}/
				  Sources                http://127.0.0.1:{}/api/sources
				  Kafka {}   Elasticsearch {}   logs in {}
				The demo source keeps adding a mention every few seconds.
				Press Ctrl-C to stop everything.
				""", platform.startupTime().toSeconds(), GATEWAY_PORT, GATEWAY_PORT, GATEWAY_PORT, GATEWAY_PORT,
				MAILBOX_PORT, INGEST_PORT, platform.stack.kafkaBootstrapServers(), platform.stack.elasticsearchUri(),
				data.resolve("logs"));
		// Printed, not logged: the passwords go to this terminal once and to no log file.
		System.out.println(platform.accounts().describe("http://127.0.0.1:" + GATEWAY_PORT + "/"));
		System.out.flush();
		int sent = platform.sendFirstDigests();
		logger.info("{} digest emails are in the local mailbox ({} digests sent on request): http://127.0.0.1:{}/",
				platform.mailbox().messages().size(), sent, MAILBOX_PORT);
		stopped.await();
	}

}
