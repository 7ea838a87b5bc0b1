package io.grapevine.search;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saved searches in Chromium, through the dashboard's own scripts against the real API:
 * the search on screen is saved for everyone, listed, subscribed to and opened again by
 * its permalink.
 */
@TestInstance(Lifecycle.PER_CLASS)
class SavedSearchPageTests extends PageTestSupport {

	private final String word = "ss" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

	private BrowserSession browser;

	@BeforeAll
	void signInInChromium() throws Exception {
		this.browser = signIn(TestUsers.MEMBER, TestUsers.MEMBER_PASSWORD);
	}

	@AfterAll
	void closeBrowser() throws Exception {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void theSearchOnScreenIsSavedForEveryoneSubscribedToAndOpenedByItsPermalink() throws Exception {
		render(this.browser, "/?q=" + this.word + "&sentiment=negative&days=30");
		String name = "Negative " + this.word;
		this.browser.evaluate("(() => { document.getElementById('save-name').value = " + BrowserSession.literal(name)
				+ "; document.getElementById('save-form').requestSubmit(); })()");
		this.browser.await("!document.getElementById('saved-done').hidden", "the search saved");
		String item = "#saved-searches li.saved";
		this.browser.await(
				"Array.from(document.querySelectorAll(" + BrowserSession.literal(item)
						+ ")).some((li) => li.textContent.includes(" + BrowserSession.literal(name) + "))",
				"the search listed");

		Map<String, Object> saved = list(getJson("/api/saved-searches"), "searches").stream()
			.filter((search) -> name.equals(search.get("name")))
			.findFirst()
			.orElseThrow();
		String id = (String) saved.get("id");
		assertThat(saved).containsEntry("query", this.word).containsEntry("createdBy", TestUsers.MEMBER);
		assertThat(map(saved, "filters")).containsEntry("sentiment", List.of("negative"))
			.containsEntry("period", "30d");
		assertThat(this.browser.evaluate(query("#saved-done a.permalink") + ".getAttribute('href')").asText())
			.isEqualTo("/?saved=" + id);

		String mine = "#saved-searches li[data-id=" + BrowserSession.literal(id) + "]";
		this.browser.evaluate(query(mine + " button[data-action=subscribe]") + ".click()");
		this.browser.await(query(mine + " button[data-action=unsubscribe]") + " !== null", "subscribed");
		Map<String, Object> subscribed = getJson("/api/saved-searches/{id}", id);
		assertThat(subscribed).containsEntry("subscribed", true).containsEntry("subscribers", 1);

		render(this.browser, "/?saved=" + id);
		assertThat(this.browser.evaluate("document.getElementById('saved-banner').textContent").asText())
			.isEqualTo("Saved search “" + name + "”, saved by " + TestUsers.MEMBER);
		assertThat(this.browser.evaluate("document.getElementById('q').value").asText()).isEqualTo(this.word);
	}

}
