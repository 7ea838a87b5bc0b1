package io.grapevine.digest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.grapevine.digest.composition.AnalyticsSummary;
import io.grapevine.digest.composition.BoardCase;
import io.grapevine.digest.composition.Digest;
import io.grapevine.digest.composition.DigestComposer;
import io.grapevine.digest.delivery.slack.SlackDigestMessage;
import io.grapevine.digest.delivery.teams.TeamsDigestCard;
import io.grapevine.digest.rendering.DigestRenderer;
import io.grapevine.digest.rendering.RenderedDigest;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each audience reads, in every channel, for fixed analytics answers: the email's
 * HTML and text, the Slack message and the Teams card of a department's daily digest
 * (with its sections, and from the summary alone) and of the board's monthly digest,
 * compared with the files under {@code src/test/resources/golden}. Run with
 * {@code -Dgolden.update=true} to write the files again after a change meant to show.
 */
class RenderedDigestGoldenTests {

	private static final Path GOLDEN = Path.of("src/test/resources/golden");

	private static final URI PUBLIC = URI.create("https://grapevine.example.org/");

	private static final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	@Test
	void aDepartmentsDailyDigestWithItsSectionsReadsAsBefore() {
		Digest digest = FullDigest.digest("Plain <b>words</b> & more. ");
		DigestRenderer renderer = new DigestRenderer(FullDigest.DASHBOARD, PUBLIC);
		String id = "operations-2026-11-19";
		RenderedDigest rendered = renderer.render(digest, id);
		URI archive = renderer.archiveLink(id);
		URI search = renderer.dashboardLink(digest);

		assertGolden("department-daily", rendered, SlackDigestMessage.of(digest, archive, search),
				TeamsDigestCard.of(digest, archive, search));
	}

	@Test
	void aDepartmentsDailyDigestFromTheSummaryAloneReadsAsBefore() {
		Instant from = FullDigest.THURSDAY.from();
		AnalyticsSummary thursday = new AnalyticsSummary(from, FullDigest.THURSDAY.to(), "Europe/London", 37,
				List.of(new AnalyticsSummary.Bucket("x", 25), new AnalyticsSummary.Bucket("reddit", 12)),
				List.of(new AnalyticsSummary.Bucket("delays", 30), new AnalyticsSummary.Bucket("safety", 7)),
				List.of(FullDigest.mention("m1", "The 42 is late again", 900),
						FullDigest.mention("m2", "Thanks to the driver of the 7:10 <3", 300)));
		AnalyticsSummary wednesday = new AnalyticsSummary(FullDigest.THURSDAY.previous().from(), from, "Europe/London",
				50, List.of(), List.of(), List.of());
		Digest digest = DigestComposer.compose(FullDigest.organization(),
				FullDigest.organization().department("operations").orElseThrow(), FullDigest.THURSDAY, thursday,
				wednesday, 5);
		DigestRenderer renderer = new DigestRenderer(FullDigest.DASHBOARD, PUBLIC);
		String id = "operations-2026-11-19";
		RenderedDigest rendered = renderer.render(digest, id);
		URI archive = renderer.archiveLink(id);
		URI search = renderer.dashboardLink(digest);

		assertGolden("department-daily-summary", rendered, SlackDigestMessage.of(digest, archive, search),
				TeamsDigestCard.of(digest, archive, search));
	}

	@Test
	void theAllStaffDailyDigestReadsAsBefore() {
		Department operations = FullDigest.organization().department("operations").orElseThrow();
		Department communications = new Department("communications", "Communications", FullDigest.LONDON,
				LocalTime.of(8, 0), List.of("comms@example.org"), Optional.empty(), Optional.empty(), List.of());
		Department allStaff = new Department(Organization.ALL_STAFF, "All staff", FullDigest.LONDON, LocalTime.of(9, 0),
				List.of("everyone@example.org"), Optional.empty(), Optional.empty(), List.of());
		Organization organization = new Organization("Harbor City Transit", List.of(operations, communications),
				List.of(), Organization.DEFAULT_LANGUAGES, Optional.of(allStaff));
		Instant from = FullDigest.THURSDAY.from();
		AnalyticsSummary thursday = new AnalyticsSummary(from, FullDigest.THURSDAY.to(), "Europe/London", 60,
				List.of(new AnalyticsSummary.Bucket("x", 40), new AnalyticsSummary.Bucket("mastodon", 20)),
				List.of(new AnalyticsSummary.Bucket("delays", 30)),
				List.of(FullDigest.mention("m1", "The 42 is late again", 900)));
		AnalyticsSummary wednesday = new AnalyticsSummary(FullDigest.THURSDAY.previous().from(), from, "Europe/London",
				60, List.of(), List.of(), List.of());
		Digest digest = DigestComposer.composeAllStaff(organization, allStaff, FullDigest.THURSDAY, thursday, wednesday,
				List.of(45L, 15L), 20, 10, Map.of("operations", "operations-2026-11-19"), 5);
		DigestRenderer renderer = new DigestRenderer(FullDigest.DASHBOARD, PUBLIC);
		String id = "all-staff-2026-11-19";
		RenderedDigest rendered = renderer.render(digest, id);
		URI archive = renderer.archiveLink(id);
		URI search = renderer.dashboardLink(digest);

		assertGolden("all-staff-daily", rendered, SlackDigestMessage.of(digest, archive, search),
				TeamsDigestCard.of(digest, archive, search));
	}

	@Test
	void theBoardsMonthlyDigestReadsAsBefore() {
		Digest digest = BoardCase.RISE.digest();
		DigestRenderer renderer = new DigestRenderer(FullDigest.DASHBOARD, PUBLIC);
		String id = "board-2026-11";
		RenderedDigest rendered = renderer.render(digest, id);
		URI archive = renderer.archiveLink(id);
		URI search = renderer.dashboardLink(digest);

		assertGolden("board-monthly", rendered, SlackDigestMessage.of(digest, archive, search),
				TeamsDigestCard.of(digest, archive, search));
	}

	private static void assertGolden(String name, RenderedDigest rendered, JsonNode slack, JsonNode teams) {
		StringBuilder images = new StringBuilder();
		rendered.images()
			.forEach((image) -> images.append(image.contentId())
				.append(' ')
				.append(image.contentType())
				.append(' ')
				.append(image.description())
				.append('\n'));
		assertMatches(name + ".subject.txt", rendered.subject() + "\n");
		assertMatches(name + ".html", rendered.html());
		assertMatches(name + ".txt", rendered.text());
		assertMatches(name + ".images.txt", images.toString());
		assertMatches(name + ".slack.json", pretty(slack));
		assertMatches(name + ".teams.json", pretty(teams));
	}

	private static void assertMatches(String file, String actual) {
		Path path = GOLDEN.resolve(file);
		try {
			if (Boolean.getBoolean("golden.update") || !Files.exists(path)) {
				Files.createDirectories(path.getParent());
				Files.writeString(path, actual, StandardCharsets.UTF_8);
			}
			assertThat(actual).as(file).isEqualTo(Files.readString(path, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String pretty(JsonNode node) {
		try {
			return json.writeValueAsString(node) + "\n";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
