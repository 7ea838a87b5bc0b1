package io.grapevine.search.indexing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.InvalidMentionException;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MentionDocumentsTests {

	@Test
	void theDocumentIsTheMentionJsonWithTheEngagementTotal() throws Exception {
		MentionDocument document = MentionDocuments.from(MentionJson.write(mention()));
		assertThat(document.id()).isEqualTo("x:42");
		assertThat(document.index()).isEqualTo("mentions-2026.11");
		JsonNode source = MentionJson.mapper().readTree(document.source());
		assertThat(source.at("/engagement/total").asLong()).isEqualTo(12);
		assertThat(source.at("/engagement/likes").asLong()).isEqualTo(7);
		assertThat(source.at("/text").asText()).isEqualTo("The 42 bus was late again");
		assertThat(MentionJson.mapper().treeToValue(source, Mention.class)).isEqualTo(mention());
	}

	@Test
	void theCompetitorsAMentionNamesAreWrittenAndAMentionFromAnOlderWriterNamesNone() throws Exception {
		Mention named = mention().withTags(List.of(), List.of(), List.of("metro-link"));
		JsonNode source = MentionJson.mapper().readTree(MentionDocuments.from(MentionJson.write(named)).source());
		assertThat(source.path("competitors")).extracting(JsonNode::asText).containsExactly("metro-link");
		String older = MentionJson.write(mention()).replace(",\"competitors\":[]", "");
		assertThat(older).doesNotContain("competitors");
		JsonNode none = MentionJson.mapper().readTree(MentionDocuments.from(older).source());
		assertThat(none.path("competitors").isArray()).isTrue();
		assertThat(none.path("competitors")).isEmpty();
	}

	@Test
	void fieldsFromANewerWriterAreKeptAndTimesAreWrittenInCanonicalForm() throws Exception {
		String json = MentionJson.write(mention())
			.replace("\"publishedAt\":\"2026-11-20T09:15:00Z\"", "\"publishedAt\":\"2026-11-20T10:15:00+01:00\"")
			.replace("{\"schemaVersion\":3", "{\"schemaVersion\":4,\"mood\":0.4");
		JsonNode source = MentionJson.mapper().readTree(MentionDocuments.from(json).source());
		assertThat(source.at("/mood").asDouble()).isEqualTo(0.4);
		assertThat(source.at("/publishedAt").asText()).isEqualTo("2026-11-20T09:15:00Z");
	}

	@Test
	void theMatchFieldsHoldTheTextAndFieldsAsTheQueryLanguageReadsThem() throws Exception {
		Mention mention = Mention.builder("mastodon", "7")
			.url(URI.create("https://social.example/@Amy/7"))
			.text("Le Café #Métro ouvre, merci @CityHall! 東京")
			.author(Author.of("Amy@Social.Example"))
			.publishedAt(Instant.parse("2026-11-20T09:15:00Z"))
			.build()
			.withTags(List.of("Délais"), List.of());
		JsonNode match = MentionJson.mapper()
			.readTree(MentionDocuments.from(MentionJson.write(mention)).source())
			.path("match");
		assertThat(match.path("words").asText()).isEqualTo("le cafe metro ouvre merci cityhall 東 京");
		assertThat(match.path("hashtags")).extracting(JsonNode::asText).containsExactly("metro");
		assertThat(match.path("handles")).extracting(JsonNode::asText)
			.containsExactly("amy", "amy@social.example", "cityhall");
		assertThat(match.path("author").asText()).isEqualTo("amy@social.example");
		assertThat(match.path("topics")).extracting(JsonNode::asText).containsExactly("delais");
	}

	@Test
	void aMentionWithoutAClusterIsItsOwnClusterForCollapsing() throws Exception {
		JsonNode alone = MentionJson.mapper().readTree(MentionDocuments.from(MentionJson.write(mention())).source());
		assertThat(alone.path("clusterKey").asText()).isEqualTo("x:42");
		assertThat(alone.has("clusterId")).isFalse();
		Mention clustered = mention().withEnrichment(Optional.of("en"), Optional.empty(), Optional.of("c-9"),
				Optional.of(12.5));
		JsonNode copy = MentionJson.mapper().readTree(MentionDocuments.from(MentionJson.write(clustered)).source());
		assertThat(copy.path("clusterKey").asText()).isEqualTo("c-9");
		assertThat(copy.path("reach").asDouble()).isEqualTo(12.5);
	}

	@Test
	void malformedJsonIsRejectedWithAReason() {
		assertThatExceptionOfType(InvalidMentionException.class).isThrownBy(() -> MentionDocuments.from("{\"id\":"))
			.withMessageStartingWith("not valid JSON");
		assertThatExceptionOfType(InvalidMentionException.class).isThrownBy(() -> MentionDocuments.from("[1,2]"))
			.withMessageContaining("not an object");
		assertThatExceptionOfType(InvalidMentionException.class).isThrownBy(() -> MentionDocuments.from(null))
			.withMessageContaining("empty");
	}

	@Test
	void jsonThatIsNotAMentionIsRejectedWithTheMissingField() {
		String json = new String(MentionJson.write(mention()).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
			.replace("\"text\":\"The 42 bus was late again\",", "");
		assertThatExceptionOfType(InvalidMentionException.class).isThrownBy(() -> MentionDocuments.from(json))
			.withMessageContaining("text");
	}

	@Test
	void theSiteFieldHoldsTheHostAndEachParentDomainDownToTheTld() throws Exception {
		JsonNode source = MentionJson.mapper()
			.readTree(MentionDocuments.from(MentionJson.write(mention("https://news.example.org/a"))).source());
		assertThat(source.path("site")).extracting(JsonNode::asText)
			.containsExactly("news.example.org", "example.org", "org");
	}

	@Test
	void aLeadingWwwIsItsOwnEntryBesideTheDomainWithoutIt() {
		assertThat(MentionDocuments.sites(URI.create("https://www.reddit.com/r/transit")))
			.containsExactly("www.reddit.com", "reddit.com", "com");
	}

	@Test
	void aDeepHostGivesEveryParentDomain() {
		assertThat(MentionDocuments.sites(URI.create("https://a.b.news.example.org/x")))
			.containsExactly("a.b.news.example.org", "b.news.example.org", "news.example.org", "example.org", "org");
		assertThat(MentionDocuments.sites(URI.create("https://www.bbc.co.uk/news"))).containsExactly("www.bbc.co.uk",
				"bbc.co.uk", "co.uk", "uk");
	}

	@Test
	void thePortTheUserInfoAndATrailingDotAreDroppedAndTheHostIsLowerCased() {
		assertThat(MentionDocuments.sites(URI.create("https://News.Example.ORG:8443/a?b=c")))
			.containsExactly("news.example.org", "example.org", "org");
		assertThat(MentionDocuments.sites(URI.create("http://amy@WWW.Example.com./post")))
			.containsExactly("www.example.com", "example.com", "com");
	}

	@Test
	void anIpAddressIsKeptAsIsWithoutParentValues() {
		assertThat(MentionDocuments.sites(URI.create("http://192.168.10.20:8080/feed")))
			.containsExactly("192.168.10.20");
		assertThat(MentionDocuments.sites(URI.create("http://[2001:DB8::1]:8080/feed")))
			.containsExactly("[2001:db8::1]");
	}

	@Test
	void aSingleLabelHostIsTheOnlyValueAndAUrlWithoutAHostHasNone() throws Exception {
		assertThat(MentionDocuments.sites(URI.create("http://localhost:8080/a"))).containsExactly("localhost");
		assertThat(MentionDocuments.sites(URI.create("urn:isbn:0451450523"))).isEmpty();
		String scripted = MentionJson.write(mention("https://x.com/amy/status/42"))
			.replace("https://x.com/amy/status/42", "javascript:alert(1)");
		assertThatExceptionOfType(InvalidMentionException.class).isThrownBy(() -> MentionDocuments.from(scripted))
			.withMessageContaining("must be an http or https link");
	}

	private static Mention mention(String url) {
		return Mention.builder("x", "42")
			.url(URI.create(url))
			.text("The 42 bus was late again")
			.author(Author.of("amy", "Amy", 120))
			.publishedAt(Instant.parse("2026-11-20T09:15:00Z"))
			.ingestedAt(Instant.parse("2026-11-20T09:16:00Z"))
			.language("en")
			.engagement(new Engagement(7, 3, 2))
			.build();
	}

	private static Mention mention() {
		return mention("https://x.com/amy/status/42");
	}

}
