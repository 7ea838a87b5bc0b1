package io.grapevine.search;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Pages as a person sees them: Debian's Chromium signs in through the form and renders
 * the pages the running service serves over mentions indexed in the real Elasticsearch.
 */
abstract class PageTestSupport extends LiveStackTestSupport {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static void assumeChromium() {
		assumeTrue(Files.isExecutable(CHROMIUM),
				"Debian's chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)");
	}

	// Through the sign-in form, as a person does; the dashboard then marks itself busy
	// until it has drawn everything.
	BrowserSession signIn(String username, String password) throws Exception {
		assumeChromium();
		BrowserSession session = BrowserSession.open(CHROMIUM, url("/"));
		try {
			session.await("location.pathname === '/login' && document.readyState === 'complete'", "the sign-in form");
			session.evaluate("document.getElementById('username').value = " + BrowserSession.literal(username) + ";"
					+ "document.getElementById('password').value = " + BrowserSession.literal(password) + ";"
					+ "document.querySelector('form button[type=submit]').click()");
			session.await("location.pathname === '/' && document.body.getAttribute('aria-busy') === 'false'",
					"the dashboard, signed in");
			return session;
		}
		catch (Exception | AssertionError ex) {
			session.close();
			throw ex;
		}
	}

	/**
	 * Open a page of the dashboard and wait until it has drawn everything.
	 * @param browser the signed-in browser
	 * @param path the path and query
	 * @return the page's HTML as drawn
	 * @throws Exception when the browser does not answer
	 */
	String render(BrowserSession browser, String path) throws Exception {
		browser.navigate(url(path));
		awaitDrawn(browser);
		return browser.evaluate("document.documentElement.outerHTML").asText();
	}

	static void awaitDrawn(BrowserSession browser) throws Exception {
		browser.await("document.body.getAttribute('aria-busy') === 'false'", "the dashboard drawn");
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	static String query(String selector) {
		return "document.querySelector(" + BrowserSession.literal(selector) + ")";
	}

}
