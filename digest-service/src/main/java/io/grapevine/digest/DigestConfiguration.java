package io.grapevine.digest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.time.ZonedDateTime;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.web.reactive.function.client.WebClient;

import io.grapevine.digest.alerting.Alert;
import io.grapevine.digest.alerting.AlertArchive;
import io.grapevine.digest.analytics.AnalyticsClient;
import io.grapevine.digest.analytics.InsightsClient;
import io.grapevine.digest.analytics.SearchServiceCredentials;
import io.grapevine.digest.archive.DigestArchive;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.archive.DeliveryLedger;
import io.grapevine.digest.delivery.ChannelWebhooks;
import io.grapevine.digest.delivery.DigestChannels;
import io.grapevine.digest.delivery.EmailDelivery;
import io.grapevine.digest.delivery.WebhookPoster;
import io.grapevine.digest.rendering.DigestRenderer;
import io.grapevine.digest.sending.DigestScheduler;
import io.grapevine.digest.sending.DigestSender;
import io.grapevine.digest.sending.SavedSearchSources;
import io.grapevine.digest.archive.SavedSearchSubscriptions;
import io.grapevine.digest.sending.SectionSources;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.OrganizationFile;

/**
 * Wires the digest pipeline: the organization, the analytics client, the renderer, the
 * email delivery, the archive, the sender and the schedule.
 */
@Configuration(proxyBeanMethods = false)
class DigestConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(DigestConfiguration.class);

	/**
	 * How many of the latest alerts a digest looks through for the spikes of its period.
	 */
	private static final int SPIKES_READ = 1000;

	/** How many of a day's widest-reaching matches a saved search's email shows. */
	private static final int SAVED_SEARCH_MENTIONS = 10;

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	Organization organization(OrganizationFileProperties properties, Clock clock) {
		Organization organization = OrganizationFile.read(properties.organizationFile());
		Instant now = clock.instant();
		for (Department department : organization.departments()) {
			Period yesterday = Period.dayBefore(now, department.timeZone());
			ZonedDateTime due = yesterday.dueAt(department.digestTime());
			ZonedDateTime next = now.isBefore(due.toInstant()) ? due : yesterday.next().dueAt(department.digestTime());
			if (department.rhythm().daily()) {
				logger.info("Department {} ({} member(s)): daily digest at {} {}, next one at {}", department.id(),
						department.members().size(), department.digestTime(), department.timeZone(), next);
			}
			if (department.rhythm().weekly()) {
				Period lastWeek = Period.weekBefore(now, department.timeZone());
				ZonedDateTime weekDue = lastWeek.dueAt(department.rhythm().weeklyDay(), department.digestTime());
				ZonedDateTime nextWeek = now.isBefore(weekDue.toInstant()) ? weekDue
						: lastWeek.next().dueAt(department.rhythm().weeklyDay(), department.digestTime());
				logger.info("Department {} ({} member(s)): weekly digest on {} at {} {}, next one at {}",
						department.id(), department.members().size(), department.rhythm().weeklyDay(),
						department.digestTime(), department.timeZone(), nextWeek);
			}
		}
		return organization;
	}

	// The archive stores records with java.time and Optional values in the mention
	// contract's JSON style.
	@Bean
	JacksonJsonpMapper jacksonJsonpMapper() {
		return new JacksonJsonpMapper(MentionJson.configure(JsonMapper.builder().build()));
	}

	@Bean
	AnalyticsClient analyticsClient(WebClient.Builder builder, DigestProperties properties,
			SearchServiceCredentials credentials) {
		logger.info("Reads analytics from search-service at {} with {}", properties.searchUrl(), credentials.caller());
		return new AnalyticsClient(builder.defaultHeaders(credentials::applyTo), properties.searchUrl(),
				properties.searchTimeout());
	}

	@Bean
	DigestRenderer digestRenderer(DigestProperties properties) {
		return new DigestRenderer(properties.dashboardUrl(), properties.publicUrl());
	}

	@Bean
	EmailDelivery emailDelivery(JavaMailSender mailSender, MailProperties mail, DigestProperties properties) {
		return new EmailDelivery(mailSender, properties.fromAddress(), mail.getHost() + ":" + mail.getPort());
	}

	@Bean
	ChannelWebhooks channelWebhooks(Organization organization, Environment environment) {
		ChannelWebhooks webhooks = ChannelWebhooks.resolve(organization,
				(variable) -> Optional.ofNullable(environment.getProperty(variable)));
		for (Department department : organization.departments()) {
			logger.info("Department {} receives digests by {}", department.id(),
					String.join(", ",
							Stream
								.of(department.members().isEmpty() ? null : "email",
										webhooks.slack(department.id()).isPresent() ? "Slack" : null,
										webhooks.teams(department.id()).isPresent() ? "Teams" : null)
								.filter(Objects::nonNull)
								.toList()));
		}
		return webhooks;
	}

	@Bean
	DigestChannels digestChannels(EmailDelivery email, WebClient.Builder builder, ChannelWebhooks webhooks,
			DigestProperties properties) {
		DigestProperties.Delivery delivery = properties.delivery();
		WebhookPoster poster = new WebhookPoster(builder, delivery.attempts(), delivery.firstBackoff(),
				delivery.maxBackoff(), delivery.timeout());
		return new DigestChannels(email, poster, webhooks, delivery.attempts(), delivery.firstBackoff(),
				delivery.maxBackoff());
	}

	@Bean
	DeliveryLedger deliveryLedger(ElasticsearchClient client, Clock clock, DigestProperties properties,
			MeterRegistry meterRegistry) {
		DeliveryLedger ledger = new DeliveryLedger(client, clock, replicaName(), properties.delivery().claimLease(),
				meterRegistry);
		ledger.createIndexIfAbsent();
		return ledger;
	}

	private static String replicaName() {
		String host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("digest-service");
		return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Bean
	DigestArchive digestArchive(ElasticsearchClient client) {
		DigestArchive archive = new DigestArchive(client);
		archive.createIndexIfAbsent();
		return archive;
	}

	@Bean
	DigestSender digestSender(Organization organization, AnalyticsClient analytics, DigestRenderer renderer,
			DigestChannels channels, DeliveryLedger ledger, DigestArchive archive, Clock clock,
			DigestProperties properties, ObjectProvider<AlertArchive> alerts, ElasticsearchClient client) {
		// The spikes of a period are among the latest alerts; a week holds far fewer.
		Supplier<Mono<List<Alert>>> latestAlerts = () -> Optional.ofNullable(alerts.getIfAvailable())
			.map((archived) -> archived.latest(SPIKES_READ))
			.orElseGet(() -> Mono.just(List.of()));
		SectionSources sections = new SectionSources(new InsightsClient(analytics), properties.dashboardUrl(),
				latestAlerts);
		SavedSearchSources savedSearches = new SavedSearchSources(new SavedSearchSubscriptions(client),
				new InsightsClient(analytics), properties.dashboardUrl(), SAVED_SEARCH_MENTIONS);
		return new DigestSender(organization, analytics, renderer, channels, ledger, archive, clock,
				properties.topMentions(), Optional.of(sections), Optional.of(savedSearches));
	}

	@Bean
	DigestScheduler digestScheduler(Organization organization, DigestSender sender, ElasticsearchClient client,
			Clock clock, DigestProperties properties) {
		organization.board()
			.ifPresent((board) -> logger.info("The board ({} member(s)) receives the monthly digest on day 1 at {} {}",
					board.members().size(), board.digestTime(), board.timeZone()));
		logger.info("Saved searches' subscribers receive the day before at {} in their own zone",
				properties.savedSearchLocalTime());
		return new DigestScheduler(organization, sender,
				Optional.of(new DigestScheduler.SavedSearches(new SavedSearchSubscriptions(client),
						properties.savedSearchLocalTime())),
				clock, properties.checkInterval(), properties.schedule().enabled(),
				properties.schedule().concurrency());
	}

}
