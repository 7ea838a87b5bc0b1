package io.grapevine.ingest.source.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class WebhookPayloadMapperTests {

	private static final Instant NOW = Instant.parse("2026-11-21T22:00:00Z");

	private static final String GOOD = """
			[{"id": "c-1", "url": "https://crm.example.org/cases/1", "text": "Bus delayed",
			  "author": {"handle": "@amy", "displayName": "Amy", "followers": 12},
			  "publishedAt": "2026-11-21T09:30:00Z", "language": "en", "inReplyTo": "c-0",
			  "engagement": {"likes": 1, "shares": 2, "replies": 3}},
			 {"id": 2, "url": "http://crm.example.org/cases/2", "text": "Thanks to the driver",
			  "author": {"handle": "sam"}, "publishedAt": "2026-11-21T10:30:00+02:00"}]
			""";

	private final WebhookPayloadMapper mapper = new WebhookPayloadMapper("crm",
			new WebhookSettings.Defaults(null, null, null));

	private final WebhookPayloadMapper withDefaults = new WebhookPayloadMapper("form",
			new WebhookSettings.Defaults("de", "@contact", "https://forms.example.org/a/{id}"));

	@Test
	void mapsEveryFieldOfTheDocumentedBody() {
		WebhookPayloadMapper.Mapped mapped = this.mapper.map(bytes(GOOD), NOW);

		assertThat(mapped).isInstanceOf(WebhookPayloadMapper.Mapped.Mentions.class);
		Mention first = ((WebhookPayloadMapper.Mapped.Mentions) mapped).mentions().get(0);
		assertThat(first.id()).isEqualTo("webhook:crm:c-1");
		assertThat(first.author().handle()).isEqualTo("amy");
		assertThat(first.author().displayName()).contains("Amy");
		assertThat(first.author().followers()).contains(12L);
		assertThat(first.engagement()).isEqualTo(new Engagement(1, 2, 3));
		assertThat(first.inReplyTo()).contains("crm:c-0");
		assertThat(first.ingestedAt()).isEqualTo(NOW);
		Mention second = ((WebhookPayloadMapper.Mapped.Mentions) mapped).mentions().get(1);
		assertThat(second.id()).isEqualTo("webhook:crm:2");
		assertThat(second.publishedAt()).isEqualTo(Instant.parse("2026-11-21T08:30:00Z"));
		assertThat(second.language()).isEmpty();
		assertThat(second.engagement()).isEqualTo(Engagement.NONE);
	}

	@Test
	void fillsLeftOutFieldsFromTheDefaultsAndEncodesTheIdInTheUrl() {
		WebhookPayloadMapper.Mapped mapped = this.withDefaults
			.map(bytes("{\"id\": \"a/1ü\", \"text\": \"hi\", \"publishedAt\": \"2026-11-21T09:30:00Z\"}"), NOW);

		Mention mention = ((WebhookPayloadMapper.Mapped.Mentions) mapped).mentions().get(0);
		assertThat(mention.id()).isEqualTo("webhook:form:a/1ü");
		assertThat(mention.url()).hasToString("https://forms.example.org/a/a%2F1%C3%BC");
		assertThat(mention.author().handle()).isEqualTo("contact");
		assertThat(mention.language()).contains("de");
	}

	@Test
	void refusesTheWholeBodyNamingTheItemAndTheFieldThatIsWrong() {
		assertThat(refusal("")).contains("empty");
		assertThat(refusal("[]")).contains("empty array");
		assertThat(refusal("\"text\"")).contains("neither an object nor an array");
		assertThat(refusal("{\"id\": \"x\", \"text\": \"hi\"")).contains("not JSON");
		assertThat(refusal("<html><body>Error</body></html>")).contains("not JSON");
		assertThat(refusal(GOOD.replace("\"text\": \"Thanks to the driver\",", ""))).contains("item 1")
			.contains("mention 2 has no 'text'");
		assertThat(refusal(GOOD.replace("\"id\": 2,", "\"id\": {\"n\": 2},"))).contains("item 1").contains("'id'");
		assertThat(refusal(GOOD.replace("\"publishedAt\": \"2026-11-21T09:30:00Z\"", "\"publishedAt\": \"yesterday\"")))
			.contains("item 0")
			.contains("'publishedAt'");
		assertThat(refusal(GOOD.replace("\"followers\": 12", "\"followers\": -1"))).contains("author.followers");
		assertThat(refusal(GOOD.replace("\"likes\": 1", "\"likes\": \"many\""))).contains("engagement.likes");
		assertThat(refusal(GOOD.replace("https://crm.example.org/cases/1", "/cases/1"))).contains("'url'");
		assertThat(refusal(GOOD.replace("\"author\": {\"handle\": \"sam\"},", ""))).contains("no 'author'");
	}

	@Test
	void neverThrowsAndEitherMapsEveryItemOrRefusesTheBodyWhateverItLooksLike() throws Exception {
		ObjectMapper json = new ObjectMapper();
		ArrayNode template = (ArrayNode) json.readTree(GOOD);
		Random random = new Random(20261121L);
		int mappedBodies = 0;
		for (int run = 0; run < 4000; run++) {
			String body;
			int items = -1;
			switch (run % 4) {
				case 0 -> body = GOOD.substring(0, random.nextInt(GOOD.length() + 1));
				case 1 -> body = flip(GOOD, random);
				default -> {
					ArrayNode mutated = mutate(template.deepCopy(), random);
					items = mutated.size();
					body = mutated.toString();
				}
			}
			WebhookPayloadMapper.Mapped[] mapped = new WebhookPayloadMapper.Mapped[1];
			String input = body;
			assertThatCode(() -> mapped[0] = this.withDefaults.map(bytes(input), NOW)).as("body %d: %s", run, body)
				.doesNotThrowAnyException();
			assertThat(mapped[0]).as("body %d", run).isNotNull();
			if (mapped[0] instanceof WebhookPayloadMapper.Mapped.Mentions mentions) {
				mappedBodies++;
				if (items >= 0) {
					assertThat(mentions.mentions()).as("body %d: %s", run, body).hasSize(items);
				}
				assertThat(mentions.mentions()).allSatisfy((mention) -> {
					assertThat(mention.id()).startsWith("webhook:form:");
					assertThat(mention.text()).isNotBlank();
				});
			}
			else {
				assertThat(((WebhookPayloadMapper.Mapped.Refused) mapped[0]).reason()).isNotBlank();
			}
		}
		assertThat(mappedBodies).as("the mutations should leave many bodies mappable").isGreaterThan(300);
	}

	private String refusal(String body) {
		WebhookPayloadMapper.Mapped mapped = this.mapper.map(bytes(body), NOW);
		assertThat(mapped).as(body).isInstanceOf(WebhookPayloadMapper.Mapped.Refused.class);
		return ((WebhookPayloadMapper.Mapped.Refused) mapped).reason();
	}

	private static byte[] bytes(String body) {
		return body.getBytes(StandardCharsets.UTF_8);
	}

	private static String flip(String body, Random random) {
		char[] characters = body.toCharArray();
		for (int i = 0; i < 3; i++) {
			characters[random.nextInt(characters.length)] = "{}[]\":,x0 \\".charAt(random.nextInt(11));
		}
		return new String(characters);
	}

	private static ArrayNode mutate(ArrayNode items, Random random) {
		JsonNode[] odd = { JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.textNode(""),
				JsonNodeFactory.instance.numberNode(-5), JsonNodeFactory.instance.numberNode(1.5),
				JsonNodeFactory.instance.textNode("not a url"), JsonNodeFactory.instance.arrayNode(),
				JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.booleanNode(true),
				JsonNodeFactory.instance.textNode("x".repeat(300)) };
		String[] fields = { "id", "url", "text", "author", "publishedAt", "language", "engagement", "inReplyTo" };
		for (JsonNode item : items) {
			if (random.nextInt(3) != 0) {
				continue;
			}
			ObjectNode object = (ObjectNode) item;
			String field = fields[random.nextInt(fields.length)];
			switch (random.nextInt(4)) {
				case 0 -> object.remove(field);
				case 1 -> object.set(field, odd[random.nextInt(odd.length)]);
				case 2 -> ((ObjectNode) object.get("author")).set(random.nextBoolean() ? "handle" : "followers",
						odd[random.nextInt(odd.length)]);
				default -> object.with("engagement").set("likes", odd[random.nextInt(odd.length)]);
			}
		}
		return items;
	}

}
