package io.grapevine.search.mentions.web;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.SentimentScore;
import io.grapevine.listening.query.Sentiment;
import io.grapevine.search.handling.Handling;
import io.grapevine.search.handling.HandlingState;
import io.grapevine.search.mentions.FoundMention;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MentionCsvTests {

	private static final Instant PUBLISHED = Instant.parse("2026-11-20T08:15:00Z");

	@Test
	void theFileStartsWithAByteOrderMarkAndTheHeaderRow() {
		byte[] header = MentionCsv.header();
		assertThat(header).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
		assertThat(new String(header, 3, header.length - 3, StandardCharsets.UTF_8))
			.isEqualTo(String.join(",", MentionCsv.COLUMNS) + "\r\n");
	}

	@Test
	void everyColumnOfAMentionWithItsHandlingIsWritten() throws IOException {
		Handling answered = new Handling(HandlingState.ANSWERED, List.of("operations", "communications"),
				Optional.of("amy"), PUBLISHED.plusSeconds(600), Optional.of("amy"),
				Optional.of(PUBLISHED.plusSeconds(600)), Optional.of(URI.create("https://x.com/hct/status/2")),
				Optional.of(PUBLISHED.plusSeconds(600)), Optional.empty());
		CSVRecord row = parse(new FoundMention(mention("Bus 4 is late again", "Amy Rider", -0.625, false), List.of(),
				Optional.empty(), Optional.of(answered)));
		assertThat(row.toMap()).containsEntry("id", "x:1")
			.containsEntry("source", "x")
			.containsEntry("url", "https://x.com/rider/status/1")
			.containsEntry("publishedAt", "2026-11-20T08:15:00Z")
			.containsEntry("authorHandle", "rider")
			.containsEntry("authorName", "Amy Rider")
			.containsEntry("followers", "1234")
			.containsEntry("language", "en")
			.containsEntry("sentiment", "negative")
			.containsEntry("sentimentScore", "-0.625")
			.containsEntry("reach", "3.25")
			.containsEntry("likes", "5")
			.containsEntry("shares", "2")
			.containsEntry("replies", "1")
			.containsEntry("topics", "delays; brand")
			.containsEntry("departments", "operations; communications")
			.containsEntry("competitors", "metro-link")
			.containsEntry("owned", "false")
			.containsEntry("ownedBy", "")
			.containsEntry("handlingState", "answered")
			.containsEntry("handlingDepartments", "operations; communications")
			.containsEntry("assignee", "amy")
			.containsEntry("answeredBy", "amy")
			.containsEntry("answeredAt", "2026-11-20T08:25:00Z")
			.containsEntry("answerUrl", "https://x.com/hct/status/2")
			.containsEntry("text", "Bus 4 is late again");
	}

	@Test
	void quotesCommasAndLineBreaksInTextSurviveACsvParser() throws IOException {
		String text = "She said \"late, again\",\r\nthen: café 🚌\n\"end\"";
		CSVRecord row = parse(found(mention(text, "Doe, \"Jo\"", 0.5, false)));
		assertThat(row.get("text")).isEqualTo(text);
		assertThat(row.get("authorName")).isEqualTo("Doe, \"Jo\"");
	}

	@Test
	void textThatASpreadsheetWouldRunAsAFormulaGetsALeadingApostrophe() throws IOException {
		for (String formula : List.of("=HYPERLINK(\"https://evil.example\",\"click\")", "+1 for the new tram",
				"-5 stars, never again", "@hctransit why?", "\tindented", "\rcarriage")) {
			CSVRecord row = parse(found(mention(formula, formula, 0.1, false)));
			assertThat(row.get("text")).as(formula).isEqualTo("'" + formula);
			assertThat(row.get("authorName")).as(formula).isEqualTo("'" + formula);
		}
		CSVRecord negative = parse(found(mention("fine", "Amy", -0.75, false)));
		assertThat(negative.get("sentimentScore")).isEqualTo("-0.75");
		assertThat(negative.get("text")).isEqualTo("fine");
	}

	@Test
	void theOrganizationsOwnPostsHaveNoHandling() throws IOException {
		CSVRecord row = parse(new FoundMention(mention("Trams run every 10 minutes", "HCT", 0.2, true), List.of(),
				Optional.empty(), Optional.empty()));
		assertThat(row.toMap()).containsEntry("owned", "true")
			.containsEntry("ownedBy", "communications")
			.containsEntry("handlingState", "")
			.containsEntry("handlingDepartments", "")
			.containsEntry("answeredAt", "");
	}

	@Test
	void smallNumbersAreWrittenInPlainDigits() throws IOException {
		CSVRecord row = parse(found(mention("ok", "Amy", 0.0001, false)));
		assertThat(row.get("sentimentScore")).isEqualTo("0.0001");
	}

	private static CSVRecord parse(FoundMention found) throws IOException {
		StringBuilder csv = new StringBuilder(String.join(",", MentionCsv.COLUMNS)).append("\r\n");
		MentionCsv.row(found, csv);
		List<CSVRecord> records = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv.toString()))
			.getRecords();
		assertThat(records).hasSize(1);
		return records.get(0);
	}

	private static FoundMention found(Mention mention) {
		return new FoundMention(mention, List.of(), Optional.empty(), Optional.empty());
	}

	private static Mention mention(String text, String authorName, double score, boolean owned) {
		Sentiment label = (score < 0) ? Sentiment.NEGATIVE : Sentiment.POSITIVE;
		return new Mention(Mention.SCHEMA_VERSION, null, "x", "1", URI.create("https://x.com/rider/status/1"), text,
				new Author("rider", Optional.of(authorName), Optional.of(1234L), Optional.empty()), PUBLISHED,
				PUBLISHED.plusSeconds(30), Optional.of("en"), new Engagement(5, 2, 1), Optional.empty(),
				Optional.empty(), List.of("delays", "brand"), List.of("operations", "communications"),
				Optional.of(new SentimentScore(score, label)), Optional.empty(), Optional.of(3.25),
				List.of("metro-link"), owned, owned ? Optional.of("communications") : Optional.empty(),
				Optional.empty());
	}

}
