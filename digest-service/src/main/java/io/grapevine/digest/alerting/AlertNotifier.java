package io.grapevine.digest.alerting;

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.grapevine.digest.archive.DeliveryLedger;
import io.grapevine.digest.delivery.ChannelWebhooks;
import io.grapevine.digest.delivery.EmailDelivery;
import io.grapevine.digest.delivery.WebhookPoster;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;

/**
 * Sends an alert to every department that owns or follows its topic, on each of its
 * channels (email to the members, Slack, Teams), claiming each message and channel in the
 * delivery ledger first so that a replay or another replica sends nothing twice.
 */
public class AlertNotifier {

	private static final Logger logger = LoggerFactory.getLogger(AlertNotifier.class);

	private final Organization organization;

	private final EmailDelivery email;

	private final WebhookPoster poster;

	private final ChannelWebhooks webhooks;

	private final DeliveryLedger ledger;

	private final URI dashboardUrl;

	/**
	 * Create a notifier.
	 * @param organization the organization
	 * @param email the SMTP delivery
	 * @param poster posts to chat webhooks
	 * @param webhooks the departments' webhooks
	 * @param ledger the delivery ledger
	 * @param dashboardUrl the search dashboard, linked from alerts
	 */
	public AlertNotifier(Organization organization, EmailDelivery email, WebhookPoster poster, ChannelWebhooks webhooks,
			DeliveryLedger ledger, URI dashboardUrl) {
		this.organization = organization;
		this.email = email;
		this.poster = poster;
		this.webhooks = webhooks;
		this.ledger = ledger;
		this.dashboardUrl = dashboardUrl;
	}

	/**
	 * Send an alert; a channel that fails is logged and does not stop the others.
	 * @param alert the alert
	 * @return completes once every channel was tried
	 */
	public Mono<Void> send(Alert alert) {
		String topicName = this.organization.topic(alert.topicId()).map(Topic::name).orElse(alert.topicId());
		URI link = AlertMessage.link(this.dashboardUrl, alert.topicId());
		List<Department> departments = this.organization.departmentsListeningTo(alert.topicId());
		return Flux.fromIterable(departments).concatMap((department) -> {
			String messageId = "alert:" + alert.messageId() + ":" + department.id();
			Flux<Mono<Void>> sends = Flux.empty();
			if (!department.members().isEmpty()) {
				sends = sends.concatWithValues(once(messageId, "email", department,
						() -> this.email.deliver(department.members(), AlertMessage.email(alert, topicName, link))));
			}
			Mono<Void> slack = this.webhooks.slack(department.id())
				.map((url) -> once(messageId, "slack", department,
						() -> this.poster.post(url, AlertMessage.slack(alert, topicName, link),
								"Slack webhook of " + department.id())))
				.orElse(Mono.empty());
			Mono<Void> teams = this.webhooks.teams(department.id())
				.map((url) -> once(messageId, "teams", department,
						() -> this.poster.post(url, AlertMessage.teams(alert, topicName, link),
								"Teams webhook of " + department.id())))
				.orElse(Mono.empty());
			return sends.concatWithValues(slack, teams).concatMap((send) -> send);
		}).then();
	}

	private Mono<Void> once(String messageId, String channel, Department department, Supplier<Mono<Void>> send) {
		return this.ledger.claim(messageId, channel).flatMap((claim) -> {
			if (claim != DeliveryLedger.Claim.CLAIMED) {
				return Mono.<Void>empty();
			}
			return send.get()
				.then(this.ledger.markSent(messageId, channel))
				.doOnSuccess((done) -> logger.info("Alert {} sent to {} by {}", messageId, department.id(), channel))
				.onErrorResume((ex) -> this.ledger.release(messageId, channel, String.valueOf(ex.getMessage()))
					.then(Mono.fromRunnable(() -> logger.warn("Alert {} not sent to {} by {}: {}", messageId,
							department.id(), channel, ex.getMessage()))));
		}).onErrorResume((ex) -> {
			logger.warn("Alert {} not sent to {} by {}: {}", messageId, department.id(), channel, ex.getMessage());
			return Mono.empty();
		});
	}

}
