package io.grapevine.gateway;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import io.grapevine.localstack.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The one address as a person uses it in Debian's Chromium: one sign-in, then every page
 * of every service through the one navigation bar, and a digest email's link that lands
 * on its digest after sign-in.
 */
@ExtendWith({ LocalStackExtension.class, BehindTheFrontDoor.class })
class FrontDoorPageTests {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	@Test
	void oneSignInServesTheDashboardTheExecutiveViewAndTheArchiveThroughTheNavigationBar() throws Exception {
		String gateway = BehindTheFrontDoor.running().gateway();
		try (BrowserSession browser = open(gateway + "/")) {
			signIn(browser);
			browser.await("location.pathname === '/' && document.body.getAttribute('aria-busy') === 'false'",
					"the dashboard, signed in");
			assertThat(browser.evaluate("document.getElementById('account-name').textContent").asText())
				.isEqualTo(BehindTheFrontDoor.MEMBER);
			click(browser, "Executive view");
			browser.await("location.pathname === '/executive' && document.body.getAttribute('aria-busy') === 'false'",
					"the executive view");
			assertThat(browser.evaluate("document.querySelector('nav a[aria-current=page]').textContent").asText())
				.isEqualTo("Executive view");
			click(browser, "Digests");
			browser.await(
					"location.pathname === '/digests' && document.querySelector('header .account strong') !== null",
					"the digest archive, signed in");
			assertThat(browser.evaluate("document.querySelector('header .account strong').textContent").asText())
				.isEqualTo(BehindTheFrontDoor.MEMBER);
			click(browser, "Alerts");
			browser.await(
					"location.pathname === '/alerts' && document.querySelector('header .account strong') !== null",
					"the alerts, signed in");
			click(browser, "Dashboard");
			browser.await("location.pathname === '/' && document.body.getAttribute('aria-busy') === 'false'",
					"the dashboard again");
			assertThat(browser.evaluate("document.getElementById('account-name').textContent").asText())
				.isEqualTo(BehindTheFrontDoor.MEMBER);
			assertThat(browser.evaluate("performance.getEntriesByType('navigation')[0].name").asText())
				.isEqualTo(gateway + "/");
		}
	}

	@Test
	void aDigestEmailsLinkFollowedSignedOutLandsOnThatDigestAfterSignIn() throws Exception {
		BehindTheFrontDoor.Running running = BehindTheFrontDoor.running();
		running.smtp().purgeEmailFromAllMailboxes();
		FrontDoorIntegrationTests.client(running.gateway())
			.post()
			.uri("/api/digests/run")
			.headers((headers) -> headers.setBasicAuth(BehindTheFrontDoor.ADMIN, BehindTheFrontDoor.ADMIN_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"department\":\"" + BehindTheFrontDoor.DEPARTMENT + "\"}")
			.exchange()
			.expectStatus()
			.isOk();
		String link = FrontDoorIntegrationTests.archiveLink(running);
		String path = URI.create(link).getRawPath();
		try (BrowserSession browser = open(link)) {
			browser.await("location.pathname === '/login' && document.readyState === 'complete'",
					"the sign-in form, not the digest");
			signIn(browser);
			browser.await(
					"location.pathname === " + BrowserSession.literal(path)
							+ " && document.readyState === 'complete' && document.querySelector('main h2') !== null",
					"the digest the email links to");
			assertThat(browser.evaluate("document.querySelector('main h2').textContent").asText())
				.contains("Operations");
			assertThat(browser.evaluate("document.querySelector('header .account strong').textContent").asText())
				.isEqualTo(BehindTheFrontDoor.MEMBER);
		}
	}

	private static BrowserSession open(String url) throws Exception {
		assumeTrue(Files.isExecutable(CHROMIUM),
				"Debian's chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)");
		return BrowserSession.open(CHROMIUM, url);
	}

	// Through the gateway's sign-in form, as a person does.
	private static void signIn(BrowserSession browser) throws Exception {
		browser.await("location.pathname === '/login' && document.readyState === 'complete'", "the sign-in form");
		browser
			.evaluate("document.getElementById('username').value = " + BrowserSession.literal(BehindTheFrontDoor.MEMBER)
					+ ";" + "document.getElementById('password').value = "
					+ BrowserSession.literal(BehindTheFrontDoor.MEMBER_PASSWORD) + ";"
					+ "document.querySelector('form button[type=submit]').click()");
	}

	private static void click(BrowserSession browser, String page) throws Exception {
		browser.evaluate("Array.from(document.querySelectorAll('nav.nav a')).find((link) => link.textContent === "
				+ BrowserSession.literal(page) + ").click()");
	}

}
